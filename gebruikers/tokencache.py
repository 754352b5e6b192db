"""The accounts behind API tokens, kept per process so that an authenticated API read costs no more queries than an
anonymous one (README "Snelheid").

Without it every request with a token reads the token with its account (one query) and the account's roles (one
more), before the answer itself comes from the cache. Here a process keeps, per token digest, the account with its
roles read once (``_PROCES``, in memory: the digest never goes to the shared cache). Each kept account carries the
*generation* of the accounts it was read at; the current generation is a value in the shared cache (``GENERATIE``)
that changes with every event that may change what a token grants: a token issued or revoked, an account saved
(deactivated, made superuser, password set), a change of its roles or of a role group. A request reads the
generation in the statement that counts it against its rate limit (api/throttling.py), so checking costs no query
of its own; a kept account of another generation is read afresh. Revoking a token or changing a role so
takes effect at the next request, in every worker.

The generation is changed twice: at once (inside the writing transaction, so that a process that reads the account
meanwhile keeps it under a generation that is already behind) and after the commit (so that a process that read the
account of before the commit in between does not keep it either). When the value is missing (the cache was cleared
or culled) nothing kept counts: the first request sets a new one.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, transaction

GENERATIE = "api-token:generatie"
# Memory per process: at most this many tokens; a kept account leaves after BEWAREN seconds unused at the latest
# (memory, not correctness: correctness is the generation).
_PROCES = LocMemCache("api-tokens", {"OPTIONS": {"MAX_ENTRIES": 2000}})
BEWAREN = 600


def _nieuwe_generatie() -> None:
    """A new generation. In a savepoint: an account saved before the cache table exists (``migrate`` creating the
    first superuser, before ``createcachetable``) must not break its transaction; with no cache nothing is kept."""
    try:
        with transaction.atomic():
            cache.set(GENERATIE, secrets.token_hex(8), None)
    except DatabaseError:
        pass


def gewijzigd(**kwargs) -> None:
    """A signal receiver: something that a token grants may have changed. Every kept account is behind from now."""
    _nieuwe_generatie()
    transaction.on_commit(_nieuwe_generatie, robust=True)


def generatie(vooraf: dict | None = None) -> str:
    """The current generation (from ``vooraf``, the values the request read in one go, when it holds it)."""
    waarde = (vooraf or {}).get(GENERATIE)
    if waarde is not None:
        return waarde
    try:
        with transaction.atomic():
            waarde = cache.get(GENERATIE)
            if waarde is None:
                cache.add(GENERATIE, secrets.token_hex(8), None)
                waarde = cache.get(GENERATIE)
    except DatabaseError:
        waarde = None
    return waarde or "zonder-cache-" + secrets.token_hex(8)  # no cache: a generation nothing kept matches


def bewaard(digest: str, generatie_nu: str):
    """The account kept for ``digest`` at ``generatie_nu``; None when not kept or kept at another generation."""
    gevonden = _PROCES.get(digest)
    if gevonden is None or gevonden[0] != generatie_nu:
        return None
    return gevonden[1]


def bewaren(digest: str, generatie_nu: str, gebruiker, token) -> None:
    _PROCES.set(digest, (generatie_nu, (gebruiker, token)), BEWAREN)


def leegmaken() -> None:
    _PROCES.clear()


def verbinden() -> None:
    """Connect ``gewijzigd`` to every change of what a token grants (gebruikers/apps.py)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from gebruikers.models import ApiToken

    user = get_user_model()
    for model in (ApiToken, user, Group):
        post_save.connect(gewijzigd, sender=model, weak=False, dispatch_uid=f"tokencache-save-{model._meta.label}")
        post_delete.connect(gewijzigd, sender=model, weak=False, dispatch_uid=f"tokencache-delete-{model._meta.label}")
    m2m_changed.connect(gewijzigd, sender=user.groups.through, weak=False, dispatch_uid="tokencache-groepen")
    m2m_changed.connect(gewijzigd, sender=Group.permissions.through, weak=False, dispatch_uid="tokencache-rechten")
