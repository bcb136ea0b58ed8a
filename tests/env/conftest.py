"""Tests that prove the dev environment is real. They run against the services `devenv/berth-dev up` started
and read where those listen from the variables of `$BERTH_DEV_STATE/env.sh` (the test command sources it).
A missing variable is a failure, never a skip: a tier that did not run must not look green."""
import os
import subprocess

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
