from django.http import HttpRequest

from alliance.permissions import NO_PERMS, person_of
from alliance.selectors import alliances_for


def portal(request: HttpRequest) -> dict:
    """The alliance a page belongs to and what the person may do there, for every template."""

    def my_alliances() -> list:
        # Called by the account menu only, once a page (it binds it with ``{% with %}``), so
        # pages for visitors and pages that draw no menu ask nothing.
        return list(alliances_for(person=person_of(request.user)))

    return {
        "alliance": getattr(request, "alliance", None),
        "alliance_perms": getattr(request, "perms", NO_PERMS),
        "my_alliances": my_alliances,
    }
