"""Images for bench/sync, built without a Docker daemon, and the table it prints.

    syncimage.py build --size-mib N --layers L --seed S --out DIR
        writes DIR/blobs/sha256/* and DIR/manifest.json: L gzip'd tar layers, each one file of N/L MiB of
        pseudo-random bytes (random.Random(S): reproducible, and incompressible, so each blob is as big as its
        tar), a config with the right diff_ids and a Docker schema2 manifest. Streamed: no layer is held in
        memory. Does nothing if DIR/manifest.json exists (the cache).
    syncimage.py push --registry HOST:PORT --repo REPO --tag TAG DIR
        pushes DIR into the anonymous plain-HTTP registry with the v2 upload API (HEAD, POST uploads, PUT
        ?digest= with the whole blob), then the manifest under TAG. Blobs already there are not sent again.
    syncimage.py blobs DIR
        prints the manifest's config and layer digests, one a line.
    syncimage.py table RESULTS
        prints the side-by-side table from the KEY VALUE lines bench/sync collected.
"""
import argparse
import gzip
import hashlib
import http.client
import json
import os
import random
import re
import statistics
import sys
import tarfile
import urllib.parse

MIB = 1 << 20
CHUNK = 4 * MIB
MTIME = 1704067200  # 2024-01-01T00:00:00Z
CREATED = "2024-01-01T00:00:00Z"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"


