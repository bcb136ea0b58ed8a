"""The dev cloud's compute driver: Nova's FakeDriverWithoutFakeNodes whose spawn takes as many seconds as the file
`<state_path>/spawn-delay` says (no file: no delay), or the server's own metadata `berth_spawn_delay` (a test that
needs one server to stay BUILD for a while, without slowing the other tests' boots). The fake driver is ACTIVE in
well under a second, far from a real boot; bench/boot writes the file so that a client's overhead is measured
against boots of realistic length.

devenv installs this file as nova/virt/berth_slowfake.py in the venv (Nova loads `nova.virt.<compute_driver>`).
"""
import os
import time

from nova import conf
from nova.virt import fake


class SlowFakeDriver(fake.FakeDriverWithoutFakeNodes):
    def spawn(self, context, instance, *args, **kwargs):
        try:
            with open(os.path.join(conf.CONF.state_path, "spawn-delay")) as f:
                delay = float(f.read().strip() or 0)
        except (OSError, ValueError):
            delay = 0.0
        try:
            delay = float((instance.metadata or {}).get("berth_spawn_delay", delay))
        except (AttributeError, TypeError, ValueError):
            pass
        if delay > 0:
            time.sleep(delay)
        return super().spawn(context, instance, *args, **kwargs)
