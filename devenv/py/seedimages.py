"""Seed images for the dev registries, built without a Docker daemon.

    seedimages.py build --amd64 BUSYBOX --arm64 BUSYBOX --applets FILE --out DIR
        writes an OCI image layout DIR with the refs 1.35, 1.36, latest, multi (an index: amd64 + arm64) and
        secret. Reproducible: fixed mtimes/owners, gzip mtime 0, sorted entries -> the same digests every time.
    seedimages.py describe --registry HOST:PORT --out seed.json REPO:TAG...
        reads what the (anonymous, plain HTTP) registry serves for each REPO:TAG and writes seed.json.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request

MTIME = 1704067200  # 2024-01-01T00:00:00Z
CREATED = "2024-01-01T00:00:00Z"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
ACCEPT = ", ".join([DOCKER_MANIFEST, DOCKER_LIST, OCI_MANIFEST, OCI_INDEX])
PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
CMD = ["sh", "-c", "echo berth-seed; while true; do sleep 3600; done"]


def dumps(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


class Layout:
    def __init__(self, out):
        self.out = out
        self.blobs = os.path.join(out, "blobs", "sha256")
        os.makedirs(self.blobs, exist_ok=True)
        self.refs = []

    def blob(self, data, media_type):
        digest = hashlib.sha256(data).hexdigest()
        path = os.path.join(self.blobs, digest)
        if not os.path.exists(path):
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.replace(path + ".tmp", path)
        return {"mediaType": media_type, "digest": "sha256:" + digest, "size": len(data)}

    def ref(self, name, desc, platform=None):
        d = dict(desc, annotations={"org.opencontainers.image.ref.name": name})
        if platform:
            d["platform"] = platform
        self.refs.append(d)

    def finish(self):
        with open(os.path.join(self.out, "oci-layout"), "w") as f:
            f.write('{"imageLayoutVersion":"1.0.0"}')
        with open(os.path.join(self.out, "index.json"), "wb") as f:
            f.write(dumps({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": self.refs}))


def tar_layer(entries):
    """entries: (path, kind, payload, mode) with kind in dir/file/symlink. Returns (gzip bytes, diff_id)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, kind, payload, mode in sorted(entries, key=lambda e: e[0]):
            ti = tarfile.TarInfo(path)
            ti.mtime, ti.uid, ti.gid, ti.uname, ti.gname, ti.mode = MTIME, 0, 0, "", "", mode
            if kind == "dir":
                ti.type = tarfile.DIRTYPE
                tar.addfile(ti)
            elif kind == "symlink":
                ti.type, ti.linkname = tarfile.SYMTYPE, payload
                tar.addfile(ti)
            else:
                ti.size = len(payload)
                tar.addfile(ti, io.BytesIO(payload))
    data = raw.getvalue()
    gz = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, mtime=0, compresslevel=9) as g:
        g.write(data)
    return gz.getvalue(), "sha256:" + hashlib.sha256(data).hexdigest()


def base_entries(busybox, applets):
    dirs = ["bin", "dev", "etc", "home", "proc", "root", "sbin", "sys", "usr", "usr/bin", "usr/sbin", "var"]
    entries = [(d, "dir", None, 0o755) for d in dirs] + [("tmp", "dir", None, 0o1777)]
    entries.append(("bin/busybox", "file", busybox, 0o755))
    entries.append(("etc/passwd", "file", b"root:x:0:0:root:/root:/bin/sh\n"
                    b"nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", 0o644))
    entries.append(("etc/group", "file", b"root:x:0:\nnogroup:x:65534:\n", 0o644))
    seen = {e[0] for e in entries}
    for applet in applets:  # `busybox --list-full`: bin/sh, usr/bin/wget, ...
        applet = applet.strip().lstrip("/")
        if not applet or applet in seen or os.path.dirname(applet) not in dirs:
            continue
        seen.add(applet)
        entries.append((applet, "symlink", "/bin/busybox", 0o777))
    return entries


def image(layout, arch, layers, version):
    """layers: [(gzip bytes, diff_id, created_by)]. Returns the manifest descriptor."""
    layer_descs = [layout.blob(gz, OCI_LAYER) for gz, _, _ in layers]
    platform = {"architecture": arch, "os": "linux"}
    if arch == "arm64":
        platform["variant"] = "v8"
    config = dict(platform, created=CREATED, config={
        "Env": [PATH_ENV, "BERTH_SEED_VERSION=" + version],
        "Cmd": CMD,
        "WorkingDir": "/",
        "Labels": {"org.opencontainers.image.title": "berth seed busybox",
                   "org.opencontainers.image.version": version,
                   "dev.berth.seed": "1"},
    }, rootfs={"type": "layers", "diff_ids": [d for _, d, _ in layers]},
        history=[{"created": CREATED, "created_by": c} for _, _, c in layers])
    config_desc = layout.blob(dumps(config), OCI_CONFIG)
    manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": config_desc, "layers": layer_descs,
                "annotations": {"org.opencontainers.image.version": version}}
    return layout.blob(dumps(manifest), OCI_MANIFEST), platform


