"""The benchmark measures the portal as it is deployed: production settings and middleware."""

import json
import subprocess
import sys
from pathlib import Path

from alliance import settings as portal

PROBE = """
import json
from benchmarks import settings
print(json.dumps({
    "environment": settings.ENVIRONMENT,
    "middleware": settings.MIDDLEWARE,
    "mfa_required": settings.MFA_REQUIRED_FOR_PRIVILEGED,
    "debug": settings.DEBUG,
}))
"""


def test_it_runs_on_the_production_settings_with_every_middleware():
    # In a process of its own: the settings module sets DJANGO_ENV for the process it is in.
    output = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    probed = json.loads(output)
    assert probed["environment"] == "production"
    assert probed["middleware"] == portal.MIDDLEWARE
    assert "alliance.middleware.RequireMFAMiddleware" in probed["middleware"]
    assert probed["mfa_required"] is True
    assert probed["debug"] is False
