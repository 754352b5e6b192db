"""The derived state of the reports app served from the cache (register/cache.py): the public Kamer overview, keyed
by the register's version (register/cache.py) and everything else it depends on; an overview as recorded at the end
of a past peildatum by the global parts only (no later write of a GI changes it). (The signals of a year are cached per API page,
in api/views.py.)

The public overview of today (or a later peildatum) is put together from a part per GI (``openbaar_overzicht_uit_delen``):
each GI's section, its row of the meerjarenbeeld and its section as the pages show it are kept under that GI's public
version (register/standversie.py: its own counter and the global one), so after a write to one GI only that GI's part
is derived again, from that GI's records only; what belongs to no GI (the GI's themselves, the national figures, the
notes, the summary counts) is read and put together again, a fixed number of queries however many GI's there are.

What the pages of today read of it (``openbare_html_context_uit_cache``, ``openbare_instelling_context_uit_cache``):
not the whole overview (megabytes at hundreds of GI's, which every write would make behind and a reader would store
again), but its frame (``_kader``): what the overview page shows (of each GI only its rows, rendered once with its
part, so the page after a write renders no loop over every GI), what a GI's page shows besides that GI's section (the
title, the peildatum, the registerstand, the sha256 of the whole data) and the version of each GI's part it was put
together from. A GI's page takes its section from that GI's own value, kept beside its part; the frame (under a key
that a rebuild overwrites) is the one value of the whole register a write makes behind."""

from __future__ import annotations

import datetime as dt
import pickle
import zlib

from django.core.cache import cache as gedeeld
from django.template.loader import render_to_string

from register import cache, klok, standversie
from register.selectors import gegevensnotities_op
from register.models import Instelling
from reports.overzicht import (
    MEERJAREN, afkortingen_van, gi_delen, kameroverzicht, samenstellen, signaaldefinities, weiger_zonder_actieve,
)
from reports.renderers import gi_weergave, html_context, meerjaar_weergave, signaaltitels
from reports.varianten import OPENBAAR
from signalen import selectors

# The notes about the data (the overview's Verantwoording) live beside the register's domain models: a new note moves
# the version of the public overview too, also of one for a past peildatum (register/cache.py, ``vast_tot``).
NOTITIES = (standversie.NOTITIES,)


# What a GI's page shows of the data besides its section (reports/templates/reports/kameroverzicht_instelling.html),
# and so does the overview page: the frame (``_kader``) keeps only these of it.
DATA_VELDEN = ("titel", "jaar", "variant", "data_sha256")
# What the overview page shows of each GI (kameroverzicht.html with ``openbare_pagina``: its row of the summary, its
# row of the meerjarenbeeld, its line in the list of the GI's pages) is rendered with the GI's part (``_html_delen``)
# and put together in the frame, by these names; PEILDATUM_QUERY stands in them for the query of a link to a GI's
# page, which the view fills in (the peildatum the reader chose, reports/views.py). A NUL: no text of the register
# holds one (PostgreSQL stores none), and HTML escaping leaves it as it is.
HTML_DELEN = ("samenvatting_html", "meerjaren_html", "lijst_html")
PEILDATUM_QUERY = "\x00"


def _html_delen(jaar: int, weergave: dict, meerjaar: dict, definities: list[dict]) -> tuple[str, str, str]:
    """One GI's rows of the public overview page (see HTML_DELEN), rendered from its section as the pages show it
    (``gi_weergave``) and its row of the meerjarenbeeld, by the templates the page includes for them."""
    context = {"gi": weergave, "data": {"jaar": jaar}, "openbare_pagina": True, "peildatum_query": PEILDATUM_QUERY}
    jaren = list(range(jaar - MEERJAREN + 1, jaar + 1))
    rij = meerjaar_weergave(meerjaar, jaren, {d["code"]: d for d in definities})
    return (
        render_to_string("reports/_samenvatting_rij.html", context),
        render_to_string("reports/_meerjaar_rij.html", {"gi": rij}),
        render_to_string("reports/_gi_link.html", context),
    )


def _kader(context: dict, versies: dict[str, str] | None, html: list[tuple[str, str, str]]) -> dict:
    """The frame of the overview's ``html_context`` (see the module's doc): everything but the GI's sections and
    rows, with each GI's rows of the overview page as rendered with its part (``html``, in the overview's order, see
    ``_html_delen``) and ``versies``: the version of each GI's part it was put together from, by afkorting."""
    beeld = context["meerjarenbeeld"]
    return {
        **{k: v for k, v in context.items() if k not in ("instellingen", "meerjarenbeeld", "data")},
        "data": {k: context["data"][k] for k in DATA_VELDEN},
        "instellingen": [],
        "meerjarenbeeld": beeld and {"jaren": beeld["jaren"], "instellingen": []},
        **{naam: "".join(rijen[n] for rijen in html) for n, naam in enumerate(HTML_DELEN)},
        "versies": versies,
    }


