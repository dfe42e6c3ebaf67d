from django.http import HttpRequest

from alliance.permissions import NO_PERMS


def portal(request: HttpRequest) -> dict:
    """The alliance a page belongs to and what the person may do there, for every template."""
    return {
        "alliance": getattr(request, "alliance", None),
        "alliance_perms": getattr(request, "perms", NO_PERMS),
    }
