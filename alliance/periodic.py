"""Jobs the periodic ``send_emails`` command runs before it sends the outbox.

An app registers its own (``@periodic("governance.actions_overdue")``, imported from its
``AppConfig.ready``), so the command at the bottom layer runs them without importing the apps
above it. Each job must be safe to run twice at once: it claims what it does, as the outbox does.
"""

from __future__ import annotations

from collections.abc import Callable

Job = Callable[[], int]

JOBS: dict[str, Job] = {}


def periodic(name: str) -> Callable[[Job], Job]:
    def register(job: Job) -> Job:
        if name in JOBS:
            raise ValueError(f"Two periodic jobs named {name!r}.")
        JOBS[name] = job
        return job

    return register


def periodic_run() -> dict[str, int]:
    """Run every registered job; returns how much each did."""
    return {name: job() for name, job in JOBS.items()}