def _kader_van(data: dict, versies: dict[str, str], html: list[tuple[str, str, str]]) -> dict:
    """The frame of the overview ``data`` of today (``_uit_delen``): its ``html_context`` without what the frame
    leaves out (the sections as the pages show them, the rows of the meerjarenbeeld: ``html`` holds those)."""
    zonder_rijen = {**data, "meerjarenbeeld": data["meerjarenbeeld"] and {**data["meerjarenbeeld"], "instellingen": []}}
    return _kader(html_context(zonder_rijen, []), versies, html)


def _met_gi(kader: dict, gi: dict) -> dict:
    """What the public page of one GI renders: the frame with that GI's section (``gi_weergave``)."""
    return {**{k: v for k, v in kader.items() if k not in HTML_DELEN}, "instellingen": [gi], "gi": gi}


def openbare_html_context_uit_cache(jaar: int, peildatum: dt.date) -> dict:
    """What the public overview page renders: the frame (``_kader``) of the openbaar overview's ``html_context``,
    from the cache while the register is unchanged. For a peildatum of today or later it is put together from the
    parts per GI (``openbaar_overzicht_uit_delen``), and holds the version of each part; for a past one it is the
    whole context, which no later write of a GI makes behind (only a new note)."""
    if peildatum < klok.vandaag():
        return _overzicht_van_toen(jaar, peildatum)

    def bereken() -> bytes:
        # Kept packed: the rows of every GI are HTML that repeats itself (a tenth of the size to write after every
        # write and to read for every page; packing and unpacking take milliseconds).
        return zlib.compress(pickle.dumps(_kader_van(*_uit_delen(jaar, peildatum)[:3]), pickle.HIGHEST_PROTOCOL), 1)

    gepakt = cache.afgeleid(
        "kameroverzicht-kader", (jaar, peildatum.isoformat(), OPENBAAR), bereken, openbaar=True, ook=NOTITIES,
        vast_tot=peildatum,
    )
    return pickle.loads(zlib.decompress(gepakt))  # noqa: S301 (built by this code, see bereken)


def _overzicht_van_toen(jaar: int, peildatum: dt.date) -> dict:
    """The ``html_context`` of the openbaar overview of a past peildatum (built in one piece), from the cache: only
    the global parts and the notes move its version."""
    return cache.afgeleid(
        "kameroverzicht-html", (jaar, peildatum.isoformat(), OPENBAAR),
        lambda: html_context(kameroverzicht(jaar, peildatum, OPENBAAR)), openbaar=True, ook=NOTITIES, vast_tot=peildatum,
    )


def _deel_sleutel(vandaag: dt.date, jaar: int, peildatum: dt.date, afkorting: str) -> str:
    """The key of one GI's part of the openbaar overview of today (its version is kept with it)."""
    return cache.sleutel("kameroverzicht-gi-deel", vandaag, jaar, peildatum.isoformat(), OPENBAAR, afkorting)


def _weergave_sleutel(vandaag: dt.date, jaar: int, peildatum: dt.date, afkorting: str) -> str:
    """The key of one GI's section as its page shows it (``gi_weergave``), beside its part (``_deel_sleutel``)."""
    return cache.sleutel("kameroverzicht-gi-weergave", vandaag, jaar, peildatum.isoformat(), OPENBAAR, afkorting)


def openbaar_overzicht_uit_delen(jaar: int, peildatum: dt.date) -> tuple[dict, list[dict]]:
    """See ``_uit_delen``: the data and the sections as the pages show them."""
    data, _, _, weergaven = _uit_delen(jaar, peildatum, met_weergaven=True)
    return data, weergaven


