"""Tests that prove the dev environment is real. They run against the services `devenv/berth-dev up` started
and read where those listen from the variables of `$BERTH_DEV_STATE/env.sh` (the test command sources it).
A missing variable is a failure, never a skip: a tier that did not run must not look green."""
import io
import json
import os
import subprocess
import tarfile
import time
import uuid

import pytest


@pytest.fixture(scope="session")
def env():
    if "BERTH_DEV_STATE" not in os.environ:
        pytest.fail("the dev environment is not loaded: run `devenv/test`, or "
                    "`devenv/berth-dev up && . \"$(devenv/berth-dev env)\"` before pytest")

    class Env(dict):
        def __getitem__(self, key):
            if key not in os.environ:
                pytest.fail(f"`{key}` is not set: is its component up? (`devenv/berth-dev status`)")
            return os.environ[key]

    return Env()


def run(cmd, check=True, **kw):
    """Run a command, return CompletedProcess with text output; on failure show its output in the report."""
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if check and p.returncode != 0:
        pytest.fail(f"{cmd!r} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


# ------------------------------------------------------------------------------------------------ OpenStack clients

CLOUDS = {  # cloud -> (openrc file, project the token must be scoped to)
    "berth-admin": ("openrc-admin", "admin"),
    "berth-demo": ("openrc-demo", "demo"),
    "berth-appcred": ("openrc-appcred", "demo"),
    "berth-other": ("openrc-other", "other"),
}


def _clean_environ():
    """The test process's environment without any OS_* variable (they would leak into the client)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("OS_")}


def _openrc_environ(path):
    """The environment an openrc file produces, computed by bash itself."""
    p = run(["bash", "-c", 'set -e; . "$1"; env -0', "openrc", path], env=_clean_environ())
    env = dict(item.split("=", 1) for item in p.stdout.split("\0") if "=" in item)
    assert any(k.startswith("OS_") for k in env), f"{path} sets no OS_* variable"
    return env


class Cli:
    """python-openstackclient as one identity (a cloud of clouds.yaml, or an openrc file)."""

    def __init__(self, env, cloud, via="clouds.yaml"):
        self.binary = env["BERTH_DEV_OPENSTACK"]
        if via == "clouds.yaml":
            self.environ = _clean_environ()
            self.environ["OS_CLIENT_CONFIG_FILE"] = env["BERTH_DEV_CLOUDS_YAML"]
            self.environ["OS_CLIENT_SECURE_FILE"] = env["BERTH_DEV_SECURE_YAML"]
            self.prefix = [self.binary, "--os-cloud", cloud]
        else:
            self.environ = _openrc_environ(os.path.join(env["BERTH_DEV_OPENRC_DIR"], CLOUDS[cloud][0]))
            self.prefix = [self.binary]

    def __call__(self, *args, check=True, timeout=300):
        return run(self.prefix + list(args), check=check, env=self.environ, timeout=timeout)

    def json(self, *args, timeout=300):
        return json.loads(self(*args, "-f", "json", timeout=timeout).stdout)


@pytest.fixture(scope="session")
def admin(env):
    return Cli(env, "berth-admin")


@pytest.fixture(scope="session")
def demo(env):
    return Cli(env, "berth-demo")


@pytest.fixture(scope="session")
def project_ids(admin):
    return {p["Name"]: p["ID"] for p in admin.json("project", "list")}


def _small_tar(tag):
    """A small tar archive (in memory) whose content is unique to this run."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in (("manifest.json", json.dumps([{"RepoTags": [f"{tag}:latest"]}]).encode()),
                           ("hello.txt", f"hello from {tag}\n".encode() * 100)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.fixture
def docker_image(demo, tmp_path):
    """A docker-format Glance image of demo (created, yield its `image show`, deleted)."""
    name = f"berth-test-{uuid.uuid4().hex[:12]}"
    data = _small_tar(name)
    path = tmp_path / "image.tar"
    path.write_bytes(data)
    created = demo.json("image", "create", name, "--container-format", "docker", "--disk-format", "raw",
                        "--private", "--file", str(path))
    try:
        yield {"name": name, "data": data, "id": created["id"], "created": created}
    finally:
        demo("image", "delete", created["id"], check=False)


def not_found(stderr):
    s = stderr.lower()
    return any(m in s for m in ("no server found", "no image found", "no server with a name or id", "404"))


def wait_gone(cli, server_id, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        p = cli("server", "show", server_id, check=False)
        if p.returncode != 0:
            assert not_found(p.stderr), p.stderr
            return
        time.sleep(1)
    pytest.fail(f"server {server_id} still exists after {timeout}s")