def dumps(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


class RandomFile:
    """A readable file of `size` bytes from random.Random(seed)."""

    def __init__(self, size, seed):
        self.left, self.rng = size, random.Random(seed)

    def read(self, n=-1):
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return self.rng.randbytes(n)


class Tee:
    """A writable file that hashes what it is given (the tar: its sha256 is the diff_id) and passes it on."""

    def __init__(self, out):
        self.out, self.sha = out, hashlib.sha256()

    def write(self, b):
        self.sha.update(b)
        return self.out.write(b)


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def store(blobs, tmp):
    """Move tmp into blobs/ under its sha256; returns (digest, size)."""
    digest = file_sha256(tmp)
    size = os.path.getsize(tmp)
    os.replace(tmp, os.path.join(blobs, digest))
    return "sha256:" + digest, size


def build(args):
    if os.path.exists(os.path.join(args.out, "manifest.json")):
        return
    blobs = os.path.join(args.out, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)
    total = args.size_mib * MIB
    sizes = [total // args.layers + (1 if i < total % args.layers else 0) for i in range(args.layers)]
    layers, diff_ids = [], []
    for i, size in enumerate(sizes):
        tmp = os.path.join(blobs, "layer.tmp")
        with open(tmp, "wb") as f:
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=1) as gz:
                tee = Tee(gz)
                with tarfile.open(fileobj=tee, mode="w|", format=tarfile.PAX_FORMAT, bufsize=CHUNK) as tar:
                    ti = tarfile.TarInfo("bench/layer-%d.bin" % i)
                    ti.mtime, ti.uid, ti.gid, ti.uname, ti.gname, ti.mode, ti.size = MTIME, 0, 0, "", "", 0o644, size
                    tar.addfile(ti, RandomFile(size, "%s/%d" % (args.seed, i)))
        digest, blob_size = store(blobs, tmp)
        layers.append({"mediaType": DOCKER_LAYER, "digest": digest, "size": blob_size})
        diff_ids.append("sha256:" + tee.sha.hexdigest())
    config = {
        "architecture": "amd64", "os": "linux", "created": CREATED,
        "config": {"Cmd": ["sh"], "Labels": {"dev.berth.bench": args.seed}},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created": CREATED, "created_by": "bench/syncimage.py: %d random bytes" % s} for s in sizes],
    }
    cfg = dumps(config)
    cfg_digest = hashlib.sha256(cfg).hexdigest()
    with open(os.path.join(blobs, cfg_digest), "wb") as f:
        f.write(cfg)
    manifest = {"schemaVersion": 2, "mediaType": DOCKER_MANIFEST,
                "config": {"mediaType": DOCKER_CONFIG, "digest": "sha256:" + cfg_digest, "size": len(cfg)},
                "layers": layers}
    with open(os.path.join(args.out, "manifest.json.tmp"), "wb") as f:
        f.write(dumps(manifest))
    os.replace(os.path.join(args.out, "manifest.json.tmp"), os.path.join(args.out, "manifest.json"))


def load(out):
    with open(os.path.join(out, "manifest.json"), "rb") as f:
        data = f.read()
    return data, json.loads(data)


def request(conn, method, path, body=None, headers=None, expect=(200, 201, 202)):
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    text = resp.read()
    if resp.status not in expect:
        sys.exit("bench/syncimage.py: %s %s answered %d: %s" % (method, path, resp.status, text[:300]))
    return resp


def push(args):
    data, manifest = load(args.dir)
    conn = http.client.HTTPConnection(args.registry, timeout=300)
    for d in [manifest["config"]] + manifest["layers"]:
        digest = d["digest"]
        if request(conn, "HEAD", "/v2/%s/blobs/%s" % (args.repo, digest), expect=(200, 404)).status == 200:
            continue
        location = request(conn, "POST", "/v2/%s/blobs/uploads/" % args.repo, expect=(202,)).getheader("Location")
        u = urllib.parse.urlsplit(location)
        query = (u.query + "&" if u.query else "") + urllib.parse.urlencode({"digest": digest})
        with open(os.path.join(args.dir, "blobs", "sha256", digest.split(":", 1)[1]), "rb") as f:
            request(conn, "PUT", "%s?%s" % (u.path, query), body=f,
                    headers={"Content-Type": "application/octet-stream", "Content-Length": str(d["size"])},
                    expect=(201,))
    request(conn, "PUT", "/v2/%s/manifests/%s" % (args.repo, args.tag), body=data,
            headers={"Content-Type": DOCKER_MANIFEST}, expect=(201,))


def tags(args):
    """Put the manifest of REPO:FROM under COUNT more tags (tag-0001...): many tags of one image, cheaply."""
    conn = http.client.HTTPConnection(args.registry, timeout=300)
    conn.request("GET", "/v2/%s/manifests/%s" % (args.repo, args.source), headers={"Accept": DOCKER_MANIFEST})
    r = conn.getresponse()
    data, media_type = r.read(), r.getheader("Content-Type")
    if r.status != 200:
        sys.exit("bench/syncimage.py: the manifest of %s:%s answered %d" % (args.repo, args.source, r.status))
    for i in range(1, args.count + 1):
        request(conn, "PUT", "/v2/%s/manifests/tag-%04d" % (args.repo, i), body=data,
                headers={"Content-Type": media_type}, expect=(201,))


def served(args):
    """Blob bytes the registry's log says it served to berth for REPO, from byte OFFSET of the log on."""
    total = gets = 0
    with open(args.log, "rb") as f:
        f.seek(args.offset)
        for line in f.read().decode("utf-8", "replace").splitlines():
            fields = dict(re.findall(r'([\w.]+)=("[^"]*"|\S+)', line))
            uri = fields.get("http.request.uri", "").strip('"')
            if (fields.get("http.request.method") == "GET" and uri.startswith("/v2/%s/blobs/" % args.repo)
                    and fields.get("http.request.useragent", "").strip('"').startswith("berth")
                    and "http.response.written" in fields):
                total += int(fields["http.response.written"])
                gets += 1
    print(total, gets)


def blobs(args):
    _, manifest = load(args.dir)
    for d in [manifest["config"]] + manifest["layers"]:
        print(d["digest"])


# ------------------------------------------------------------------------------------------------------ table
def table(args):
    """RESULTS holds lines `KEY VALUE...`; several lines of one KEY are runs (the median is shown)."""
    runs = {}
    with open(args.results) as f:
        for line in f:
            key, *vals = line.split()
            runs.setdefault(key, []).append(vals)

    def med(key, i=0):
        v = [float(r[i]) for r in runs.get(key, []) if len(r) > i]
        return statistics.median(v) if v else None

    def spread(key, i=0):
        v = [float(r[i]) for r in runs.get(key, []) if len(r) > i]
        return "%.2f-%.2f" % (min(v), max(v)) if len(v) > 1 else ""

    def num(v, fmt):
        return "-" if v is None else fmt % v

    def mark(ok):
        return "-" if ok is None else ("pass" if ok else "MISS")

    size = runs["size_mib"][0][0]
    small = runs["small_mib"][0][0]
    print()
    print("Image: %s MiB in %s random-content layers (gzip'd tar), %s runs each. Per step: median wall s (min-max);"
          " CPU s (user+sys) of the\nclient and of Glance's API workers meanwhile; peak RSS; bytes the client wrote"
          " to disk (/usr/bin/time %%O x 512: a temp file\ndeleted before the end counts too) and left in its own"
          " TMPDIR. Max over runs for RSS and bytes, median for the rest."
          % (size, runs["layers"][0][0], runs["runs"][0][0]))
    print()
    w = "%-42s %7s %11s %6s %7s %7s %14s %7s"
    print(w % ("step", "wall s", "min-max", "CPU s", "Glance", "RSS MiB", "disk writes", "TMPDIR"))
    print(w % ("-" * 42, "-" * 7, "-" * 11, "-" * 6, "-" * 7, "-" * 7, "-" * 14, "-" * 7))

    def row(label, key):
        if key not in runs:
            return
        rs = runs[key]
        print(w % (label, num(med(key), "%.2f"), spread(key), num(med(key, 4), "%.2f"), num(med(key, 5), "%.2f"),
                   "%.1f" % (max(float(r[1]) for r in rs) / 1024), "{:,}".format(max(int(r[2]) for r in rs)),
                   "{:,}".format(max(int(r[3]) for r in rs))))

    row("(1) berth image sync", "berth")
    row("(2a) skopeo copy -> docker-archive FILE", "skopeo")
    row("(2b) openstack image create --file FILE", "openstack")
    row("(2) = skopeo + openstack", "two")
    row("(3) registry read alone (curl, 1 conn)", "regread")
    row("(4) Glance write alone (curl PUT FILE)", "glance")
    row("    berth image sync, %s MiB image" % small, "berth_small")
    row("(7) berth image sync --to 2 destinations", "fan2")
    row("(7) two berth runs, one per destination", "seq2")
    if "j1" in runs:
        n = runs["jobs_mib"][0][0]
        row("(6) berth image sync -j 1, 8 x %s MiB" % n, "j1")
        row("(6) berth image sync -j 4, 8 x %s MiB" % n, "j4")
        row("    Glance writes alone, 1 at a time", "jglance1")
        row("    Glance writes alone, 4 at a time", "jglance")
    print()

    berth, glance, two = med("berth"), med("glance"), med("two")
    rss = max(float(r[1]) for r in runs["berth"]) / 1024
    rss_small = max(float(r[1]) for r in runs["berth_small"]) / 1024 if "berth_small" in runs else None
    disk = max(int(r[2]) for r in runs["berth"])
    tmp = max(int(r[3]) for r in runs["berth"])
    noop = med("noop_ms")
    file_size = int(runs["file_bytes"][0][0])
    t = "%-62s %-14s %-10s %s"
    print(t % ("target", "measured", "", "note"))
    print(t % ("-" * 62, "-" * 14, "-" * 10, "-" * 4))
    print(t % ("berth <= 1.10 x Glance write alone", "%.2f x" % (berth / glance), mark(berth / glance <= 1.10),
               "%.2f s / %.2f s" % (berth, glance)))
    print(t % ("(skopeo + openstack) / berth >= 1.4", "%.2f x" % (two / berth), mark(two / berth >= 1.4),
               "%.2f s / %.2f s" % (two, berth)))
    print(t % ("berth peak RSS <= 40 MiB", "%.1f MiB" % rss, mark(rss <= 40), ""))
    if rss_small is not None:
        flat = abs(rss - rss_small) <= max(4.0, 0.15 * rss_small)
        print(t % ("berth peak RSS flat in image size (%s vs %s MiB)" % (small, size),
                   "%.1f -> %.1f" % (rss_small, rss), mark(flat), "within 4 MiB or 15%"))
    print(t % ("berth temp bytes = 0 (TMPDIR)", "%d B" % tmp, mark(tmp == 0),
               "disk writes %s B (token cache etc.) vs the archive FILE %s B" % ("{:,}".format(disk), "{:,}".format(file_size))))
    if noop is not None:
        print(t % ("no-op re-sync <= 50 ms (median of %s)" % runs["noop_runs"][0][0], "%.1f ms" % noop,
                   mark(noop <= 50), "hyperfine, min %.1f ms" % med("noop_min_ms")))
    if "jobs_skipped" in runs:
        print(t % ("-j 4 over 8 x %s MiB faster than -j 1" % runs["jobs_mib"][0][0], "skipped", "-",
                   "skipped: berth has no -j (rerun after the -j merge)"))
    elif "j1" in runs:
        j1, j4 = med("j1"), med("j4")
        print(t % ("-j 4 over 8 x %s MiB faster than -j 1" % runs["jobs_mib"][0][0], "%.2f x" % (j1 / j4),
                   mark(j4 < j1 * 0.9), "-j 1 %.2f s, -j 4 %.2f s; peak RSS %.1f / %.1f MiB" % (
                       j1, j4, max(float(r[1]) for r in runs["j1"]) / 1024, max(float(r[1]) for r in runs["j4"]) / 1024)))
        if "jglance" in runs:
            print(t % ("", "", "", "Glance writes alone, 8 x %s MiB: 1 at a time %.2f s, 4 at a time %.2f s (%.2f x)"
                       % (runs["jobs_mib"][0][0], med("jglance1"), med("jglance"), med("jglance1") / med("jglance"))))
    if "fan2" in runs:
        fan2, one = med("fan2"), berth
        read = [r for r in runs.get("fan2_read", [])]
        once = all(int(r[0]) == int(runs["blob_bytes"][0][0]) for r in read) if read and "blob_bytes" in runs else None
        print(t % ("--to 2 destinations <= 1.3 x one destination", "%.2f x" % (fan2 / one), mark(fan2 / one <= 1.3),
                   "%.2f s / %.2f s; two runs one after the other %.2f s" % (fan2, one, med("seq2"))))
        # Two destinations are two Glance writes; a Glance that writes one at a time (see -j) makes 2 x its write
        # alone the floor, whatever the client does.
        print(t % ("", "", "", "floor: two Glance writes alone, 2 x %.2f s = %.2f s (%.2f x one berth run)"
                   % (glance, 2 * glance, 2 * glance / one)))
        print(t % ("registry read once (blob bytes served = image's blobs)", "%s B" % "{:,}".format(int(read[0][0])) if read else "-",
                   mark(once), "%s blob GETs per run; the image's blobs: %s B" % (
                       read[0][1] if read else "-", "{:,}".format(int(runs["blob_bytes"][0][0])) if "blob_bytes" in runs else "-")))
    if "tags_noop_ms" in runs:
        ms = med("tags_noop_ms")
        print(t % ("no-op re-sync of %s tags <= 2 s (median of %s)" % (runs["tags_count"][0][0], runs["tags_runs"][0][0]),
                   "%.0f ms" % ms, mark(ms <= 2000), "requests: %s to the registry, %s to Glance (pages), %s else" % tuple(runs["tags_requests"][0])))
        if "tags_glance" in runs:
            g = runs["tags_glance"][0]
            print(t % ("", "", "", "of one run: Glance's listing %s ms over %s pages (~1 ms an image the project holds)" % (g[0], g[1])))
    print()
    print("host: %s cores, load average %s at the start, %s at the end (the machine is shared: figures are noisy)."
          % (runs["cores"][0][0], runs["load_start"][0][0], runs["load_end"][0][0]))
    print("issue 7, for comparison (500 MiB): skopeo 2.95 s (31 MB) + openstack 5.96 s (116 MB); registry read 0.24 s;"
          " Glance write alone 5.77 s")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--size-mib", type=int, required=True)
    b.add_argument("--layers", type=int, required=True)
    b.add_argument("--seed", required=True)
    b.add_argument("--out", required=True)
    u = sub.add_parser("push")
    u.add_argument("--registry", required=True)
    u.add_argument("--repo", required=True)
    u.add_argument("--tag", required=True)
    u.add_argument("dir")
    g = sub.add_parser("tags")
    g.add_argument("--registry", required=True)
    g.add_argument("--repo", required=True)
    g.add_argument("--source", required=True)
    g.add_argument("--count", type=int, required=True)
    v = sub.add_parser("served")
    v.add_argument("--log", required=True)
    v.add_argument("--repo", required=True)
    v.add_argument("--offset", type=int, required=True)
    s = sub.add_parser("blobs")
    s.add_argument("dir")
    t = sub.add_parser("table")
    t.add_argument("results")
    args = p.parse_args()
    {"build": build, "push": push, "tags": tags, "served": served, "blobs": blobs, "table": table}[args.cmd](args)


if __name__ == "__main__":
    main()
