"""The timeline picture of one GI for one year, as the public GI page draws it in SVG: the swimlanes of the Kamer
overview's PDF chart (a certificate band, a toezicht band, markers for audits and reports).

Pure: plain intervals and dates in, plain shapes out (coordinates in the SVG's own units), no database. Meaning is
never carried by colour alone: every status has its own pattern and, where the band is wide enough, its name; the
picture has a text alternative (``beschrijving``) and the page repeats the same facts in tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from register.teksten import CERT_LABEL, MAANDEN_KORT, TOEZICHT_LABEL, feitdatum_tekst, periode_met_kwaliteit

BREEDTE = 900
LINKS = 170  # the lane names
RECHTS = 10
GRAFIEK = BREEDTE - LINKS - RECHTS
BAND_HOOGTE = 30
RIJEN = {"certificaat": 30, "toezicht": 74, "gebeurtenissen": 118}
HOOGTE = 170
MIN_LABEL_BREEDTE = 70  # narrower bands carry their pattern only (the legend and the table name them)

# Status -> (pattern id, name in the picture: the short labels of register/teksten.py). The patterns are defined
# in the template (templates/register/_tijdlijn.svg.html): a fill and a line or dot pattern per status.
CERTIFICAAT = {status: (f"p-{status}", label) for status, label in CERT_LABEL.items()}
TOEZICHT = {niveau: (f"p-{niveau}", label) for niveau, label in TOEZICHT_LABEL.items()}


@dataclass(frozen=True)
class Band:
    x: float
    y: float
    breedte: float
    patroon: str
    label: str
    toon_label: bool

    @property
    def label_x(self) -> float:
        return round(self.x + self.breedte / 2, 1)


@dataclass(frozen=True)
class Markering:
    x: float
    y: float
    soort: str  # audit | rapport
    label: str


@dataclass(frozen=True)
class Tijdlijnbeeld:
    jaar: int
    breedte: int
    hoogte: int
    links: int
    banden: list[Band]
    markeringen: list[Markering]
    maanden: list[tuple[float, str]]
    rijen: dict[str, int]
    band_hoogte: int
    beschrijving: str
    legenda: list[tuple[str, str]]  # (pattern id, name) of the statuses in the picture


def _x(datum: dt.date, begin: dt.date, dagen: int) -> float:
    return round(LINKS + GRAFIEK * (datum - begin).days / dagen, 1)


def _banden(intervallen, soorten, y, begin, einde, dagen) -> list[Band]:
    banden = []
    for interval in intervallen:
        van, tot = max(interval.van, begin), min(interval.tot, einde)
        if tot < van:
            continue
        x0 = _x(van, begin, dagen)
        x1 = _x(tot, begin, dagen) + GRAFIEK / dagen
        patroon, naam = soorten.get(interval.waarde, ("p-onbekend", interval.waarde))
        if getattr(interval, "termijn_verstreken", False):
            naam += " (termijn verstreken)"
        breedte = round(x1 - x0, 1)
        banden.append(Band(x0, y, breedte, patroon, naam, breedte >= MIN_LABEL_BREEDTE))
    return banden


def _zinnen(intervallen, soorten, begin, einde, kwaliteit) -> str:
    delen = []
    for interval in intervallen:
        van, tot = max(interval.van, begin), min(interval.tot, einde)
        if tot < van:
            continue
        naam = soorten.get(interval.waarde, ("", interval.waarde))[1]
        if getattr(interval, "termijn_verstreken", False):
            naam += " (termijn verstreken)"
        delen.append(f"{naam} van {periode_met_kwaliteit(van, tot, kwaliteit, vorm='tekst')}")
    return "; ".join(delen) or "geen gegevens"


def tijdlijnbeeld(
    jaar: int, cert_intervallen, toezicht_intervallen, audits, rapporten, kwaliteit: dict | None = None
) -> Tijdlijnbeeld:
    """``cert_intervallen`` and ``toezicht_intervallen``: intervals with ``van``, ``tot``, ``waarde`` (and
    ``termijn_verstreken``); ``audits`` and ``rapporten``: (date, label) pairs, or (date, label, datumkwaliteit);
    ``kwaliteit``: the datumkwaliteit of the days on which a period begins (register.teksten.grenskwaliteit), so
    the description names a date known only to the month as its month. Everything outside ``jaar`` is left out."""
    kwaliteit = kwaliteit or {}
    begin, einde = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    dagen = (einde - begin).days + 1
    banden = _banden(cert_intervallen, CERTIFICAAT, RIJEN["certificaat"], begin, einde, dagen)
    banden += _banden(toezicht_intervallen, TOEZICHT, RIJEN["toezicht"], begin, einde, dagen)
    markeringen = []
    for soort, items in (("audit", audits), ("rapport", rapporten)):
        for datum, label, *_ in items:
            if begin <= datum <= einde:
                x = _x(datum, begin, dagen) + GRAFIEK / dagen / 2
                markeringen.append(Markering(round(x, 1), RIJEN["gebeurtenissen"] + BAND_HOOGTE / 2, soort, label))
    maanden = [(_x(dt.date(jaar, m, 1), begin, dagen), MAANDEN_KORT[m - 1]) for m in range(1, 13)]
    def _datums(items) -> str:
        return ", ".join(
            feitdatum_tekst(d, rest[1] if len(rest) > 1 else "exact", "tekst") for d, *rest in items if begin <= d <= einde
        ) or "geen"

    audit_tekst = _datums(audits)
    rapport_tekst = _datums(rapporten)
    beschrijving = (
        f"Certificaat: {_zinnen(cert_intervallen, CERTIFICAAT, begin, einde, kwaliteit)}. "
        f"Toezicht: {_zinnen(toezicht_intervallen, TOEZICHT, begin, einde, kwaliteit)}. "
        f"Audits van het KMI (driehoek): {audit_tekst}. Inspectierapporten (cirkel): {rapport_tekst}."
    )
    gebruikt = []
    for band in banden:
        sleutel = (band.patroon, band.label.removesuffix(" (termijn verstreken)"))
        if sleutel not in gebruikt:
            gebruikt.append(sleutel)
    return Tijdlijnbeeld(
        jaar=jaar, breedte=BREEDTE, hoogte=HOOGTE, links=LINKS, banden=banden, markeringen=markeringen,
        maanden=maanden, rijen=RIJEN, band_hoogte=BAND_HOOGTE, beschrijving=beschrijving, legenda=gebruikt,
    )
