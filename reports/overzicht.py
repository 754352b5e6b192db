"""The overview builder: one data structure for all GI's, read from the register as recorded at the end
of the peildatum. Every renderer (PDF, JSON, CSV, HTML) reads this same structure.

The pipeline: signalen/selectors.py reads the register state, signalen/feiten.py shapes it into plain facts,
signalen/regels.py judges them, this module builds the structure (with the words of reports/teksten.py), and
the renderers (reports/pdf.py, reports/renderers.py) only render it.

The structure holds only JSON types (dates as ISO strings), so the archived JSON is the structure
itself and its sha256 identifies the data exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.exceptions import ValidationError

from certification.models import Audit, Certificaatbesluit
from register import klok, roles, rules, vertrouwelijkheid
from register.selectors import gebeurtenissen_van
from register.teksten import datum_iso, datum_tekst, keuze_tekst, waarde_tekst
from signalen import feiten
from signalen import regels as signalen
from signalen import selectors
from reports.varianten import ONBEKENDE_VARIANT, OPENBAAR, VARIANTEN, is_vertrouwelijk
from supervision.models import Door, Inspectieonderzoek

# The version of the data's structure (CONTRACT: reports/schema/kameroverzicht-v2.schema.json describes it).
SCHEMA_VERSIE = 3
# The meerjarenbeeld shows the year of the overview and the four years before it.
MEERJAREN = 5
# The organisations that may give a reactie (wederhoor), in the order the overview prints them, with their names.
ORGANISATIES = roles.WEDERHOOR_ORGANISATIES


class GeenInstellingen(ValidationError):
    """The register held no GI on the peildatum: an overview would be empty, so it is refused (DESIGN.md §5,
    Completeness) and never archived. ``eerste_registratie``: the first day from which the register holds a GI,
    when there is one."""

    def __init__(self, peildatum: dt.date, eerste_registratie: dt.date | None = None):
        self.peildatum = peildatum
        self.eerste_registratie = eerste_registratie
        if eerste_registratie is not None:
            verder = (
                f"de eerste instelling is geregistreerd per {datum_iso(eerste_registratie)}. Kies een latere peildatum."
            )
        else:
            verder = "het register bevat nog geen instellingen. Registreer eerst een instelling, of kies een latere peildatum."
        super().__init__(
            f"Op de peildatum {datum_iso(peildatum)} stond nog geen instelling in het register; {verder}",
            code="geen_instellingen",
        )


def _iso(datum) -> str | None:
    return datum.isoformat() if datum else None


def data_sha256(data: dict) -> str:
    """sha256 of the canonical JSON of the data without its own hash."""
    kern = {k: v for k, v in data.items() if k != "data_sha256"}
    return hashlib.sha256(json.dumps(kern, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def kameroverzicht(jaar: int, peildatum: dt.date, variant: str = OPENBAAR) -> dict:
    """The annual Kamer overview (DESIGN.md §5) for ``jaar``, as recorded at the end of ``peildatum`` (no default:
    reports/services.py ``standaard_peildatum`` is the one)."""
    if variant not in VARIANTEN:
        raise ValueError(ONBEKENDE_VARIANT.format(variant=variant))
    stand = selectors.registerstand_op(peildatum, openbaar=variant == OPENBAAR)
    if not any(_actief_op(gi, peildatum) for gi in stand["instellingen"]):
        # Nothing recorded by then, or nothing active yet: name the first day from which the register (as it is
        # now) holds an active GI, the one definition (signalen/selectors.py), whichever of the two it was.
        raise GeenInstellingen(peildatum, selectors.eerste_registratie())
    return bouw(stand, jaar=jaar, peildatum=peildatum, variant=variant)


def _actief_op(gi, datum: dt.date) -> bool:
    return gi.actief_vanaf is None or gi.actief_vanaf <= datum


def _actief_in(gi, van: dt.date, tot: dt.date) -> bool:
    """Is the GI active on some day of [van, tot]?"""
    return (gi.actief_vanaf is None or gi.actief_vanaf <= tot) and (gi.actief_tot is None or gi.actief_tot >= van)


def eerste_actief_vanaf(stand: feiten.Registerstand) -> dt.date | None:
    """The earliest actief vanaf of the GI's in the register state: the overview's ``volledigheid.eerste_registratie``
    (the first day the register's GI's cover). Not the first day an overview can be made, which a refusal names
    (signalen/feiten.py ``eerste_registratie``)."""
    return min((gi.actief_vanaf for gi in stand["instellingen"] if gi.actief_vanaf), default=None)


def vereis_instellingen(stand: feiten.Registerstand, peildatum: dt.date) -> None:
    """GeenInstellingen when the register state holds no GI that is active by the peildatum, naming the first
    registration date by the one rule (signalen/feiten.py) over what the state holds: every GI in it was recorded
    by the peildatum, so its day is its actief vanaf. ``kameroverzicht`` refuses before this, from the register now."""
    if not any(_actief_op(gi, peildatum) for gi in stand["instellingen"]):
        raise GeenInstellingen(peildatum, feiten.eerste_registratie((gi.actief_vanaf, None) for gi in stand["instellingen"]))


def gegevens_vanaf(gi) -> dt.date | None:
    """The first day the register's record of the GI is complete: its gegevens vanaf, else its actief vanaf."""
    return getattr(gi, "gegevens_vanaf", None) or gi.actief_vanaf


