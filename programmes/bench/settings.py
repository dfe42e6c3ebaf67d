"""Settings for the benchmark: the portal's own, in production-like mode (DEBUG off, cached
templates, persistent database connections), plus one bare view to compare against."""

from alliance.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "programmes.bench.urls"
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
# Booking emails wait in the outbox (sent by send_emails, a separate process, not run
# here); any sent are kept in memory.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# The workers share one cache, as in production: Redis (REDIS_URL, or the local one), with keys
# prefixed by the database so two benchmarks on one Redis never read each other's pages.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL or "redis://127.0.0.1:6379/0",  # noqa: F405
        "KEY_PREFIX": f"bench-{DATABASES['default']['NAME']}",  # noqa: F405
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as with REDIS_URL in production
