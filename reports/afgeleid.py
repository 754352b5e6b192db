"""The derived state of the reports app served from the cache (register/cache.py): the public Kamer overview, keyed
by the register's version (register/cache.py) and everything else it depends on; an overview as recorded at the end
of a past peildatum by the global parts only (no later write of a GI changes it). (The signals of a year are cached per API page,
in api/views.py.)"""

from __future__ import annotations

import datetime as dt

from register import cache, standversie
from reports.overzicht import kameroverzicht
from reports.renderers import html_context
from reports.varianten import OPENBAAR

# The notes about the data (the overview's Verantwoording) live beside the register's domain models: a new note moves
# the version of the public overview too, also of one for a past peildatum (register/cache.py, ``vast_tot``).
NOTITIES = (standversie.NOTITIES,)


def openbare_html_context_uit_cache(jaar: int, peildatum: dt.date) -> dict:
    """What the public overview pages render (``html_context`` of the openbaar overview), from the cache while the
    register is unchanged: the overview page and each GI's page share it."""
    return cache.afgeleid(
        "kameroverzicht-html", (jaar, peildatum.isoformat(), OPENBAAR), lambda: html_context(kameroverzicht(jaar, peildatum, OPENBAAR)),
        openbaar=True, ook=NOTITIES, vast_tot=peildatum,
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
                          ook=NOTITIES, vast_tot=peildatum)