def build(args):
    with open(args.applets) as f:
        applets = f.read().split()
    layout = Layout(args.out)
    base = {}
    for arch in ("amd64", "arm64"):
        with open(getattr(args, arch), "rb") as f:
            busybox = f.read()
        gz, diff = tar_layer(base_entries(busybox, applets))
        base[arch] = (gz, diff, "berth-dev: busybox-static (Debian, %s) + applet links" % arch)
    extra = tar_layer([("etc", "dir", None, 0o755),
                       ("etc/berth-seed-version", "file", b"1.36\n", 0o644)]) + ("berth-dev: add version file",)
    secret = tar_layer([("etc", "dir", None, 0o755),
                        ("etc/berth-secret", "file", b"only for authenticated pulls\n", 0o600)]) + \
        ("berth-dev: add secret file",)

    desc, plat = image(layout, "amd64", [base["amd64"]], "1.35")
    layout.ref("1.35", desc, plat)
    desc136, plat136 = image(layout, "amd64", [base["amd64"], extra], "1.36")
    layout.ref("1.36", desc136, plat136)
    desc, plat = image(layout, "amd64", [base["amd64"], extra], "latest")
    layout.ref("latest", desc, plat)
    desc_arm, plat_arm = image(layout, "arm64", [base["arm64"], extra], "1.36")
    index = {"schemaVersion": 2, "mediaType": OCI_INDEX,
             "manifests": [dict(desc136, platform=plat136), dict(desc_arm, platform=plat_arm)]}
    layout.ref("multi", layout.blob(dumps(index), OCI_INDEX))
    desc, plat = image(layout, "amd64", [base["amd64"], secret], "secret-1.0")
    layout.ref("secret", desc, plat)
    layout.finish()


def fetch(registry, repo, ref, blob=False):
    kind = "blobs" if blob else "manifests"
    req = urllib.request.Request("http://%s/v2/%s/%s/%s" % (registry, repo, kind, ref),
                                 headers={"Accept": ACCEPT})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read(), r.headers


def describe_manifest(registry, repo, ref):
    data, headers = fetch(registry, repo, ref)
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    if headers.get("Docker-Content-Digest") not in (None, digest):
        sys.exit("%s/%s@%s: Docker-Content-Digest %s != sha256 of the body %s"
                 % (registry, repo, ref, headers.get("Docker-Content-Digest"), digest))
    m = json.loads(data)
    out = {"media_type": m.get("mediaType") or headers.get("Content-Type"), "digest": digest,
           "size": len(data)}
    if "manifests" in m:
        out["manifests"] = []
        for d in m["manifests"]:
            child = describe_manifest(registry, repo, d["digest"])
            child["platform"] = d.get("platform")
            out["manifests"].append(child)
        out["platforms"] = ["%s/%s" % (c["platform"]["os"], c["platform"]["architecture"])
                            + ("/" + c["platform"]["variant"] if c["platform"].get("variant") else "")
                            for c in out["manifests"]]
    else:
        cfg, _ = fetch(registry, repo, m["config"]["digest"], blob=True)
        cfg = json.loads(cfg)
        out["config"] = {"media_type": m["config"]["mediaType"], "digest": m["config"]["digest"],
                         "size": m["config"]["size"]}
        out["layers"] = [{"media_type": l["mediaType"], "digest": l["digest"], "size": l["size"]}
                         for l in m["layers"]]
        out["diff_ids"] = cfg["rootfs"]["diff_ids"]
        out["platform"] = {k: cfg[k] for k in ("os", "architecture", "variant") if k in cfg}
        out["platforms"] = ["/".join(cfg[k] for k in ("os", "architecture", "variant") if k in cfg)]
        out["cmd"] = cfg["config"].get("Cmd")
        out["env"] = cfg["config"].get("Env")
        out["labels"] = cfg["config"].get("Labels")
    return out


def describe(args):
    images = {}
    for ref in args.refs:
        repo, tag = ref.rsplit(":", 1)
        d = describe_manifest(args.registry, repo, tag)
        images[ref] = dict(repository=repo, tag=tag, **d)
    doc = {"comment": "what devenv/lib/registry.sh seeded into every dev registry (anon, basic, token, tls: "
                      "see the BERTH_DEV_REGISTRY_* variables); digests are identical in all of them",
           "images": images}
    with open(args.out + ".tmp", "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(args.out + ".tmp", args.out)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--amd64", required=True)
    b.add_argument("--arm64", required=True)
    b.add_argument("--applets", required=True)
    b.add_argument("--out", required=True)
    d = sub.add_parser("describe")
    d.add_argument("--registry", required=True)
    d.add_argument("--out", required=True)
    d.add_argument("refs", nargs="+")
    args = p.parse_args()
    (build if args.cmd == "build" else describe)(args)


if __name__ == "__main__":
    main()
