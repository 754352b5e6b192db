"""The derived state of the reports app served from the cache (register/cache.py): the signals of a year and the
Kamer overview, each keyed by the register's latest change and everything else it depends on."""

from __future__ import annotations

import datetime as dt

from register import cache
from reports import signalen
from reports.overzicht import kameroverzicht, signalen_per_instelling
from reports.renderers import html_context
from reports.varianten import OPENBAAR


def signalen_uit_cache(jaar: int, instellingen: list[int] | None = None) -> dict[str, list[signalen.Signaal]]:
    """``signalen_per_instelling`` of the current register for ``jaar``, only of the GI's ``instellingen`` (ids;
    None: all), from the cache while the register is unchanged."""
    ids = None if instellingen is None else tuple(sorted(instellingen))
    return cache.afgeleid("signalen", (jaar, ids), lambda: signalen_per_instelling(jaar, None if ids is None else set(ids)))


def openbare_html_context_uit_cache(jaar: int, peildatum: dt.date) -> dict:
    """What the public overview pages render (``html_context`` of the openbaar overview), from the cache while the
    register is unchanged: the overview page and each GI's page share it."""
    return cache.afgeleid(
        "kameroverzicht-html", (jaar, peildatum.isoformat(), OPENBAAR), lambda: html_context(kameroverzicht(jaar, peildatum, OPENBAAR))
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

    return cache.afgeleid("kameroverzicht-gi", (jaar, peildatum.isoformat(), OPENBAAR, afkorting), bereken)
