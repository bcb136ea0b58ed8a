"""The dev Docker engine answers and really loads and runs an image archive made from the seeded registry."""
import json
import os
import uuid

import pytest

from conftest import run


@pytest.fixture(scope="module")
def docker(env):
    binary = env["BERTH_DEV_DOCKER"]
    denv = dict(os.environ, DOCKER_HOST=env["BERTH_DEV_DOCKER_HOST"])

    def docker(*args, check=True, timeout=300):
        return run([binary, *args], check=check, env=denv, timeout=timeout)

    return docker


@pytest.fixture(scope="module")
def seed(env):
    with open(env["BERTH_DEV_SEED"]) as f:
        return json.load(f)["images"]


def test_engine_answers(docker):
    p = docker("version", "-f", "{{json .Server}}")
    server = json.loads(p.stdout)
    assert server["Os"] == "linux"
    assert server["Version"]


@pytest.fixture
def loaded_image(env, docker, tmp_path, seed):
    """library/busybox:1.36 from the anonymous registry as a docker-archive, `docker load`ed under a unique name."""
    name = f"berth-envtest-{uuid.uuid4().hex[:12]}:1.36"
    archive = tmp_path / "busybox.tar"
    run(["skopeo", "--insecure-policy", "copy", "-q", "--src-tls-verify=false",
         f"docker://{env['BERTH_DEV_REGISTRY_ANON']}/library/busybox:1.36", f"docker-archive:{archive}:{name}"],
        timeout=300)
    try:
        p = docker("load", "-i", str(archive))
        assert f"Loaded image: {name}" in p.stdout
        yield name
    finally:
        docker("rmi", "--force", name, check=False)


def test_load_keeps_the_image_id(docker, loaded_image, seed):
    inspect = json.loads(docker("image", "inspect", loaded_image).stdout)[0]
    want = seed["library/busybox:1.36"]
    assert inspect["Id"] == want["config"]["digest"]  # the image ID is the config digest
    assert inspect["RootFS"]["Layers"] == want["diff_ids"]
    assert inspect["Architecture"] == "amd64"
    assert inspect["Config"]["Cmd"] == want["cmd"]
    assert "BERTH_SEED_VERSION=1.36" in inspect["Config"]["Env"]
    assert inspect["Config"]["Labels"]["org.opencontainers.image.version"] == "1.36"


def test_run_loaded_image(docker, loaded_image):
    word = uuid.uuid4().hex
    p = docker("run", "--rm", "--network", "none", loaded_image,
               "sh", "-c", f"echo {word} $BERTH_SEED_VERSION; cat /etc/berth-seed-version")
    assert p.stdout.split() == [word, "1.36", "1.36"]