def signalen_per_instelling(
    jaar: int, instellingen: set[int] | None = None, *, openbaar: bool = False
) -> dict[str, list[signalen.Signaal]]:
    """Signals of every GI for ``jaar`` from the current register (afkorting -> signals): a fixed number of queries.
    ``instellingen``: only the GI's with these ids (a page of them), reading only their records. ``openbaar``: from
    the facts the public may see (signalen/feiten.py), for a reader who may not read the audit uitkomst."""
    stand = selectors.registerstand_nu(instellingen=instellingen)
    return {gi.afkorting: signalen.signalen_van(gi, jaar) for gi in feiten.gi_feiten(stand, openbaar=openbaar)}


def bouw(stand: feiten.Registerstand, *, jaar: int, peildatum: dt.date, variant: str) -> dict:
    """The overview from a register state (no queries). GeenInstellingen when it held no GI on the peildatum."""
    vereis_instellingen(stand, peildatum)
    van, tot = signalen.jaar_grenzen(jaar)
    vertrouwelijk = is_vertrouwelijk(variant)
    cert = feiten.per_instelling(stand["certificaatbesluiten"])
    audits = feiten.per_instelling(stand["audits"])
    toezicht = feiten.per_instelling(stand["toezichtbesluiten"])
    maatregelen = feiten.per_instelling(stand["handhavingsmaatregelen"])
    onderzoeken = feiten.per_instelling(stand["inspectieonderzoeken"])
    oordelen = feiten.oordelen_per_onderzoek(stand)
    # Each variant computes its signals from the facts it may show (DESIGN.md §4): the openbaar one without the
    # confidential audit uitkomst.
    per_gi = {f.afkorting: f for f in feiten.gi_feiten(stand, openbaar=not vertrouwelijk)}
    reacties = _reacties_per_signaal(stand, jaar)
    jaren = list(range(jaar - MEERJAREN + 1, jaar + 1))

    instellingen = []
    for gi in stand["instellingen"]:
        f = per_gi[gi.afkorting]
        sig = signalen.signalen_van(f, jaar)
        c_int = rules.certificaat_intervallen(f.certificaten, van, tot, f.gegevens_vanaf)
        t_int = rules.toezicht_intervallen(f.toezichten, van, tot, f.gegevens_vanaf)
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

        c_begin = rules.certificaatstatus(f.certificaten, van, f.gegevens_vanaf)
        c_eind = rules.certificaatstatus(f.certificaten, tot, f.gegevens_vanaf)
        t_begin = rules.toezichtniveau(f.toezichten, van, f.gegevens_vanaf)
        t_eind = rules.toezichtniveau(f.toezichten, tot, f.gegevens_vanaf)
        # a change of the certificate within the year; the first known day after 'onbekend' is none
        bekende_intervallen = [i for i in c_int if i.waarde != rules.ONBEKEND]

        bronnen = sorted({g.object.bron for g in gebeurtenissen if g.object.bron} | ({gi.bron} if gi.bron else set()))

        instellingen.append(
            {
                "afkorting": gi.afkorting,
                "naam": gi.naam,
                "soort": gi.soort,
                "werkgebied": gi.werkgebied,
                "actief_vanaf": _iso(gi.actief_vanaf),
                "actief_tot": _iso(gi.actief_tot),
                "gegevens_vanaf": _iso(gegevens_vanaf(gi)),
                "certificaat_1_jan": c_begin.status,
                "certificaat_31_dec": c_eind.status,
                "certificaatwijzigingen": max(len(bekende_intervallen) - 1, 0),
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
                "certificaatbesluiten": [_certificaatbesluit(b, f, vertrouwelijk) for b in besluiten_jaar],
                "audits": [_audit(a, vertrouwelijk) for a in audits_jaar],
                "rapporten": [_rapport(o, oordelen.get(o.id, [])) for o in rapporten_jaar],
                "signalen": [
                    {
                        "code": x.code,
                        "kort": signalen.DEFINITIE[x.code].kort,
                        "ernst": x.ernst,
                        "titel": signalen.DEFINITIE[x.code].titel,
                        "perioden": [[_iso(a), _iso(b)] for a, b in x.perioden],
                        "uitleg": x.uitleg,
                        "wederhoor": signalen.telt(x),
                        "reacties": reacties.get((gi.id, x.code), []),
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
    meerjarenbeeld = {
        "jaren": jaren,
        "instellingen": [
            {"afkorting": gi.afkorting, "naam": gi.naam, "jaren": [_meerjaar(gi, per_gi[gi.afkorting], j) for j in jaren]}
            for gi in stand["instellingen"]
        ],
    }
    data = {
        "schema_versie": SCHEMA_VERSIE,
        "titel": f"Kameroverzicht gecertificeerde instellingen {jaar}",
        "jaar": jaar,
        "peildatum": _iso(peildatum),
        "variant": variant,
        "registerstand": stand.laatste_wijziging.astimezone(klok.AMSTERDAM).isoformat(timespec="seconds")
        if stand.laatste_wijziging
        else None,
        "volledigheid": {
            "aantal_instellingen": sum(1 for gi in stand["instellingen"] if _actief_in(gi, van, tot)),
            "eerste_registratie": _iso(eerste_actief_vanaf(stand)),
        },
        "signaaldefinities": [
            {"code": d.code, "kort": d.kort, "ernst": d.ernst, "titel": d.titel, "omschrijving": d.omschrijving}
            for d in signalen.DEFINITIES
        ],
        "samenvatting": {
            "aantal_instellingen": len(instellingen),
            "aantal_in_de_pas": sum(1 for i in instellingen if i["in_de_pas"]),
            "signalen_per_code": {
                d.code: sum(1 for i in instellingen if d.code in i["signaalcodes"]) for d in signalen.DEFINITIES
            },
        },
        "instellingen": instellingen,
        "meerjarenbeeld": meerjarenbeeld,
        "monitor": monitor,
    }
    data["data_sha256"] = data_sha256(data)
    return data


def _meerjaar(gi, f: feiten.GIFeiten, jaar: int) -> dict:
    """One year of one GI in the meerjarenbeeld: unknown when the whole year lies before its gegevens vanaf or
    outside its active period."""
    van, tot = signalen.jaar_grenzen(jaar)
    vanaf = gegevens_vanaf(gi)
    bekend = _actief_in(gi, van, tot) and (vanaf is None or vanaf <= tot)
    if not bekend:
        return {"jaar": jaar, "bekend": False, "signaalcodes": [], "in_de_pas": None}
    sig = signalen.signalen_van(f, jaar)
    return {
        "jaar": jaar,
        "bekend": True,
        "signaalcodes": list(dict.fromkeys(x.code for x in sig)),
        "in_de_pas": signalen.in_de_pas(sig),
    }


def _reacties_per_signaal(stand: feiten.Registerstand, jaar: int) -> dict[tuple[int, str], list[dict]]:
    """The reacties (wederhoor) recorded in the register state for signals of ``jaar``, per (GI id, signal code):
    the KMI first, then the inspecties. Public: both variants print them."""
    namen = roles.ROL_NAMEN
    rijen = sorted(
        (r for r in stand.rijen.get("reacties", []) if r.jaar == jaar),
        key=lambda r: (r.instelling_id, r.signaalcode, ORGANISATIES.index(r.organisatie) if r.organisatie in ORGANISATIES
                       else len(ORGANISATIES), r.id),
    )
    result: dict[tuple[int, str], list[dict]] = {}
    for r in rijen:
        result.setdefault((r.instelling_id, r.signaalcode), []).append(
            {
                "organisatie": r.organisatie,
                "organisatie_naam": namen.get(r.organisatie, r.organisatie),
                "tekst": r.tekst,
                "datum": _iso(r.gewijzigd_op.astimezone(klok.AMSTERDAM).date()) if r.gewijzigd_op else None,
                "bron": r.bron,
            }
        )
    return result


def _certificaatbesluit(b, f: feiten.GIFeiten, vertrouwelijk: bool) -> dict:
    """A certificaatbesluit with its aanleiding as far as the variant may know it (the facts ``f`` of the variant)
    and its afweging: ``afweging`` is the KMI's own public afweging only; a summary from an openbare bron is
    ``afweging_openbare_bron`` with its bron; ``afweging_vertrouwelijk_vastgelegd`` says that the KMI recorded one
    vertrouwelijk (its text only in the vertrouwelijk variant)."""
    feit = rules.CertificaatFeit.van(b)
    aanleiding = signalen.aanleiding_van(f, feit)
    result = {
        "status": b.status,
        "tekst": keuze_tekst(Certificaatbesluit.Status.choices, b.status),
        "besluitdatum": _iso(b.besluitdatum),
        "ingangsdatum": _iso(b.ingangsdatum),
        "geldig_tot": _iso(b.geldig_tot),
        "kenmerk": b.kenmerk,
        "motivering_openbaar": b.motivering_openbaar,
        "afweging": "" if feit.afweging_uit_openbare_bron else feit.afweging,
        "afweging_herkomst": feit.afweging_herkomst,
        "afweging_openbare_bron": feit.afweging_uit_openbare_bron,
        "afweging_bron": feit.afweging_bron,
        "afweging_vertrouwelijk_vastgelegd": feit.afweging_vertrouwelijk,
        "afweging_vereist": rules.afweging_vereist(b.status, aanleiding),
        "aanleiding_status": aanleiding.status,
        "aanleiding": rules.aanleiding_teksten(aanleiding, datum_tekst),
        "aanleiding_onbekend": rules.aanleiding_onbekend_tekst(aanleiding, datum_tekst),
        "bron": b.bron,
    }
    if vertrouwelijk:
        for veld in vertrouwelijkheid.vertrouwelijke_velden(Certificaatbesluit):
            result[veld] = getattr(b, veld)
    return result


def _audit(a, vertrouwelijk: bool) -> dict:
    """An audit; its uitkomst (counts, hersteltermijn) and findings only in the vertrouwelijk variant, each None
    when it was not recorded (``onbekend``, never 0)."""
    result = {
        "soort": a.soort,
        "startdatum": _iso(a.startdatum),
        "einddatum": _iso(a.einddatum),
        "normenkader_versie": a.normenkader_versie,
        "bron": a.bron,
    }
    if vertrouwelijk:
        for veld in vertrouwelijkheid.vertrouwelijke_velden(Audit):
            waarde = getattr(a, veld)
            result[veld] = _iso(waarde) if isinstance(waarde, dt.date) else waarde
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

