"""One gunicorn application serving both sides of the yardstick: paths under ``/naive/`` go
through Django's default middleware (the naive app), everything else through the portal's
production middleware. Same process, settings, database, sessions and cache for both."""

import os

from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.test.utils import override_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
portal = get_wsgi_application()

from benchmarks.naive import NAIVE_MIDDLEWARE  # noqa: E402  (needs the apps loaded)


class NaiveHandler(WSGIHandler):
    def load_middleware(self, is_async: bool = False) -> None:
        with override_settings(MIDDLEWARE=NAIVE_MIDDLEWARE):
            super().load_middleware(is_async)


naive = NaiveHandler()


def application(environ, start_response):
    handler = naive if environ.get("PATH_INFO", "").startswith("/naive/") else portal
    return handler(environ, start_response)
