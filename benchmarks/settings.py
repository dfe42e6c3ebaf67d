"""Settings for the benchmark: the portal's production settings, middleware and all (MFA
included), with only what a loopback benchmark cannot provide filled in or turned off."""

import os
from pathlib import Path

os.environ["DJANGO_ENV"] = "production"
for _name, _value in {
    "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    # testserver: the in-process timings use Django's test client.
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # Never reached: MAILERS below keeps any email in memory (the outbox is not sent here).
    "EMAIL_HOST": "localhost",
    # Plain HTTP on loopback with no TLS proxy in front: redirecting to https would measure
    # nothing. Secure cookie flags stay on; the load generator sends cookies itself.
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    # Production serves collected, hashed static files; the benchmark collects them here.
    "DJANGO_STATIC_ROOT": str(Path(__file__).resolve().parent.parent / ".cache" / "bench-static"),
}.items():
    os.environ.setdefault(_name, _value)

from alliance.settings import *  # noqa: E402, F403

ROOT_URLCONF = "benchmarks.urls"
WSGI_APPLICATION = "benchmarks.wsgi.application"
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Keys prefixed by the database so two benchmarks on one Redis never read each other's pages.
CACHES["default"]["KEY_PREFIX"] = f"bench-{DATABASES['default']['NAME']}"  # noqa: F405
# Names of the caches (``alliance.cache.VersionedCache``) to switch off, to measure what each
# one saves: BENCH_CACHES_OFF=cpd-catalogue,alliances
CACHES_OFF = [name for name in os.environ.get("BENCH_CACHES_OFF", "").split(",") if name]
