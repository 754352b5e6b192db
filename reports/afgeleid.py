"""The derived state of the reports app served from the cache (register/cache.py): the public Kamer overview, keyed
by the register's latest change and everything else it depends on. (The signals of a year are cached per API page,
in api/views.py.)"""

from __future__ import annotations

import datetime as dt

from register import cache
from reports.overzicht import kameroverzicht
from reports.renderers import html_context
from reports.varianten import OPENBAAR

# The notes about the data (the overview's Verantwoording) live beside the register's domain models: a new note moves
# the key of the public overview too.
NOTITIES = ("register.gegevensnotitie",)


def openbare_html_context_uit_cache(jaar: int, peildatum: dt.date) -> dict:
    """What the public overview pages render (``html_context`` of the openbaar overview), from the cache while the
    register is unchanged: the overview page and each GI's page share it."""
    return cache.afgeleid(
        "kameroverzicht-html", (jaar, peildatum.isoformat(), OPENBAAR), lambda: html_context(kameroverzicht(jaar, peildatum, OPENBAAR)),
        openbaar=True, ook=NOTITIES,
    )


def openbare_instelling_context_uit_cache(jaar: int, peildatum: dt.date, afkorting: str) -> dict | None:
    """What the public page of one GI renders: the overview's context with only that GI (``gi``), from the cache
    while the register is unchanged; None when the GI is not in the overview of ``jaar``."""

    def bereken():
        context = openbare_html_context_uit_cache(jaar, peildatum)
        gi = next((gi for gi in context["instellingen"] if gi["afkorting"] == afkorting), None)
        if gi is None:
            return None
        data = {**context["data"], "instellingen": [i for i in context["data"]["instellingen"] if i["afkorting"] == afkorting]}
        return {**context, "data": data, "instellingen": [gi], "gi": gi}

    return cache.afgeleid("kameroverzicht-gi", (jaar, peildatum.isoformat(), OPENBAAR, afkorting), bereken, openbaar=True,
                          ook=NOTITIES)
