"""The verdict per GI per year (DESIGN.md §4): three values, never two.

- ``niet_in_de_pas``: a signal that counts (hoog or aandacht) in the year;
- ``onvoldoende_gegevens``: no such signal, and some day of the year (on which the GI is active) lies before either
  side's gegevens vanaf, or no inspection report with an oordeel on the GI was published in the year or the two years
  before it (nothing recent to compare the certificate with);
- ``in_de_pas``: otherwise, with its basis: which themes were judged in that window (report, date) and which not.

A pure function over plain facts (signalen/feiten.py) and the year's signals (signalen/regels.py): no database, no
clock. The overview, the API and the public pages all ask this one function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from register import rules
from register.teksten import datum_tekst, feitdatum_zin
from signalen.feiten import GIFeiten
from signalen.regels import Signaal, telt

IN_DE_PAS = "in_de_pas"
NIET_IN_DE_PAS = "niet_in_de_pas"
ONVOLDOENDE_GEGEVENS = "onvoldoende_gegevens"
# The order of the counts ("3 in de pas, 1 niet in de pas, 1 onvoldoende gegevens") and the one word per value.
PASOORDELEN = (IN_DE_PAS, NIET_IN_DE_PAS, ONVOLDOENDE_GEGEVENS)
PASOORDEEL_TEKST = {
    IN_DE_PAS: "in de pas",
    NIET_IN_DE_PAS: "niet in de pas",
    ONVOLDOENDE_GEGEVENS: "onvoldoende gegevens",
}
# The window of reports the verdict looks at: the year and this many years before it.
VENSTER_JAREN_ERVOOR = 2
KANT_TEKST = {
    "certificering": "de gegevens van het KMI (certificering)",
    "toezicht": "de gegevens van de inspecties (toezicht)",
}


@dataclass(frozen=True)
class Beoordeeld:
    """A theme judged in the window: the latest oordeel on it, with its report."""

    thema: str
    thema_naam: str
    waarde: str
    rapport: str
    rapportdatum: dt.date
    datumkwaliteit: str = rules.EXACT  # of the rapportdatum


@dataclass(frozen=True)
class Pasoordeel:
    waarde: str  # one of PASOORDELEN
    signaalcodes: tuple[str, ...]  # the codes of the signals that count
    redenen: tuple[str, ...]  # why the data do not suffice (onvoldoende_gegevens); empty otherwise
    venster: tuple[dt.date, dt.date]  # the reports that count: published in [van, tot]
    beoordeeld: tuple[Beoordeeld, ...]  # the basis: themes judged in the window, in theme order
    niet_beoordeeld: tuple[str, ...]  # theme names not judged in the window

    @property
    def tekst(self) -> str:
        return PASOORDEEL_TEKST[self.waarde]


def venster(jaar: int) -> tuple[dt.date, dt.date]:
    """1 January of the year two years before ``jaar`` up to and including 31 December of ``jaar``."""
    return dt.date(jaar - VENSTER_JAREN_ERVOOR, 1, 1), dt.date(jaar, 12, 31)


def _eerste_dag(gi: GIFeiten, jaar: int) -> dt.date:
    """The first day of ``jaar`` on which the GI is active (1 January when it is not active in the year at all)."""
    van, tot = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    eerste = max(van, gi.actief_vanaf) if gi.actief_vanaf else van
    return eerste if eerste <= tot and (gi.actief_tot is None or eerste <= gi.actief_tot) else van


def _ontbrekende_kanten(gi: GIFeiten, jaar: int) -> list[str]:
    """Why some day of ``jaar`` is not known, per side, as a Dutch phrase."""
    if gi.certificering_vanaf == rules.NOG_NIETS_VASTGELEGD and gi.toezicht_vanaf == rules.NOG_NIETS_VASTGELEGD:
        return [f"over {gi.afkorting} is nog niets vastgelegd"]
    eerste = _eerste_dag(gi, jaar)
    redenen = []
    for kant in ("certificering", "toezicht"):
        vanaf = getattr(gi, f"{kant}_vanaf")
        if vanaf is None or vanaf <= eerste:
            continue
        if vanaf == rules.NOG_NIETS_VASTGELEGD:
            redenen.append(f"van {KANT_TEKST[kant]} is nog niets vastgelegd")
        else:
            redenen.append(f"{KANT_TEKST[kant]} zijn pas volledig vanaf {datum_tekst(vanaf)}")
    return redenen


def _beoordeeld(gi: GIFeiten, van: dt.date, tot: dt.date) -> dict[str, Beoordeeld]:
    """Per theme the latest oordeel of a report published in [van, tot]."""
    result: dict[str, Beoordeeld] = {}
    for rapport in sorted(gi.rapporten, key=lambda r: (r.rapportdatum, r.id)):
        if not van <= rapport.rapportdatum <= tot:
            continue
        for o in rapport.oordelen:
            result[o.thema] = Beoordeeld(
                o.thema, o.thema_naam, o.waarde, rapport.titel, rapport.rapportdatum, rapport.datumkwaliteit
            )
    return result


def pasoordeel(
    gi: GIFeiten, jaar: int, signalen: Iterable[Signaal], themas: Sequence[tuple[str, str]] = ()
) -> Pasoordeel:
    """The verdict of ``gi`` in ``jaar`` from the year's ``signalen`` of the GI. ``themas``: every theme as (code,
    naam) in order, so the basis can name the themes not judged; themes judged but not listed follow."""
    van, tot = venster(jaar)
    codes = tuple(dict.fromkeys(s.code for s in signalen if telt(s)))
    per_thema = _beoordeeld(gi, van, tot)
    volgorde = [code for code, _ in themas] + [code for code in per_thema if code not in dict(themas)]
    beoordeeld = tuple(per_thema[code] for code in volgorde if code in per_thema)
    niet_beoordeeld = tuple(naam for code, naam in themas if code not in per_thema)
    redenen: list[str] = []
    if codes:
        waarde = NIET_IN_DE_PAS
    else:
        redenen = _ontbrekende_kanten(gi, jaar)
        if not beoordeeld:
            redenen.append(
                f"geen inspectierapport met een oordeel over {gi.afkorting} gepubliceerd in "
                f"{van.year} tot en met {tot.year}"
            )
        waarde = ONVOLDOENDE_GEGEVENS if redenen else IN_DE_PAS
    return Pasoordeel(waarde, codes, tuple(redenen), (van, tot), beoordeeld, niet_beoordeeld)


def basis_tekst(oordeel: Pasoordeel) -> str:
    """The basis in one Dutch sentence: what was judged in the window (report, date) and what not."""
    van, tot = oordeel.venster
    if oordeel.beoordeeld:
        delen = [f"{b.thema_naam} ('{b.rapport}', {feitdatum_zin(b.rapportdatum, b.datumkwaliteit)})" for b in oordeel.beoordeeld]
        tekst = f"Beoordeeld in {van.year}–{tot.year}: {'; '.join(delen)}."
    else:
        tekst = f"Niets beoordeeld in {van.year}–{tot.year}."
    if oordeel.niet_beoordeeld:
        tekst += f" Niet beoordeeld: {', '.join(oordeel.niet_beoordeeld)}."
    return tekst


def oordeel_tekst(oordeel: Pasoordeel) -> str:
    """The verdict with what it rests on: the signal codes, the reasons the data do not suffice, or the basis."""
    if oordeel.waarde == NIET_IN_DE_PAS:
        return f"{oordeel.tekst} ({', '.join(oordeel.signaalcodes)})"
    if oordeel.waarde == ONVOLDOENDE_GEGEVENS:
        return f"{oordeel.tekst}: {'; '.join(oordeel.redenen)}"
    return f"{oordeel.tekst}. {basis_tekst(oordeel)}"


def telling(waarden: Iterable[str]) -> dict[str, int]:
    """How many of each verdict, every value present (also with 0)."""
    result = dict.fromkeys(PASOORDELEN, 0)
    for w in waarden:
        result[w] += 1
    return result


def telling_tekst(aantallen: dict[str, int]) -> str:
    """'3 in de pas, 1 niet in de pas, 1 onvoldoende gegevens': all three, always."""
    return ", ".join(f"{aantallen.get(w, 0)} {PASOORDEEL_TEKST[w]}" for w in PASOORDELEN)
