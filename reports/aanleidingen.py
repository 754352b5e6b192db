"""The aanleidingenoverzicht (DESIGN.md §5a): everything that happened in the register between two dates (both
inclusive), per GI, as recorded at the end of a peildatum: the basis for informing the Kamer "wanneer er een
aanleiding voor is". One data structure (JSON types only, like the annual overview of reports/overzicht.py) that the
PDF (reports/aanleidingen_pdf.py) and the HTML and CSV renderers (reports/renderers.py) only render.

The same reads, words and variants as the annual overview: the register state of signalen/selectors.py
``registerstand_op``, the facts per variant of signalen/feiten.py ``gi_feiten`` and the signal rules of
signalen/regels.py; the events' words of register/selectors.py ``gebeurtenissen_van``; a certificaatbesluit with its
aanleiding and afweging as reports/overzicht.py gives it (its confidential fields only in the vertrouwelijk variant,
register/vertrouwelijkheid.py).

**When a fact falls in the period.** By its main date, the one the annual overview's timeline dates it by: a report
by its rapportdatum, a certificaatbesluit and a toezichtbesluit by their ingangsdatum, a handhavingsmaatregel by its
datum; a reactie or beleidsreactie by the day it was first recorded (Europe/Amsterdam). A date known only to the
month (datumkwaliteit ``maand``) counts when that month overlaps the period, and is printed as the month: it may have
happened in it, and the reader sees that the day is not known.

**Signals that started or ended.** Per GI and signal code (severity hoog or aandacht: the ones that count, as for
vroegsignalering), the days the signal holds are taken from the rules year by year (from the year of the day before
``van`` up to the year of the day after ``tot``) and joined into runs across year boundaries. A run *started* on its
first day when that day lies in the period, and *ended* on its last day when that day lies in the period and the
signal does not hold the next day. A run of one day is one entry. So a signal that ended the day before ``van`` is
not in the overview, and one that still holds after ``tot`` did not end in it. An entry is dated as the fact behind
its day is: a run that starts on the date of a fact known only to the month (or estimated) is dated by that month
(or "(geschat)"), one that ends the day before such a date likewise; the rules still count from the recorded day.

Each signal carries the reacties on it as recorded by the peildatum (or that none was received), as the annual
overview prints them beside it; a reactie first recorded in the period is also an entry of its own (kind ``reactie``).

**Kinds.** ``SOORTEN`` is the one list of the kinds of aanleiding, in the order the documents print them: a new kind
(aanvragen, zienswijzen) is a function that lists its entries for one GI plus one line there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.exceptions import ValidationError

from certification.models import Aanvraag
from register import klok, roles
from register.selectors import gebeurtenissen_van
from register.teksten import (
    datum_cijfers, datum_iso, datum_tekst, feitdatum_kort, feitdatum_tekst, keuze_tekst, op_feitdatum, signaalperiode_tekst,
    waarde_tekst,
)
from reports.overzicht import GeenInstellingen, actief_op, certificaatbesluit_data, data_sha256, registerstand_moment
from reports.teksten import GEEN_REACTIE, afweging_platte_tekst, kamervraag, signaal_geldt_niet_meer, zienswijze_tekst
from reports.varianten import ONBEKENDE_VARIANT, OPENBAAR, VARIANTEN, is_vertrouwelijk
from signalen import feiten
from signalen import regels as signalen
from signalen import selectors
from supervision.models import Door, Inspectieonderzoek

SCHEMA_VERSIE = 1
EEN_DAG = dt.timedelta(days=1)
ORGANISATIES = roles.WEDERHOOR_ORGANISATIES


@dataclass
class Context:
    """What every kind's function may read: the register state of the variant, the period and the facts per GI."""

    stand: feiten.Registerstand
    van: dt.date
    tot: dt.date
    variant: str
    per_gi: dict[str, feiten.GIFeiten]
    oordelen: dict[int, list]
    rijen: dict[str, dict[int | None, list]] = field(default_factory=dict)

    @property
    def vertrouwelijk(self) -> bool:
        return is_vertrouwelijk(self.variant)

    def van_gi(self, naam: str, gi) -> list:
        if naam not in self.rijen:
            # a report may concern several GI's: one row per report and GI (signalen/feiten.py)
            rijen = feiten.onderzoeken_per_gi(self.stand) if naam == "inspectieonderzoeken" else self.stand.rijen.get(naam, [])
            self.rijen[naam] = feiten.per_instelling(rijen)
        return self.rijen[naam].get(gi.id, [])

    def telt(self, datum: dt.date | None, kwaliteit: str = "exact") -> bool:
        """Does a fact dated ``datum`` (of ``kwaliteit``) fall in the period? A month only: when it overlaps."""
        if datum is None:
            return False
        if kwaliteit == "maand":
            begin = datum.replace(day=1)
            einde = (begin + dt.timedelta(days=32)).replace(day=1) - EEN_DAG
            return begin <= self.tot and einde >= self.van
        return self.van <= datum <= self.tot