def _uit_delen(jaar: int, peildatum: dt.date, *, met_weergaven: bool = False) -> tuple[
        dict, dict[str, str], list[tuple[str, str, str]], list[dict] | None]:
    """The openbaar overview (``kameroverzicht(jaar, peildatum, OPENBAAR)``, the same data byte for byte) of a peildatum
    of today or later, put together from the part of each GI kept in the shared cache (read at once) under its public
    version; a part whose GI changed since is derived again from that GI's records only (one register read for all of
    them). With the data: the version of each GI's part (by afkorting), each GI's rows of the overview page as
    rendered with its part (``_html_delen``) and, ``met_weergaven``, each GI's section as the pages show it
    (``gi_weergave``; else None). A part is kept in two values: what the overview is put together from (``deel``,
    with the rows) and the section as a GI's page shows it (``weergave``), which only that page reads. Only for the
    openbaar variant: a part holds nothing a reader without rights may not read, and its version moves only with a
    change such a reader can see."""
    vandaag = klok.vandaag()
    # The versions first: a write after this moment makes what is kept below behind, never ahead.
    versies = standversie.versies_per_gi(openbaar=True)
    gis = list(Instelling.objects.values_list("id", "afkorting", "vervallen"))
    # The GI's declared void: not in the overview, but their links to a report of another GI still count.
    vervallen = {i for i, _, weg in gis if weg}
    sleutels = {i: _deel_sleutel(vandaag, jaar, peildatum, afkorting) for i, afkorting, weg in gis if not weg}
    bewaard = cache.delen_lezen(gedeeld, list(sleutels.values()))
    weergave_sleutels = {i: _weergave_sleutel(vandaag, jaar, peildatum, afkorting) for i, afkorting, weg in gis if not weg}
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
    per_id = {gi.id: gi.afkorting for gi in stand["instellingen"]}
    weergaven, html = {}, {}
    for i, (deel, rijen) in bewaarde_delen.items():
        delen[i], html[i] = deel, rijen
    if ontbrekend:
        definities = signaaldefinities()
        titels = signaaltitels(definities)
        for i, deel in gi_delen(eigen, ontbrekend, jaar=jaar, variant=OPENBAAR, afkortingen=afkortingen).items():
            delen[i], weergaven[i] = deel, gi_weergave(deel.sectie, titels)
            html[i] = _html_delen(jaar, weergaven[i], deel.meerjaar, definities)
        gedeeld.set_many(
            {
                **{sleutels[i]: (versies(per_id[i]), (delen[i], html[i])) for i in ontbrekend if i in sleutels},
                **{weergave_sleutels[i]: (versies(per_id[i]), weergaven[i]) for i in ontbrekend if i in sleutels},
            },
            cache.BEWAARTERMIJN,
        )
    # The register's moment: the latest change of every part's register read (each holds what belongs to no GI too).
    momenten = [m for m in (stand.laatste_wijziging, *(d.laatste_wijziging for d in delen.values())) if m is not None]
    data = samenstellen(
        stand, delen, jaar=jaar, peildatum=peildatum, variant=OPENBAAR, lopend=peildatum >= vandaag,
        notities=gegevensnotities_op(peildatum), laatste_wijziging=max(momenten, default=None),
    )
    if met_weergaven:
        bewaard = cache.delen_lezen(gedeeld, [weergave_sleutels[i] for i in bewaarde_delen])
        titels = signaaltitels(signaaldefinities())
        for i in bewaarde_delen:
            gevonden = bewaard.get(weergave_sleutels[i])
            bij_deel = gevonden is not None and gevonden[0] == versies(per_id[i])
            weergaven[i] = gevonden[1] if bij_deel else gi_weergave(delen[i].sectie, titels)  # gone: made again
    return (
        data, {gi.afkorting: versies(gi.afkorting) for gi in stand["instellingen"]},
        [html[gi.id] for gi in stand["instellingen"]],
        [weergaven[gi.id] for gi in stand["instellingen"]] if met_weergaven else None,
    )


def openbare_instelling_context_uit_cache(jaar: int, peildatum: dt.date, afkorting: str) -> dict | None:
    """What the public page of one GI renders: the frame of the overview (``openbare_html_context_uit_cache``) with
    that GI's section; None when the GI is not in the overview of ``jaar``. Of today: the section from the GI's own
    part, kept at the version the frame was put together from (never the whole overview: the frame holds what else
    the page shows); a frame that is the previous answer (another reader is putting the new one together) and a part
    of a later version do not belong together, and then both are put together afresh. Of a past peildatum: from the
    whole context of then, kept per GI."""
    if peildatum < klok.vandaag():
        return _instelling_van_toen(jaar, peildatum, afkorting)
    kader = openbare_html_context_uit_cache(jaar, peildatum)
    if afkorting not in kader["versies"]:
        return None
    gevonden = gedeeld.get(_weergave_sleutel(klok.vandaag(), jaar, peildatum, afkorting))
    if gevonden is not None and gevonden[0] == kader["versies"][afkorting]:
        return _met_gi(kader, gevonden[1])
    data, versies, html, _ = _uit_delen(jaar, peildatum)
    sectie = next((gi for gi in data["instellingen"] if gi["afkorting"] == afkorting), None)
    if sectie is None:
        return None
    return _met_gi(_kader_van(data, versies, html), gi_weergave(sectie, signaaltitels(data["signaaldefinities"])))


def _instelling_van_toen(jaar: int, peildatum: dt.date, afkorting: str) -> dict | None:
    """``openbare_instelling_context_uit_cache`` of a past peildatum: from the overview of then, kept per GI."""

    def bereken():
        context = _overzicht_van_toen(jaar, peildatum)
        gi = next((gi for gi in context["instellingen"] if gi["afkorting"] == afkorting), None)
        if gi is None:
            return None
        data = {**context["data"], "instellingen": [i for i in context["data"]["instellingen"] if i["afkorting"] == afkorting]}
        return {**context, "data": data, "instellingen": [gi], "gi": gi}

    return cache.afgeleid("kameroverzicht-gi", (jaar, peildatum.isoformat(), OPENBAAR, afkorting), bereken, openbaar=True,
                          ook=NOTITIES, vast_tot=peildatum)
