"""The dev environment keeps its secrets off command lines and out of files others can read.

Every process can read every other process's command line (`ps`, /proc/PID/cmdline), so a password passed as
an argument is public on the machine. The devenv passes them through the environment (private to the process
and root), stdin or files of mode 0600. The secrets are those the environment generated
($BERTH_DEV_STATE/secrets/) and the application credential's secret."""
import glob
import json
import os
import stat

import pytest


@pytest.fixture(scope="module")
def state(env):
    return env["BERTH_DEV_STATE"]


@pytest.fixture(scope="module")
def secrets(state):
    """name -> value of every secret the environment made."""
    out = {}
    for path in glob.glob(os.path.join(state, "secrets", "*")):
        with open(path) as f:
            out[os.path.basename(path)] = f.read().strip()
    appcred = os.path.join(state, "openstack", "appcred.json")
    if os.path.exists(appcred):
        with open(appcred) as f:
            out["appcred"] = json.load(f)["secret"]
    # Not vacuous: the secrets of the components that are up must be there, and long enough to mean something.
    if os.environ.get("BERTH_DEV_OPENSTACK"):
        assert {"os-admin", "os-demo", "os-other", "os-service", "appcred"} <= set(out), sorted(out)
    if os.environ.get("BERTH_DEV_REGISTRY_BASIC"):
        assert {"registry-basic", "registry-token", "registry-http"} <= set(out), sorted(out)
    assert out, f"no secrets in {state}/secrets"
    assert all(len(v) >= 16 for v in out.values()), "a secret shorter than 16 characters"
    return out


def _proc_stat(pid):
    """(ppid, pgrp, session) of PID, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), int(fields[2]), int(fields[3])


def _environment_pids(state):
    """The environment's processes: the recorded services' sessions and process groups (as `down` stops them)
    and their descendants (Erlang's and containerd's helpers leave the session)."""
    recorded = set()
    for pidfile in glob.glob(os.path.join(state, "run", "*.pid")):
        with open(pidfile) as f:
            text = f.read().strip()
        if text.isdigit():
            recorded.add(int(text))
    procs = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            st = _proc_stat(int(d))
            if st:
                procs[int(d)] = st
    ours = {pid for pid, (_, pgrp, sid) in procs.items() if pid in recorded or pgrp in recorded or sid in recorded}
    grew = True
    while grew:
        kids = {pid for pid, (ppid, _, _) in procs.items() if ppid in ours} - ours
        grew = bool(kids)
        ours |= kids
    return recorded, ours


def test_no_secret_on_a_command_line(state, secrets):
    recorded, pids = _environment_pids(state)
    assert recorded, f"no services recorded in {state}/run: is the environment up?"
    alive = {p for p in recorded if os.path.exists(f"/proc/{p}")}
    assert alive, "none of the recorded services runs"
    found, read = [], 0
    for pid in sorted(pids):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # ended meanwhile
        read += 1
        for name, value in secrets.items():
            if value in cmdline:
                found.append(f"pid {pid}: secret `{name}` in: {cmdline.replace(value, '<' + name + '>')[:300]}")
    assert read >= len(alive), (read, alive)
    assert not found, "dev secrets on command lines (ps shows them to every user):\n" + "\n".join(found)


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_secret_files_are_private(state):
    os_state = os.path.join(state, "openstack")
    must = [os.path.join(state, "env.sh")]
    if os.environ.get("BERTH_DEV_OPENSTACK"):
        must += [os.path.join(os_state, name) for name in
                 ("secure.yaml", "openrc-admin", "openrc-demo", "openrc-appcred", "openrc-other",
                  "appcred.json")]
    files = must + glob.glob(os.path.join(state, "env.d", "*.sh")) \
        + glob.glob(os.path.join(state, "secrets", "*")) \
        + glob.glob(os.path.join(os_state, "etc", "*", "*.conf")) \
        + glob.glob(os.path.join(state, "registry", "*", "config.yml")) \
        + glob.glob(os.path.join(state, "registry", "basic", "htpasswd")) \
        + glob.glob(os.path.join(state, "pki", "*.key"))
    missing = [f for f in must if not os.path.exists(f)]
    assert not missing, f"expected files are missing: {missing}"
    wide = [f"{oct(_mode(f))} {f}" for f in files if _mode(f) != 0o600]
    assert not wide, "files with secrets must be mode 0600:\n" + "\n".join(wide)
    assert _mode(os.path.join(state, "secrets")) == 0o700


def test_no_secret_in_a_log(state, secrets):
    """The logs are readable by everyone (they are for reading): no secret may end up in one."""
    found = []
    for path in glob.glob(os.path.join(state, "log", "*")):
        with open(path, "rb") as f:
            text = f.read()
        found += [f"{path}: `{name}`" for name, value in secrets.items() if value.encode() in text]
    assert not found, "dev secrets in log files:\n" + "\n".join(found)