def _iso(datum) -> str | None:
    return datum.isoformat() if datum else None


def _item(soort: str, datum: dt.date, kwaliteit: str, omschrijving: str, details=(), bron: str = "", toelichting: str = "") -> dict:
    return {
        "soort": soort,
        "datum": _iso(datum),
        "datumkwaliteit": kwaliteit or "exact",
        "datum_toelichting": toelichting or "",
        "omschrijving": omschrijving,
        "details": [d for d in details if d],
        "bron": bron or "",
    }


def _gebeurtenissen(ctx: Context, gi, soort: str) -> list:
    """The timeline's events of one kind of the GI around the period (register/selectors.py), those that count."""
    ruim_van, ruim_tot = ctx.van.replace(day=1), (ctx.tot.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    args = {
        "certificaatbesluit": (ctx.van_gi("certificaatbesluiten", gi), [], [], [], []),
        "toezichtbesluit": ([], [], ctx.van_gi("toezichtbesluiten", gi), [], []),
        "handhavingsmaatregel": ([], [], [], ctx.van_gi("handhavingsmaatregelen", gi), []),
        "inspectieonderzoek": ([], [], [], [], ctx.van_gi("inspectieonderzoeken", gi)),
    }[soort]
    return [g for g in gebeurtenissen_van(*args, ruim_van, ruim_tot) if ctx.telt(g.datum, g.datumkwaliteit)]


# -- the kinds ----------------------------------------------------------------------------------------------------


def inspectierapporten(ctx: Context, gi) -> list[dict]:
    """Reports published in the period, with their oordelen per theme."""
    result = []
    for g in _gebeurtenissen(ctx, gi, "inspectieonderzoek"):
        o = g.object
        oordelen = [f"{x.thema_naam}: {waarde_tekst(x.waarde)}" + (f" ({x.toelichting})" if x.toelichting else "")
                    for x in ctx.oordelen.get((o.id, gi.id), [])]  # only this GI's oordelen of the report
        details = [f"Door {keuze_tekst(Door.choices, o.door)}; {keuze_tekst(Inspectieonderzoek.Soort.choices, o.soort)} onderzoek.", *(["Oordelen: " + "; ".join(oordelen) + "."] if oordelen else
                                                                          ["Geen oordelen per thema vastgelegd."])]
        if o.samenvatting:
            details.append(o.samenvatting)
        # the GI's zienswijze on the report (DESIGN.md §5a), or that the register holds none
        details.append(zienswijze_tekst({"zienswijze": getattr(o, "zienswijze", ""), "zienswijze_bron": getattr(o, "zienswijze_bron", "")}))
        if o.url:
            details.append(o.url)
        result.append(_item("inspectierapport", g.datum, g.datumkwaliteit, g.omschrijving, details, o.bron, g.datum_toelichting))
    return result


def certificaatbesluiten(ctx: Context, gi) -> list[dict]:
    """Certificaatbesluiten taking effect in the period, with their aanleiding and afweging as the variant may show."""
    result = []
    f = ctx.per_gi[gi.afkorting]
    for g in _gebeurtenissen(ctx, gi, "certificaatbesluit"):
        b = certificaatbesluit_data(g.object, f, ctx.vertrouwelijk)
        details = [f"Besluit van {feitdatum_kort(b['besluitdatum'], b['datumkwaliteit'])}" + (f", kenmerk {b['kenmerk']}" if b["kenmerk"] else "") + ".",
                   b["motivering_openbaar"]]
        if ctx.vertrouwelijk and b.get("motivering_vertrouwelijk"):
            details.append(f"Vertrouwelijke motivering: {b['motivering_vertrouwelijk']}")
        details.append(afweging_platte_tekst(b))
        result.append(_item("certificaatbesluit", g.datum, g.datumkwaliteit, g.omschrijving, details, b["bron"], g.datum_toelichting))
    return result


def toezichtbesluiten(ctx: Context, gi) -> list[dict]:
    """Toezicht changes: toezichtbesluiten taking effect in the period."""
    result = []
    for g in _gebeurtenissen(ctx, gi, "toezichtbesluit"):
        b = g.object
        details = [f"Besluit van {feitdatum_tekst(b.besluitdatum, b.datumkwaliteit)}, door {keuze_tekst(Door.choices, b.door)}.", f"Aanleiding: {b.aanleiding}" if b.aanleiding else ""]
        result.append(_item("toezichtbesluit", g.datum, g.datumkwaliteit, g.omschrijving, details, b.bron, g.datum_toelichting))
    return result


def handhavingsmaatregelen(ctx: Context, gi) -> list[dict]:
    result = []
    for g in _gebeurtenissen(ctx, gi, "handhavingsmaatregel"):
        m = g.object
        details = [f"Door {keuze_tekst(Door.choices, m.door)}" + (f", termijn tot en met {datum_cijfers(m.termijn)}" if m.termijn else "") + ".", m.zakelijke_weergave]
        result.append(_item("handhavingsmaatregel", g.datum, g.datumkwaliteit, g.omschrijving, details, m.bron, g.datum_toelichting))
    return result


def signaal_looptijden(
    f: feiten.GIFeiten, van: dt.date, tot: dt.date
) -> dict[str, list[tuple[dt.date, dt.date, dict[int, str], dict[dt.date, str]]]]:
    """Per signal code that counts: its runs of consecutive days (first, last, {year: uitleg}, {day: datumkwaliteit}
    of the days of the signals that are not exact) as the rules give them for every year from the day before ``van``
    up to the day after ``tot``, joined across year boundaries."""
    perioden: dict[str, list[tuple[dt.date, dt.date, int, str, dict]]] = {}
    for jaar in range((van - EEN_DAG).year, (tot + EEN_DAG).year + 1):
        for s in signalen.signalen_van(f, jaar):
            if signalen.telt(s):
                perioden.setdefault(s.code, []).extend((a, b, jaar, s.uitleg, s.kwaliteit) for a, b in s.perioden)
    result = {}
    for code, lijst in perioden.items():
        runs: list[list] = []
        for a, b, jaar, uitleg, kwaliteit in sorted(lijst, key=lambda p: (p[0], p[1])):
            if runs and a <= runs[-1][1] + EEN_DAG:
                runs[-1][1] = max(runs[-1][1], b)
                runs[-1][2].setdefault(jaar, uitleg)
                runs[-1][3].update(kwaliteit)
            else:
                runs.append([a, b, {jaar: uitleg}, dict(kwaliteit)])
        result[code] = [(a, b, u, k) for a, b, u, k in runs]
    return result


def _wederhoor(ctx: Context, gi, jaar: int, code: str) -> list[str]:
    """The reacties on the signal of ``jaar`` as recorded by the peildatum, as the annual overview prints them beside
    it (wederhoor), or that none was received."""
    namen = roles.ROL_NAMEN
    volgorde = {o: n for n, o in enumerate(ORGANISATIES)}
    lijst = sorted((r for r in ctx.van_gi("reacties", gi) if r.jaar == jaar and r.signaalcode == code),
                   key=lambda r: (volgorde.get(r.organisatie, len(volgorde)), r.id))
    if not lijst:
        return [f"{GEEN_REACTIE} (tot en met de peildatum)."]
    # dated like the annual overview dates them: the day of the version shown
    return [f"Reactie {namen.get(r.organisatie, r.organisatie)} ({datum_cijfers(_dag(r.gewijzigd_op))}): {r.tekst}"
            + (f" (bron: {r.bron})" if r.bron else "") for r in lijst]


def signaalwisselingen(ctx: Context, gi) -> list[dict]:
    """Signals (hoog, aandacht) that started or ended in the period, from the facts the variant may show, each with
    the reacties on it as recorded by the peildatum."""
    result = []
    # the last day the rules were asked about: a run that reaches it may go on, so it did not end
    laatste = dt.date((ctx.tot + EEN_DAG).year, 12, 31)
    for code, runs in signaal_looptijden(ctx.per_gi[gi.afkorting], ctx.van, ctx.tot).items():
        definitie = signalen.DEFINITIE[code]
        naam = f"{definitie.titel} ({definitie.ernst}, {code})"
        for a, b, uitleg, kwaliteit in runs:
            begon, eindigde = ctx.van <= a <= ctx.tot, ctx.van <= b <= ctx.tot and b < laatste
            # a day the date of a fact known only to the month (or estimated) is dated as that fact is, never as a
            # known day: the first day by its own datumkwaliteit, the last by that of the day after it
            begin = kwaliteit.get(a, "exact")
            einde = kwaliteit.get(b + EEN_DAG, "exact") if b < dt.date.max else "exact"
            if a == b and begon and einde == "exact":
                result.append(_item("signaal", a, begin, f"Signaal {op_feitdatum(a, begin)}: {naam}",
                                    [uitleg.get(a.year, ""), *_wederhoor(ctx, gi, a.year, code)]))
                continue
            if begon:
                # what follows the period is not told as a fact: only that it still held on its last day
                verder = "" if eindigde else f"Het signaal gold aan het einde van de periode ({datum_tekst(ctx.tot)}) nog."
                result.append(_item("signaal", a, begin, f"Signaal begonnen: {naam}",
                                    [uitleg.get(a.year, ""), verder, *_wederhoor(ctx, gi, a.year, code)]))
            if eindigde:
                result.append(_item("signaal", b, einde, f"Signaal geëindigd: {naam}",
                                    [f"Het signaal gold van {signaalperiode_tekst(a, b, kwaliteit)}.", uitleg.get(b.year, ""),
                                     *_wederhoor(ctx, gi, b.year, code)]))
    return result


def _dag(moment: dt.datetime | None) -> dt.date | None:
    return moment.astimezone(klok.AMSTERDAM).date() if moment else None


def _vastgelegd_op(rij) -> dt.date | None:
    """The day a record was first recorded (Europe/Amsterdam): when a reactie or beleidsreactie happened."""
    return _dag(getattr(rij, "aangemaakt_op", None))


def reacties(ctx: Context, gi) -> list[dict]:
    """Reacties (wederhoor) first recorded in the period, as recorded by the peildatum; a reactie whose signal the
    register no longer holds says so (reports/teksten.py)."""
    namen = roles.ROL_NAMEN
    f = ctx.per_gi[gi.afkorting]
    codes_per_jaar: dict[int, set[str]] = {}
    result = []
    for r in sorted(ctx.van_gi("reacties", gi), key=lambda r: (r.aangemaakt_op, r.id)):
        dag = _vastgelegd_op(r)
        if not ctx.telt(dag):
            continue
        if r.jaar not in codes_per_jaar:
            codes_per_jaar[r.jaar] = {s.code for s in signalen.signalen_van(f, r.jaar)}
        definitie = signalen.DEFINITIE.get(r.signaalcode)
        titel = definitie.titel if definitie else r.signaalcode
        details = [r.tekst]
        if r.signaalcode not in codes_per_jaar[r.jaar]:
            details.append(signaal_geldt_niet_meer(ctx.variant))
        result.append(_item("reactie", dag, "exact",
                            f"Reactie {namen.get(r.organisatie, r.organisatie)} op '{titel}' ({r.signaalcode}, {r.jaar})",
                            details, r.bron))
    return result


def beleidsreacties(ctx: Context) -> list[dict]:
    """The ministerie's beleidsreacties on an overview year, first recorded in the period (not about one GI)."""
    result = []
    for r in sorted(ctx.stand.rijen.get("beleidsreacties", []), key=lambda r: (r.aangemaakt_op, r.id)):
        dag = _vastgelegd_op(r)
        if ctx.telt(dag):
            result.append(_item("beleidsreactie", dag, "exact", f"Beleidsreactie van het ministerie op het jaar {r.jaar}",
                                [r.tekst], r.bron))
    return result


def _aanvraag_items(ctx: Context, rijen) -> list[dict]:
    """Applications for a certificate lodged or decided in the period (the KMI's; the applicant's name is public,
    Aanwijzingsbesluit art. 4 d)."""
    result = []
    for r in sorted(rijen, key=lambda r: (r.ingediend_op, r.id)):
        if getattr(r, "vervallen", False):
            continue
        kwaliteit = getattr(r, "datumkwaliteit", "exact") or "exact"
        wie = r.organisatie or "de instelling"
        soort = keuze_tekst(Aanvraag.Soort.choices, r.soort)
        if ctx.telt(r.ingediend_op, kwaliteit):
            result.append(_item("aanvraag", r.ingediend_op, kwaliteit, f"Aanvraag ({soort}) ingediend door {wie}" if not r.instelling_id
                                else f"Aanvraag ({soort}) ingediend", [], r.bron, getattr(r, "datum_toelichting", "")))
        if r.afgehandeld_op and ctx.telt(r.afgehandeld_op, kwaliteit):
            uitkomst = "ingetrokken" if r.ingetrokken else "afgehandeld met een certificaatbesluit" if r.certificaatbesluit_id else "afgehandeld"
            result.append(_item("aanvraag", r.afgehandeld_op, kwaliteit, f"Aanvraag ({soort}) {uitkomst}", [], r.bron,
                                getattr(r, "datum_toelichting", "")))
    return result


def aanvragen(ctx: Context, gi) -> list[dict]:
    return _aanvraag_items(ctx, ctx.van_gi("aanvragen", gi))


def aanvragen_landelijk(ctx: Context) -> list[dict]:
    """Applications of organisations the register does not hold as a GI (a new applicant, by name)."""
    return _aanvraag_items(ctx, [r for r in ctx.stand.rijen.get("aanvragen", []) if r.instelling_id is None])


@dataclass(frozen=True)
class Soort:
    code: str
    naam: str  # the kind in the documents' counts (plural)
    enkelvoud: str  # one entry of the kind, in the tables' column "Soort"
    entries: Callable[[Context, SimpleNamespace], list[dict]] | None = None  # per GI
    landelijk: Callable[[Context], list[dict]] | None = None  # about no GI in particular


# The one list of kinds, in the order the documents print them and count them.
SOORTEN: tuple[Soort, ...] = (
    Soort("inspectierapport", "Inspectierapporten gepubliceerd", "Inspectierapport", inspectierapporten),
    Soort("certificaatbesluit", "Certificaatbesluiten", "Certificaatbesluit", certificaatbesluiten),
    Soort("aanvraag", "Aanvragen van een certificaat (ingediend of afgehandeld)", "Aanvraag", aanvragen, aanvragen_landelijk),
    Soort("toezichtbesluit", "Toezichtbesluiten (wijziging van het toezicht)", "Toezichtbesluit", toezichtbesluiten),
    Soort("handhavingsmaatregel", "Handhavingsmaatregelen", "Handhavingsmaatregel", handhavingsmaatregelen),
    Soort("signaal", "Signalen die begonnen of eindigden", "Signaal", signaalwisselingen),
    Soort("reactie", "Reacties (wederhoor)", "Reactie", reacties),
    Soort("beleidsreactie", "Beleidsreacties van het ministerie", "Beleidsreactie", landelijk=beleidsreacties),
)
SOORT_NAAM = {s.code: s.naam for s in SOORTEN}


# -- the structure ------------------------------------------------------------------------------------------------


def periode_controleren(van, tot) -> None:
    """The period's own rule: ``van`` on or before ``tot`` (a clear Dutch error on ``van`` otherwise)."""
    if isinstance(van, dt.date) and isinstance(tot, dt.date) and van > tot:
        raise ValidationError({"van": (
            f"De begindatum ({datum_iso(van)}) ligt na de einddatum ({datum_iso(tot)}). Kies een begindatum op of vóór "
            "de einddatum."
        )}, code="van_na_tot")


def titel(van: dt.date, tot: dt.date) -> str:
    return f"Aanleidingenoverzicht gecertificeerde instellingen {datum_tekst(van)} tot en met {datum_tekst(tot)}"


def aanleidingen(van: dt.date, tot: dt.date, peildatum: dt.date, variant: str = OPENBAAR) -> dict:
    """The aanleidingenoverzicht of [van, tot] as recorded at the end of ``peildatum`` (no default: the service has
    it). GeenInstellingen when the register held no GI on the peildatum, as for the annual overview."""
    if variant not in VARIANTEN:
        raise ValueError(ONBEKENDE_VARIANT.format(variant=variant))
    periode_controleren(van, tot)
    stand = selectors.registerstand_op(peildatum, openbaar=variant == OPENBAAR)
    if not any(actief_op(gi, peildatum) for gi in stand["instellingen"]):
        raise GeenInstellingen(peildatum, selectors.eerste_registratie())
    return bouw(stand, van=van, tot=tot, peildatum=peildatum, variant=variant, lopend=peildatum >= klok.vandaag())


def bouw(stand: feiten.Registerstand, *, van: dt.date, tot: dt.date, peildatum: dt.date, variant: str,
         lopend: bool = False) -> dict:
    """The structure from a register state (no queries)."""
    ctx = Context(
        stand=stand, van=van, tot=tot, variant=variant,
        per_gi={f.afkorting: f for f in feiten.gi_feiten(stand, openbaar=not is_vertrouwelijk(variant))},
        oordelen=feiten.oordelen_per_onderzoek(stand),
    )
    volgorde = {s.code: n for n, s in enumerate(SOORTEN)}
    instellingen = []
    for gi in stand["instellingen"]:
        items = [item for s in SOORTEN if s.entries for item in s.entries(ctx, gi)]
        items.sort(key=lambda i: (i["datum"], volgorde[i["soort"]]))
        instellingen.append({"afkorting": gi.afkorting, "naam": gi.naam, "aanleidingen": items})
    landelijk = sorted((item for s in SOORTEN if s.landelijk for item in s.landelijk(ctx)),
                       key=lambda i: (i["datum"], volgorde[i["soort"]]))
    aantallen = dict.fromkeys((s.code for s in SOORTEN), 0)
    for item in [*landelijk, *(i for gi in instellingen for i in gi["aanleidingen"])]:
        aantallen[item["soort"]] += 1
    data = {
        "soort": "aanleidingenoverzicht",
        "schema_versie": SCHEMA_VERSIE,
        "titel": titel(van, tot),
        "van": _iso(van),
        "tot": _iso(tot),
        "peildatum": _iso(peildatum),
        "peildatum_lopend": lopend,
        "variant": variant,
        "kamervraag": kamervraag(),
        "registerstand": registerstand_moment(stand, ()),
        "soorten": [{"code": s.code, "naam": s.naam, "enkelvoud": s.enkelvoud} for s in SOORTEN],
        "aantallen": aantallen,
        "landelijk": landelijk,
        "instellingen": instellingen,
    }
    data["data_sha256"] = data_sha256(data)
    return data
