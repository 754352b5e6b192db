"""The overview builder: one data structure for all GI's, read from the register as recorded at the end
of the peildatum. Every renderer (PDF, JSON, CSV, HTML) reads this same structure.

The pipeline: reports/selectors.py reads the register state, reports/feiten.py shapes it into plain facts,
reports/signalen.py judges them, this module builds the structure (with the words of reports/teksten.py), and
the renderers (reports/pdf.py, reports/renderers.py) only render it.

The structure holds only JSON types (dates as ISO strings), so the archived JSON is the structure
itself and its sha256 identifies the data exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from certification.models import Audit, Certificaatbesluit
from register import klok, rules, vertrouwelijkheid
from register.selectors import gebeurtenissen_van
from register.teksten import keuze_tekst, waarde_tekst
from reports import feiten, selectors, signalen
from reports.varianten import ONBEKENDE_VARIANT, OPENBAAR, VARIANTEN, is_vertrouwelijk
from supervision.models import Door, Inspectieonderzoek

SCHEMA_VERSIE = 1


def _iso(datum) -> str | None:
    return datum.isoformat() if datum else None


def data_sha256(data: dict) -> str:
    """sha256 of the canonical JSON of the data without its own hash."""
    kern = {k: v for k, v in data.items() if k != "data_sha256"}
    return hashlib.sha256(json.dumps(kern, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def kameroverzicht(jaar: int, peildatum: dt.date | None = None, variant: str = OPENBAAR) -> dict:
    """The annual Kamer overview (DESIGN.md §5) for ``jaar``, as recorded at the end of ``peildatum``."""
    if variant not in VARIANTEN:
        raise ValueError(ONBEKENDE_VARIANT.format(variant=variant))
    peildatum = peildatum or klok.vandaag()
    stand = selectors.registerstand(peildatum, openbaar=variant == OPENBAAR)
    return bouw(stand, jaar=jaar, peildatum=peildatum, variant=variant)


def signalen_per_instelling(jaar: int) -> dict[str, list[signalen.Signaal]]:
    """Signals of every GI for ``jaar`` from the current register (afkorting -> signals): a fixed number of queries."""
    return {gi.afkorting: signalen.signalen_van(gi, jaar) for gi in feiten.gi_feiten(selectors.registerstand(None))}


def bouw(stand: feiten.Registerstand, *, jaar: int, peildatum: dt.date, variant: str) -> dict:
    """The overview from a register state (no queries)."""
    van, tot = signalen.jaar_grenzen(jaar)
    vertrouwelijk = is_vertrouwelijk(variant)
    cert = feiten.per_instelling(stand["certificaatbesluiten"])
    audits = feiten.per_instelling(stand["audits"])
    toezicht = feiten.per_instelling(stand["toezichtbesluiten"])
    maatregelen = feiten.per_instelling(stand["handhavingsmaatregelen"])
    onderzoeken = feiten.per_instelling(stand["inspectieonderzoeken"])
    oordelen = feiten.oordelen_per_onderzoek(stand)
    per_gi = {f.afkorting: f for f in feiten.gi_feiten(stand)}

    instellingen = []
    for gi in stand["instellingen"]:
        f = per_gi[gi.afkorting]
        sig = signalen.signalen_van(f, jaar)
        c_int = rules.certificaat_intervallen(f.certificaten, van, tot)
        t_int = rules.toezicht_intervallen(f.toezichten, van, tot)
        gi_cert = sorted(cert.get(gi.id, []), key=lambda b: b.ingangsdatum)
        gi_audits = sorted(audits.get(gi.id, []), key=lambda a: (a.startdatum, a.id))
        gi_toezicht = sorted(toezicht.get(gi.id, []), key=lambda b: b.ingangsdatum)
        gi_maatregelen = maatregelen.get(gi.id, [])
        gi_onderzoeken = sorted(onderzoeken.get(gi.id, []), key=lambda o: (o.rapportdatum, o.id))
        gebeurtenissen = gebeurtenissen_van(gi_cert, gi_audits, gi_toezicht, gi_maatregelen, gi_onderzoeken, van, tot)

        rapporten_jaar = [o for o in gi_onderzoeken if van <= o.rapportdatum <= tot]
        audits_jaar = [a for a in gi_audits if van <= a.startdatum <= tot]
        # the decisions taking effect in the year plus the one(s) in force during it
        in_werking = {i.besluit_id for i in c_int}
        besluiten_jaar = [b for b in gi_cert if van <= b.ingangsdatum <= tot or b.id in in_werking]

        bestuur = [
            (o, x) for o in gi_onderzoeken if o.rapportdatum <= tot for x in oordelen.get(o.id, []) if x.thema_code == signalen.GOED_BESTUUR
        ]
        laatste_bestuur = None
        if bestuur:
            o, x = bestuur[-1]
            laatste_bestuur = {"waarde": x.waarde, "tekst": waarde_tekst(x.waarde), "rapportdatum": _iso(o.rapportdatum), "titel": o.titel}

        c_begin = rules.certificaatstatus(f.certificaten, van)
        c_eind = rules.certificaatstatus(f.certificaten, tot)
        t_begin = rules.toezichtniveau(f.toezichten, van)
        t_eind = rules.toezichtniveau(f.toezichten, tot)

        bronnen = sorted({g.object.bron for g in gebeurtenissen if g.object.bron} | ({gi.bron} if gi.bron else set()))

        instellingen.append(
            {
                "afkorting": gi.afkorting,
                "naam": gi.naam,
                "soort": gi.soort,
                "werkgebied": gi.werkgebied,
                "actief_vanaf": _iso(gi.actief_vanaf),
                "actief_tot": _iso(gi.actief_tot),
                "certificaat_1_jan": c_begin.status,
                "certificaat_31_dec": c_eind.status,
                "certificaatwijzigingen": len(c_int) - 1,
                "toezicht_1_jan": t_begin.niveau,
                "toezicht_31_dec": t_eind.niveau,
                "toezicht_31_dec_termijn_verstreken": t_eind.termijn_verstreken,
                "aantal_audits": len(audits_jaar),
                "aantal_rapporten": len(rapporten_jaar),
                "laatste_oordeel_goed_bestuur": laatste_bestuur,
                "in_de_pas": signalen.in_de_pas(sig),
                "signaalcodes": [x.code for x in sig],
                "certificaat_intervallen": [
                    {"van": _iso(i.van), "tot": _iso(i.tot), "waarde": i.waarde, "tekst": waarde_tekst(i.waarde)} for i in c_int
                ],
                "toezicht_intervallen": [
                    {
                        "van": _iso(i.van),
                        "tot": _iso(i.tot),
                        "waarde": i.waarde,
                        "tekst": waarde_tekst(i.waarde),
                        "termijn_verstreken": i.termijn_verstreken,
                    }
                    for i in t_int
                ],
                "gebeurtenissen": [
                    {
                        "datum": _iso(g.datum),
                        "soort": g.soort,
                        "omschrijving": g.omschrijving,
                        "bron": g.object.bron,
                        "datum_bij_benadering": bool(g.object.datum_bij_benadering),
                    }
                    for g in gebeurtenissen
                ],
                "certificaatbesluiten": [_certificaatbesluit(b, vertrouwelijk) for b in besluiten_jaar],
                "audits": [_audit(a, vertrouwelijk) for a in audits_jaar],
                "rapporten": [_rapport(o, oordelen.get(o.id, [])) for o in rapporten_jaar],
                "signalen": [
                    {
                        "code": x.code,
                        "ernst": x.ernst,
                        "titel": signalen.DEFINITIE[x.code].titel,
                        "perioden": [[_iso(a), _iso(b)] for a, b in x.perioden],
                        "uitleg": x.uitleg,
                    }
                    for x in sig
                ],
                "bronnen": bronnen,
            }
        )

    monitor = [
        _meting(m)
        for m in sorted(stand["monitormetingen"], key=lambda m: m.peildatum)
        if m.instelling_id is None and van <= m.peildatum <= tot
    ]
    data = {
        "schema_versie": SCHEMA_VERSIE,
        "titel": f"Kameroverzicht gecertificeerde instellingen {jaar}",
        "jaar": jaar,
        "peildatum": _iso(peildatum),
        "variant": variant,
        "registerstand": stand.laatste_wijziging.astimezone(klok.AMSTERDAM).isoformat(timespec="seconds")
        if stand.laatste_wijziging
        else None,
        "signaaldefinities": [
            {"code": d.code, "ernst": d.ernst, "titel": d.titel, "omschrijving": d.omschrijving} for d in signalen.DEFINITIES
        ],
        "samenvatting": {
            "aantal_instellingen": len(instellingen),
            "aantal_in_de_pas": sum(1 for i in instellingen if i["in_de_pas"]),
            "signalen_per_code": {
                d.code: sum(1 for i in instellingen if d.code in i["signaalcodes"]) for d in signalen.DEFINITIES
            },
        },
        "instellingen": instellingen,
        "monitor": monitor,
    }
    data["data_sha256"] = data_sha256(data)
    return data


def _certificaatbesluit(b, vertrouwelijk: bool) -> dict:
    result = {
        "status": b.status,
        "tekst": keuze_tekst(Certificaatbesluit.Status.choices, b.status),
        "besluitdatum": _iso(b.besluitdatum),
        "ingangsdatum": _iso(b.ingangsdatum),
        "geldig_tot": _iso(b.geldig_tot),
        "kenmerk": b.kenmerk,
        "motivering_openbaar": b.motivering_openbaar,
        "bron": b.bron,
    }
    if vertrouwelijk:
        for veld in vertrouwelijkheid.vertrouwelijke_velden(Certificaatbesluit):
            result[veld] = getattr(b, veld)
    return result


def _audit(a, vertrouwelijk: bool) -> dict:
    result = {
        "soort": a.soort,
        "startdatum": _iso(a.startdatum),
        "einddatum": _iso(a.einddatum),
        "normenkader_versie": a.normenkader_versie,
        "aantal_kritische_afwijkingen": a.aantal_kritische_afwijkingen,
        "aantal_afwijkingen": a.aantal_afwijkingen,
        "hersteltermijn": _iso(a.hersteltermijn),
        "bron": a.bron,
    }
    if vertrouwelijk:
        for veld in vertrouwelijkheid.vertrouwelijke_velden(Audit):
            result[veld] = getattr(a, veld)
    return result


def _rapport(o, oordelen) -> dict:
    return {
        "rapportdatum": _iso(o.rapportdatum),
        "titel": o.titel,
        "soort": o.soort,
        "door": keuze_tekst(Door.choices, o.door),
        "url": o.url,
        "samenvatting": o.samenvatting,
        "oorzaken": keuze_tekst(Inspectieonderzoek.Oorzaken.choices, o.oorzaken),
        "vertrouwen_verbeterkracht": o.vertrouwen_verbeterkracht,
        "bron": o.bron,
        "oordelen": [
            {"thema": x.thema_code, "thema_naam": x.thema_naam, "waarde": x.waarde, "tekst": waarde_tekst(x.waarde), "toelichting": x.toelichting}
            for x in oordelen
        ],
    }


def _meting(m) -> dict:
    return {
        "peildatum": _iso(m.peildatum),
        "aantal_kinderen_met_maatregel": m.aantal_kinderen_met_maatregel,
        "workload_per_fte": None if m.workload_per_fte is None else str(m.workload_per_fte),
        "wachtlijst_totaal": m.wachtlijst_totaal,
        "gemiddelde_wachttijd_dagen": m.gemiddelde_wachttijd_dagen,
        "fte": None if m.fte is None else str(m.fte),
        "verloop_pct": None if m.verloop_pct is None else str(m.verloop_pct),
        "verzuim_pct": None if m.verzuim_pct is None else str(m.verzuim_pct),
        "bron": m.bron,
    }

