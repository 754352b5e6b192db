"""The derived state of the reports app served from the cache (register/cache.py): the public Kamer overview, keyed
by the register's version (register/cache.py) and everything else it depends on; an overview as recorded at the end
of a past peildatum by the global parts only (no later write of a GI changes it). (The signals of a year are cached per API page,
in api/views.py.)

The public overview of today (or a later peildatum) is put together from a part per GI (``openbaar_overzicht_uit_delen``):
each GI's section, its row of the meerjarenbeeld and its section as the pages show it are kept under that GI's public
version (register/standversie.py: its own counter and the global one), so after a write to one GI only that GI's part
is derived again, from that GI's records only; what belongs to no GI (the GI's themselves, the national figures, the
notes, the summary counts) is read and put together again, a fixed number of queries however many GI's there are."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache as gedeeld

from register import cache, klok, standversie
from register.selectors import gegevensnotities_op
from register.models import Instelling
from reports.overzicht import (
    afkortingen_van, gi_delen, kameroverzicht, samenstellen, signaaldefinities, weiger_zonder_actieve,
)
from reports.renderers import gi_weergave, html_context, signaaltitels
from reports.varianten import OPENBAAR
from signalen import selectors

# The notes about the data (the overview's Verantwoording) live beside the register's domain models: a new note moves
# the version of the public overview too, also of one for a past peildatum (register/cache.py, ``vast_tot``).
NOTITIES = (standversie.NOTITIES,)


def openbare_html_context_uit_cache(jaar: int, peildatum: dt.date) -> dict:
    """What the public overview pages render (``html_context`` of the openbaar overview), from the cache while the
    register is unchanged: the overview page and each GI's page share it. For a peildatum of today or later it is
    put together from the parts per GI (``openbaar_overzicht_uit_delen``)."""

    def bereken() -> dict:
        if peildatum >= klok.vandaag():
            return html_context(*openbaar_overzicht_uit_delen(jaar, peildatum))
        return html_context(kameroverzicht(jaar, peildatum, OPENBAAR))

    return cache.afgeleid(
        "kameroverzicht-html", (jaar, peildatum.isoformat(), OPENBAAR), bereken, openbaar=True, ook=NOTITIES,
        vast_tot=peildatum,
    )


def openbaar_overzicht_uit_delen(jaar: int, peildatum: dt.date) -> tuple[dict, list[dict]]:
    """The openbaar overview (``kameroverzicht(jaar, peildatum, OPENBAAR)``, the same data byte for byte) of a peildatum
    of today or later, and each GI's section as the pages show it (``gi_weergave``), put together from the part of each
    GI kept in the shared cache (read at once) under its public version; a part whose GI changed since is derived
    again from that GI's records only (one register read for all of them). Only for the openbaar variant: a part holds
    nothing a reader without rights may not read, and its version moves only with a change such a reader can see."""
    vandaag = klok.vandaag()
    # The versions first: a write after this moment makes what is kept below behind, never ahead.
    versies = standversie.versies_per_gi(openbaar=True)
    gis = list(Instelling.objects.values_list("id", "afkorting", "vervallen"))
    # The GI's declared void: not in the overview, but their links to a report of another GI still count.
    vervallen = {i for i, _, weg in gis if weg}
    sleutels = {
        i: cache.sleutel("kameroverzicht-gi-deel", vandaag, jaar, peildatum.isoformat(), OPENBAAR, afkorting)
        for i, afkorting, weg in gis if not weg
    }
    bewaard = gedeeld.get_many(list(sleutels.values()))
    bewaarde_delen = {}
    for i, afkorting, weg in gis:
        gevonden = None if weg else bewaard.get(sleutels[i])
        if gevonden is not None and gevonden[0] == versies(afkorting):
            bewaarde_delen[i] = gevonden[1]
    if bewaarde_delen:
        # Every GI and what belongs to no GI, with the records of the GI's declared void; then the records of only
        # the GI's whose part is behind.
        stand = selectors.registerstand_op(peildatum, openbaar=True, instellingen=vervallen, alle_instellingen=True)
        ontbrekend = {gi.id for gi in stand["instellingen"] if gi.id not in bewaarde_delen}
        eigen = selectors.registerstand_op(peildatum, openbaar=True, instellingen=ontbrekend) if ontbrekend else None
    else:
        # Nothing kept (a new day, a new release): the whole register in one read.
        stand = selectors.registerstand_op(peildatum, openbaar=True)
        ontbrekend = {gi.id for gi in stand["instellingen"]}
        eigen = stand
    weiger_zonder_actieve(stand, peildatum)
    afkortingen = afkortingen_van(stand)
    delen = gi_delen(stand, vervallen, jaar=jaar, variant=OPENBAAR, afkortingen=afkortingen)
    weergaven = {}
    for i, (deel, weergave) in bewaarde_delen.items():
        delen[i], weergaven[i] = deel, weergave
    if ontbrekend:
        titels = signaaltitels(signaaldefinities())
        for i, deel in gi_delen(eigen, ontbrekend, jaar=jaar, variant=OPENBAAR, afkortingen=afkortingen).items():
            delen[i], weergaven[i] = deel, gi_weergave(deel.sectie, titels)
        per_id = {gi.id: gi.afkorting for gi in stand["instellingen"]}
        gedeeld.set_many(
            {sleutels[i]: (versies(per_id[i]), (delen[i], weergaven[i])) for i in ontbrekend if i in sleutels},
            cache.BEWAARTERMIJN,
        )
    # The register's moment: the latest change of every part's register read (each holds what belongs to no GI too).
    momenten = [m for m in (stand.laatste_wijziging, *(d.laatste_wijziging for d in delen.values())) if m is not None]
    data = samenstellen(
        stand, delen, jaar=jaar, peildatum=peildatum, variant=OPENBAAR, lopend=peildatum >= vandaag,
        notities=gegevensnotities_op(peildatum), laatste_wijziging=max(momenten, default=None),
    )
    return data, [weergaven[gi.id] for gi in stand["instellingen"]]


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
