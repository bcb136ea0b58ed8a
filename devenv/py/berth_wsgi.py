"""gunicorn entry point for the OpenStack WSGI apps of the dev environment.

oslo.config parses sys.argv when an app initialises, and under gunicorn that is gunicorn's command line
(`--bind ...`), which keystone and heat reject. This module replaces sys.argv before importing the real app:

    BERTH_WSGI_MODULE=keystone.wsgi.api BERTH_WSGI_ARGV='keystone' gunicorn ... berth_wsgi:application

BERTH_WSGI_MODULE is a module with an `application` (the services of 2025.1 and later), or `module:factory`, a
function that returns the application (what the pbr-generated `*-wsgi-*` scripts of older releases call, e.g.
`keystone.server.wsgi:initialize_public_application` in 2024.1).
"""
import importlib
import os
import shlex
import sys

_target = os.environ["BERTH_WSGI_MODULE"]
sys.argv = shlex.split(os.environ.get("BERTH_WSGI_ARGV", "")) or [_target.split(":")[0]]
_module, _, _factory = _target.partition(":")
if _factory:
    application = getattr(importlib.import_module(_module), _factory)()
else:
    application = importlib.import_module(_module).application
