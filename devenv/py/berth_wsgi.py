"""gunicorn entry point for the OpenStack WSGI apps of the dev environment.

oslo.config parses sys.argv when an app initialises, and under gunicorn that is gunicorn's command line
(`--bind ...`), which keystone and heat reject. This module replaces sys.argv before importing the real app:

    BERTH_WSGI_MODULE=keystone.wsgi.api BERTH_WSGI_ARGV='keystone' gunicorn ... berth_wsgi:application
"""
import importlib
import os
import shlex
import sys

sys.argv = shlex.split(os.environ.get("BERTH_WSGI_ARGV", "")) or [os.environ["BERTH_WSGI_MODULE"]]
application = importlib.import_module(os.environ["BERTH_WSGI_MODULE"]).application
