"""Settings for the test run only: the portal's own, with a fast password hasher.

The demo's sign-ins and every test that sets a password would otherwise spend about a second
on each hash. Production and ``scripts/serve`` keep Django's strong default (see
``tests/alliance/test_security.py``)."""

from alliance.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
