"""A limit on how often one address may ask a public page that takes a code or a token.

Guessing certificate codes or invitation tokens must cost more than it can find. The count is
kept per client address (as allauth sees it, behind the same trusted proxies as the sign-in's
rate limits) and per minute, in the shared cache, so every worker counts together.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PUBLIC_TOKEN_PAGES_PER_MINUTE = 30


def over_limit(request: HttpRequest, *, action: str, per_minute: int) -> bool:
    """Count this request; True once its address has asked more than ``per_minute`` times
    this minute."""
    window = int(time.time() // 60)
    key = f"throttle:{action}:{get_adapter().get_client_ip(request)}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) > per_minute
    except ValueError:  # the count expired between the two calls
        cache.set(key, 1, timeout=120)
        return False


def throttled(action: str, *, per_minute: int = PUBLIC_TOKEN_PAGES_PER_MINUTE) -> Callable:
    """Answer 429 "wait a minute" past ``per_minute`` requests from one address."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if over_limit(request, action=action, per_minute=per_minute):
                response = render(request, "throttled.html", status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
