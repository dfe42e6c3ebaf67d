"""Settings for the test run only: the portal's own, with a fast password hasher.

The demo's sign-ins and every test that sets a password would otherwise spend about a second
on each hash. Production and ``scripts/serve`` keep Django's strong default (see
``tests/alliance/test_security.py``)."""

from alliance.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Races in the tests open two dozen connections at once from one process, on purpose; a pool of
# eight would queue them instead. tests/alliance/test_security.py checks the portal's own pool.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
