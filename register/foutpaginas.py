"""The 403 and 404 pages: Django's own views, but with the reason the register gave (its messages are Dutch) and
never a class name or Django's resolver details. 400 and 500 use Django's views as they are (templates/*.html)."""

from __future__ import annotations

from django.http import HttpResponseForbidden, HttpResponseNotFound
from django.template import loader


def _melding(exception) -> str | None:
    """The message the register raised with (Http404("Deze instelling staat niet in het register.")), if any."""
    melding = exception.args[0] if exception is not None and exception.args else None
    return melding if isinstance(melding, str) and melding.strip() else None


def pagina_niet_gevonden(request, exception=None):
    html = loader.render_to_string("404.html", {"melding": _melding(exception)}, request)
    return HttpResponseNotFound(html)


def geen_toegang(request, exception=None):
    html = loader.render_to_string("403.html", {"melding": _melding(exception)}, request)
    return HttpResponseForbidden(html)
