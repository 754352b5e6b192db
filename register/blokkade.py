"""Login lock-out (django-axes, see settings): the client address it counts, and the page a blocked login gets."""

from django.conf import settings
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle

from axes.helpers import get_client_username


def client_ip(request) -> str | None:
    """The client's address: that of the connection, or with TRUSTED_PROXY_COUNT the one the outermost trusted proxy
    saw. DRF's rule, so the login lock-out and the API limits count the same address."""
    return BaseThrottle().get_ident(request)


def inloggen_geblokkeerd(request, original_response=None, credentials=None):
    """429 with a Dutch explanation; Retry-After gives the cool-off in seconds."""
    afkoeling = settings.AXES_COOLOFF_TIME
    context = {
        "pogingen": settings.AXES_FAILURE_LIMIT,
        "minuten": round(afkoeling.total_seconds() / 60),
        "gebruiker": get_client_username(request, credentials) or "",
    }
    response = render(request, "inloggen_geblokkeerd.html", context, status=429)
    response["Retry-After"] = str(int(afkoeling.total_seconds()))
    return response
