"""Reads of wederhoor: the reacties as recorded at the end of a peildatum, for the doors above (API, pages, the
open-signals page). The Kamer overview in reports/ reads the same rows through its register state
(``registerstand(peildatum)["reacties"]``, register/domein.py) so that it does not import this app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from register import klok
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
    the history: a reactie recorded later is absent, a later correction shows its earlier text, one declared void
    by then is absent. Optionally of one ``jaar`` only. One query; ordered by GI, year, code and organisation."""
    historie = Reactie.history.filter(history_date__lt=klok.einde_van_dag(peildatum))
    if jaar is not None:
        historie = historie.filter(jaar=jaar)
    laatste: dict[int, object] = {}
    for rij in historie.order_by("id", "history_date", "history_id").iterator():
        laatste[rij.id] = rij
    namen = dict(ORGANISATIES)
    feiten = [
        ReactieFeit(
            rij.id, rij.instelling_id, rij.jaar, rij.signaalcode, rij.organisatie,
            namen.get(rij.organisatie, rij.organisatie), rij.tekst, rij.bron, rij.history_date,
        )
        for rij in laatste.values()
        if rij.history_type != "-" and not rij.vervallen
    ]
    volgorde = [code for code, _ in ORGANISATIES]
    return sorted(feiten, key=lambda r: (r.instelling_id, r.jaar, r.signaalcode, volgorde.index(r.organisatie)
                                         if r.organisatie in volgorde else len(volgorde), r.id))


def reacties_per_signaal(reacties: list[ReactieFeit]) -> dict[tuple[int, int, str], list[ReactieFeit]]:
    """The reacties grouped by (instelling_id, jaar, signaalcode): what the overview prints under one signal
    (an empty list: "geen reactie ontvangen")."""
    result: dict[tuple[int, int, str], list[ReactieFeit]] = {}
    for reactie in reacties:
        result.setdefault((reactie.instelling_id, reactie.jaar, reactie.signaalcode), []).append(reactie)
    return result
