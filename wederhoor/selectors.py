"""Reads of wederhoor: the reacties as recorded at the end of a peildatum, for the doors above (API, pages, the
open-signals page). Both this read and the Kamer overview's register state (``registerstand_op(peildatum)
["reacties"]``) go through the one as-recorded read, signalen/selectors.py ``zoals_vastgelegd``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from signalen.selectors import zoals_vastgelegd
from wederhoor.models import ORGANISATIES, Reactie


@dataclass(frozen=True)
class ReactieFeit:
    """One reactie as recorded: plain data for the overview builder."""

    id: int
    instelling_id: int
    jaar: int
    signaalcode: str
    organisatie: str  # kmi | inspectie
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
