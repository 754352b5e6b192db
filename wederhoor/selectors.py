"""Reads of wederhoor: the reacties as recorded at the end of a peildatum, for the doors above (API, pages, the
open-signals page). Both this read and the Kamer overview's register state (``registerstand_op(peildatum)
["reacties"]``) go through the one as-recorded read, signalen/selectors.py ``zoals_vastgelegd``.

Also the signals as they stand now per variant (``signalen_nu``): what a reactie may answer (wederhoor/services.py),
whether the signal of a reactie still stands (``signaal_bestaat_nog``), and what vroegsignalering reports to whom.
The openbaar variant is computed from the facts the public may read (signalen/feiten.py ``gi_feiten(openbaar=True)``:
audits without their confidential uitkomst), so a signal that rests on it does not exist there, while an afweging
the KMI recorded vertrouwelijk still counts as recorded (DESIGN.md §4: "Each variant computes its signals from the
facts it may show").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from register import klok, vertrouwelijkheid
from signalen import regels
from signalen.feiten import gi_feiten
from signalen.selectors import registerstand_nu, zoals_vastgelegd
from wederhoor.models import ORGANISATIES, Beleidsreactie, Reactie


@dataclass(frozen=True)
class ReactieFeit:
    """One reactie as recorded: plain data for the overview builder."""

    id: int
    instelling_id: int
    jaar: int
    signaalcode: str
    organisatie: str  # kmi | inspectie | ministerie
    organisatie_naam: str
    tekst: str
    bron: str
    vastgelegd_op: dt.datetime  # the moment of the version shown (the latest change by the peildatum)


def reacties_op(peildatum: dt.date, jaar: int | None = None) -> list[ReactieFeit]:
    """The reacties that count as recorded at the end of ``peildatum`` (Europe/Amsterdam, register/klok.py), from
    the history (``zoals_vastgelegd``): a reactie recorded later is absent, a later correction shows its earlier
    text, one declared void by then is absent. Optionally of one ``jaar`` only (as recorded then). One query;
    ordered by GI, year, code and organisation."""
    rijen, _ = zoals_vastgelegd(Reactie, peildatum)
    namen = dict(ORGANISATIES)
    feiten = [
        ReactieFeit(
            rij.id, rij.instelling_id, rij.jaar, rij.signaalcode, rij.organisatie,
            namen.get(rij.organisatie, rij.organisatie), rij.tekst, rij.bron, rij.vastgelegd_op,
        )
        for rij in rijen
        if jaar is None or rij.jaar == jaar
    ]
    volgorde = [code for code, _ in ORGANISATIES]
    return sorted(feiten, key=lambda r: (r.instelling_id, r.jaar, r.signaalcode, volgorde.index(r.organisatie)
                                         if r.organisatie in volgorde else len(volgorde), r.id))


def reacties_per_signaal(reacties: list[ReactieFeit]) -> dict[tuple[int, int, str], list[ReactieFeit]]:
    """The reacties grouped by (instelling_id, jaar, signaalcode): what the overview prints under one signal
    (an empty list: the overview prints that no reactie was received)."""
    result: dict[tuple[int, int, str], list[ReactieFeit]] = {}
    for reactie in reacties:
        result.setdefault((reactie.instelling_id, reactie.jaar, reactie.signaalcode), []).append(reactie)
    return result


# -- the signals as they stand now, per variant ------------------------------------------------------------------


def _jaren(feiten, tot: int) -> range:
    """The years in which a GI can have a signal: from the first year of any of its dates up to ``tot``."""
    datums = [feiten.actief_vanaf, *(c.ingangsdatum for c in feiten.certificaten),
              *(t.ingangsdatum for t in feiten.toezichten), *(r.rapportdatum for r in feiten.rapporten)]
    jaren = [d.year for d in datums if d is not None]
    return range(min(jaren, default=tot), tot + 1)


def signalen_nu(
    instelling_ids=None, jaar: int | None = None, *, openbaar: bool, stand=None
) -> dict[tuple[int, int], dict[str, list[regels.Signaal]]]:
    """The signals that count (ernst hoog or aandacht, signalen/regels.py ``telt``) as the register stands now, per
    (GI id, year) and code: of ``jaar``, or (None) of every year from a GI's first recorded date up to the current
    year. ``openbaar``: computed from the public facts only (the variant of the ministerie and the public); otherwise
    from all facts (the variant of the toezichthouders). ``instelling_ids``: only these GI's (None: all). One query
    per domain model. ``stand``: ``registerstand_nu(instellingen=instelling_ids)`` when the caller read it already
    (both variants are computed from the same register state; it is not changed here)."""
    if stand is None:
        stand = registerstand_nu(instellingen=instelling_ids)
    ids = {gi.afkorting: gi.id for gi in stand["instellingen"]}
    huidig = klok.vandaag().year
    result: dict[tuple[int, int], dict[str, list[regels.Signaal]]] = {}
    for feiten in gi_feiten(stand, openbaar=openbaar):
        for j in ([jaar] if jaar is not None else _jaren(feiten, huidig)):
            per_code: dict[str, list[regels.Signaal]] = {}
            for signaal in regels.signalen_van(feiten, j):
                if regels.telt(signaal):
                    per_code.setdefault(signaal.code, []).append(signaal)
            if per_code:
                result[(ids[feiten.afkorting], j)] = per_code
    return result


def openbaar_voor(user) -> bool:
    """The variant ``user`` sees the signals in: openbaar unless the user may read every confidential field."""
    return not vertrouwelijkheid.mag_vertrouwelijk_lezen(user)


def signaal_bestaat_nog(reacties, *, openbaar: bool = True) -> dict[int, bool]:
    """Per reactie id: does the signal it answers (GI, year, code) still stand in the register now? A reactie whose
    signal disappeared after a correction stays in the register and its history; where it is shown, the register
    says the signal no longer stands. Default the openbaar variant, the one everyone may read (reacties are public).
    One query per domain model, for the GI's of ``reacties`` only."""
    reacties = list(reacties)
    if not reacties:
        return {}
    nu = signalen_nu({r.instelling_id for r in reacties}, openbaar=openbaar)
    return {r.id: r.signaalcode in nu.get((r.instelling_id, r.jaar), {}) for r in reacties}


# -- the beleidsreactie per overview year ----------------------------------------------------------------------


@dataclass(frozen=True)
class BeleidsreactieFeit:
    """The ministerie's beleidsreactie on one overview year, as recorded: plain data for the overview builder."""

    id: int
    jaar: int
    tekst: str
    bron: str
    vastgelegd_op: dt.datetime


def beleidsreactie_op(jaar: int, peildatum: dt.date) -> BeleidsreactieFeit | None:
    """The beleidsreactie on overview year ``jaar`` as recorded at the end of ``peildatum`` (``zoals_vastgelegd``):
    None when none was recorded by then (the overview prints "geen beleidsreactie"). One query."""
    rijen, _ = zoals_vastgelegd(Beleidsreactie, peildatum)
    rij = next((r for r in rijen if r.jaar == jaar), None)
    return None if rij is None else BeleidsreactieFeit(rij.id, rij.jaar, rij.tekst, rij.bron, rij.vastgelegd_op)
