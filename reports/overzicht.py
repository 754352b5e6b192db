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
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from certification.models import Audit, Certificaatbesluit
from register import klok, roles, rules, vertrouwelijkheid
from register.selectors import gebeurtenissen_van, gegevensnotities_op
from register.teksten import datum_iso, feitdatum_zin, getal_tekst, keuze_tekst, waarde_tekst
from signalen import feiten, pasoordeel
from signalen import regels as signalen
from signalen import selectors
from reports.teksten import MONITOR_KOPPEN, kamervraag, monitor_definitie_voetnoot, monitor_herzien_voetnoot
from reports.varianten import ONBEKENDE_VARIANT, OPENBAAR, VARIANTEN, is_vertrouwelijk
from supervision.models import Door, Oorzaken

# The version of the data's structure (CONTRACT: reports/schema/kameroverzicht-v3.schema.json describes it; the
# beleidsreactie and the reacties whose signal no longer stands were added to it as optional keys, so overviews
# archived before them still validate).
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


def canoniek(waarde) -> str:
    """The canonical JSON of ``waarde``: keys sorted, no spaces, UTF-8 as it is."""
    return json.dumps(waarde, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def data_sha256(data: dict) -> str:
    """sha256 of the canonical JSON of the data without its own hash."""
    return hashlib.sha256(canoniek({k: v for k, v in data.items() if k != "data_sha256"}).encode()).hexdigest()


def kameroverzicht(jaar: int, peildatum: dt.date, variant: str = OPENBAAR) -> dict:
    """The annual Kamer overview (DESIGN.md §5) for ``jaar``, as recorded at the end of ``peildatum`` (no default:
    reports/services.py ``standaard_peildatum`` is the one)."""
    if variant not in VARIANTEN:
        raise ValueError(ONBEKENDE_VARIANT.format(variant=variant))
    stand = selectors.registerstand_op(peildatum, openbaar=variant == OPENBAAR)
    weiger_zonder_actieve(stand, peildatum)
    # Today's peildatum: the day has not ended, and the overview says so (reports/teksten.py peildatum_tekst).
    return bouw(stand, jaar=jaar, peildatum=peildatum, variant=variant, lopend=peildatum >= klok.vandaag(),
                notities=gegevensnotities_op(peildatum))


def weiger_zonder_actieve(stand: feiten.Registerstand, peildatum: dt.date) -> None:
    """GeenInstellingen when no GI of the register state is active on the peildatum (nothing recorded by then, or
    nothing active yet), naming the first day from which the register (as it is now) holds an active GI, the one
    definition (signalen/selectors.py), whichever of the two it was. Two queries when it refuses."""
    if not any(actief_op(gi, peildatum) for gi in stand["instellingen"]):
        raise GeenInstellingen(peildatum, selectors.eerste_registratie())


def actief_op(gi, datum: dt.date) -> bool:
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
    if not any(actief_op(gi, peildatum) for gi in stand["instellingen"]):
        raise GeenInstellingen(peildatum, feiten.eerste_registratie((gi.actief_vanaf, None) for gi in stand["instellingen"]))


def gegevens_vanaf(gi, kant: str) -> dt.date | None:
    """The first day the register's record of one side (``certificering`` or ``toezicht``) of the GI is complete: its
    gegevens vanaf of that side, else its actief vanaf; None when nothing about the GI is recorded yet."""
    if getattr(gi, "nog_niets_vastgelegd", False):
        return None
    return rules.gegevens_vanaf(gi, kant) or gi.actief_vanaf


def themas(stand: feiten.Registerstand) -> list[tuple[str, str]]:
    """Every theme as (code, naam), in theme order: what the verdict's basis names as judged or not."""
    return [(t.code, t.naam) for t in sorted(stand["themas"], key=lambda t: (t.volgorde, t.naam))]


def omvang_op(stand: feiten.Registerstand, datum: dt.date):
    """The Omvang (DESIGN.md §3) that holds on ``datum``: the one with the latest datum on or before it; None when
    none was recorded by then."""
    rijen = [o for o in stand.rijen.get("omvang", []) if o.datum <= datum]
    return max(rijen, key=lambda o: o.datum, default=None)


def pasoordeel_data(oordeel: pasoordeel.Pasoordeel) -> dict:
    """The verdict as the overview structure holds it (JSON types)."""
    return {
        "waarde": oordeel.waarde,
        "tekst": oordeel.tekst,
        "signaalcodes": list(oordeel.signaalcodes),
        "redenen": list(oordeel.redenen),
        "venster": [_iso(oordeel.venster[0]), _iso(oordeel.venster[1])],
        "beoordeeld": [
            {
                "thema": b.thema,
                "thema_naam": b.thema_naam,
                "waarde": b.waarde,
                "tekst": waarde_tekst(b.waarde),
                "rapport": b.rapport,
                "rapportdatum": _iso(b.rapportdatum),
            }
            for b in oordeel.beoordeeld
        ],
        "niet_beoordeeld": list(oordeel.niet_beoordeeld),
        "basis": pasoordeel.basis_tekst(oordeel),
    }


def signalen_per_instelling(
    jaar: int, instellingen: set[int] | None = None, *, openbaar: bool = False
) -> dict[str, list[signalen.Signaal]]:
    """Signals of every GI for ``jaar`` from the current register (afkorting -> signals): a fixed number of queries.
    ``instellingen``: only the GI's with these ids (a page of them), reading only their records. ``openbaar``: from
    the facts the public may see (signalen/feiten.py), for a reader who may not read the audit uitkomst."""
    stand = selectors.registerstand_nu(instellingen=instellingen)
    return {gi.afkorting: signalen.signalen_van(gi, jaar) for gi in feiten.gi_feiten(stand, openbaar=openbaar)}


def pasoordelen_per_instelling(
    jaar: int, instellingen: set[int] | None = None, *, openbaar: bool = False, stand: feiten.Registerstand | None = None
) -> dict[str, tuple[list[signalen.Signaal], pasoordeel.Pasoordeel]]:
    """Signals and verdict of every GI for ``jaar`` from the current register (afkorting -> (signals, verdict)), the
    same fixed number of queries as ``signalen_per_instelling``; ``openbaar`` as there. ``stand``:
    ``registerstand_nu(instellingen=instellingen)`` when the caller read it already (no queries then)."""
    if stand is None:
        stand = selectors.registerstand_nu(instellingen=instellingen)
    alle_themas = themas(stand)
    result = {}
    for gi in feiten.gi_feiten(stand, openbaar=openbaar):
        sig = signalen.signalen_van(gi, jaar)
        result[gi.afkorting] = (sig, pasoordeel.pasoordeel(gi, jaar, sig, alle_themas))
    return result


def bouw(stand: feiten.Registerstand, *, jaar: int, peildatum: dt.date, variant: str, lopend: bool = False,
         notities=()) -> dict:
    """The overview from a register state (no queries). GeenInstellingen when it held no GI on the peildatum.
    ``lopend``: the peildatum is today, a day that has not ended (``peildatum_lopend``). ``notities``: the notes about
    the data as recorded by the peildatum (register/selectors.py ``gegevensnotities_op``), for the Verantwoording.
    Made of one part per GI (``gi_delen``) put together (``samenstellen``), as reports/afgeleid.py does with parts
    kept per GI."""
    vereis_instellingen(stand, peildatum)
    ids = {gi.id for gi in stand["instellingen"]} | {o.instelling_id for o in feiten.onderzoeken_per_gi(stand)}
    delen = gi_delen(stand, ids, jaar=jaar, variant=variant, afkortingen=afkortingen_van(stand))
    return samenstellen(stand, delen, jaar=jaar, peildatum=peildatum, variant=variant, lopend=lopend, notities=notities,
                        laatste_wijziging=stand.laatste_wijziging)


@dataclass(frozen=True)
class GIDeel:
    """What the overview holds of one GI, derived from that GI's records and from what belongs to no GI (the themes,
    the GI's names): its section (``sectie``, an entry of ``instellingen``) and its row of the meerjarenbeeld (None
    for a GI that is not in the overview: one declared void whose links to a report still count), its reports of
    the year on more than one GI (``overkoepelend``: (rapportdatum, id, entry)), and the latest change of the
    register state it was derived from (``laatste_wijziging``: the register's moment is the latest of them), and the
    canonical JSON of its section and its row (``canoniek``, see ``canoniek``), of which the overview's
    ``data_sha256`` is put together without encoding every GI again."""

    sectie: dict | None
    meerjaar: dict | None
    overkoepelend: tuple = ()
    laatste_wijziging: dt.datetime | None = None
    canoniek: tuple[str, str] | None = None


def afkortingen_van(stand: feiten.Registerstand) -> dict[int, str]:
    """The afkorting of every GI in the register state, by id: how a report names the GI's it concerns."""
    return {gi.id: gi.afkorting for gi in stand["instellingen"]}


def gi_delen(stand: feiten.Registerstand, ids, *, jaar: int, variant: str, afkortingen: dict[int, str]) -> dict[int, GIDeel]:
    """The part (``GIDeel``) of each GI in ``ids`` from a register state that holds at least that GI's records (the
    whole register, or only those GI's: signalen/selectors.py ``registerstand_op(instellingen=...)``), by id; no
    queries. ``afkortingen``: every GI of the overview (``afkortingen_van`` of the whole register), which the
    reports name."""
    van, tot = signalen.jaar_grenzen(jaar)
    vertrouwelijk = is_vertrouwelijk(variant)
    per_gi_rapport = feiten.onderzoeken_per_gi(stand)
    index = _Index(
        jaar=jaar, van=van, tot=tot, vertrouwelijk=vertrouwelijk,
        cert=feiten.per_instelling(stand["certificaatbesluiten"]),
        audits=feiten.per_instelling(stand["audits"]),
        toezicht=feiten.per_instelling(stand["toezichtbesluiten"]),
        maatregelen=feiten.per_instelling(stand["handhavingsmaatregelen"]),
        onderzoeken=feiten.per_instelling(per_gi_rapport),
        oordelen=feiten.oordelen_per_onderzoek(stand),
        bezwaren=_bezwaren_per_besluit(stand),
        afkortingen=afkortingen,
        reacties=_reacties_per_signaal(stand, jaar),
        alle_themas=themas(stand),
    )
    # Each variant computes its signals from the facts it may show (DESIGN.md §4): the openbaar one without the
    # confidential audit uitkomst.
    in_stand = {gi.id: gi for gi in stand["instellingen"] if gi.id in ids}
    per_gi = {f.afkorting: f for f in feiten.gi_feiten(stand, openbaar=not vertrouwelijk)}
    rapporten = feiten.per_instelling(per_gi_rapport)
    jaren = list(range(jaar - MEERJAREN + 1, jaar + 1))
    delen = {}
    for i in ids:
        gi = in_stand.get(i)
        f = per_gi[gi.afkorting] if gi is not None else None
        sectie = _sectie(gi, f, index) if gi is not None else None
        meerjaar = None if gi is None else {
            "afkorting": gi.afkorting, "naam": gi.naam, "jaren": [_meerjaar(gi, f, j, index.alle_themas) for j in jaren],
        }
        delen[i] = GIDeel(
            sectie=sectie,
            meerjaar=meerjaar,
            overkoepelend=_overkoepelend_rijen(rapporten.get(i, []), afkortingen, van, tot),
            laatste_wijziging=stand.laatste_wijziging,
            canoniek=None if gi is None else (canoniek(sectie), canoniek(meerjaar)),
        )
    return delen


@dataclass(frozen=True)
class _Index:
    """What one GI's section reads of a register state, indexed once per state (``gi_delen``)."""

    jaar: int
    van: dt.date
    tot: dt.date
    vertrouwelijk: bool
    cert: dict
    audits: dict
    toezicht: dict
    maatregelen: dict
    onderzoeken: dict
    oordelen: dict
    bezwaren: dict
    afkortingen: dict
    reacties: dict
    alle_themas: list


def _sectie(gi, f: feiten.GIFeiten, index: _Index) -> dict:
    """The section of one GI (an entry of the overview's ``instellingen``) from its facts ``f`` of the variant."""
    jaar, van, tot, vertrouwelijk = index.jaar, index.van, index.tot, index.vertrouwelijk
    cert, audits, toezicht, maatregelen = index.cert, index.audits, index.toezicht, index.maatregelen
    onderzoeken, oordelen, bezwaren, afkortingen = index.onderzoeken, index.oordelen, index.bezwaren, index.afkortingen
    reacties, alle_themas = index.reacties, index.alle_themas
    sig = signalen.signalen_van(f, jaar)
    oordeel = pasoordeel.pasoordeel(f, jaar, sig, alle_themas)
    c_int = rules.certificaat_intervallen(f.certificaten, van, tot, f.certificering_vanaf)
    t_int = rules.toezicht_intervallen(f.toezichten, van, tot, f.toezicht_vanaf)
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
        (o, x)
        for o in gi_onderzoeken
        if o.rapportdatum <= tot
        for x in oordelen.get((o.id, gi.id), [])
        if x.thema_code == signalen.GOED_BESTUUR
    ]
    laatste_bestuur = None
    if bestuur:
        o, x = bestuur[-1]
        laatste_bestuur = {"waarde": x.waarde, "tekst": waarde_tekst(x.waarde), "rapportdatum": _iso(o.rapportdatum), "datumkwaliteit": o.datumkwaliteit, "titel": o.titel}

    c_begin = rules.certificaatstatus(f.certificaten, van, f.certificering_vanaf)
    c_eind = rules.certificaatstatus(f.certificaten, tot, f.certificering_vanaf)
    per_taak_eind = rules.certificaatstatus_per_taak(f.certificaten, tot, f.certificering_vanaf)
    t_begin = rules.toezichtniveau(f.toezichten, van, f.toezicht_vanaf)
    t_eind = rules.toezichtniveau(f.toezichten, tot, f.toezicht_vanaf)
    # a change of the certificate within the year; the first known day after 'onbekend' is none
    bekende_intervallen = [i for i in c_int if i.waarde != rules.ONBEKEND]

    bronnen = sorted({g.object.bron for g in gebeurtenissen if g.object.bron} | ({gi.bron} if gi.bron else set()))

    return {
        "afkorting": gi.afkorting,
        "naam": gi.naam,
        "soort": gi.soort,
        "werkgebied": gi.werkgebied,
        "actief_vanaf": _iso(gi.actief_vanaf),
        "actief_tot": _iso(gi.actief_tot),
        "certificering_vanaf": _iso(gegevens_vanaf(gi, "certificering")),
        "toezicht_vanaf": _iso(gegevens_vanaf(gi, "toezicht")),
        "nog_niets_vastgelegd": bool(getattr(gi, "nog_niets_vastgelegd", False)),
        "certificaat_1_jan": c_begin.status,
        "certificaat_31_dec": c_eind.status,
        # The reikwijdte of the besluit that gives the status on 31 December (None: no besluit gives it), and
        # the status per task by the same rule ('onbekend' with its reason when that reikwijdte is not known).
        "certificaat_31_dec_reikwijdte": c_eind.reikwijdte,
        "certificaat_31_dec_per_taak": {
            taak: {"status": t.status, "reden": t.reden} for taak, t in per_taak_eind.items()
        },
        "certificaatwijzigingen": max(len(bekende_intervallen) - 1, 0),
        "toezicht_1_jan": t_begin.niveau,
        "toezicht_31_dec": t_eind.niveau,
        "toezicht_31_dec_termijn_verstreken": t_eind.termijn_verstreken,
        "aantal_audits": len(audits_jaar),
        "aantal_rapporten": len(rapporten_jaar),
        "laatste_oordeel_goed_bestuur": laatste_bestuur,
        "pasoordeel": pasoordeel_data(oordeel),
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
                "datumkwaliteit": g.datumkwaliteit,
                "datum_toelichting": g.datum_toelichting,
            }
            for g in gebeurtenissen
        ],
        "certificaatbesluiten": [
            certificaatbesluit_data(b, f, vertrouwelijk, bezwaren.get(b.id, [])) for b in besluiten_jaar
        ],
        "audits": [_audit(a, vertrouwelijk) for a in audits_jaar],
        "rapporten": [_rapport(o, oordelen.get((o.id, gi.id), []), afkortingen) for o in rapporten_jaar],
        "signalen": [
            {
                "code": x.code,
                "kort": signalen.DEFINITIE[x.code].kort,
                "ernst": x.ernst,
                "titel": signalen.DEFINITIE[x.code].titel,
                "perioden": [[_iso(a), _iso(b)] for a, b in x.perioden],
                "perioden_datumkwaliteit": [
                    [signalen.begin_kwaliteit(x, i), signalen.eind_kwaliteit(x, i)] for i in range(len(x.perioden))
                ],
                "uitleg": x.uitleg,
                "wederhoor": signalen.telt(x),
                "reacties": reacties.get((gi.id, x.code), []),
            }
            for x in sig
        ],
        "reacties_zonder_signaal": _reacties_zonder_signaal(reacties, gi.id, {x.code for x in sig}),
        "bronnen": bronnen,
    }


def signaaldefinities() -> list[dict]:
    """The signals the overview explains, in their order (its ``signaaldefinities``)."""
    return [
        {"code": d.code, "kort": d.kort, "ernst": d.ernst, "titel": d.titel, "omschrijving": d.omschrijving}
        for d in signalen.DEFINITIES
    ]


def samenstellen(stand: feiten.Registerstand, delen: dict[int, GIDeel], *, jaar: int, peildatum: dt.date, variant: str,
                 lopend: bool, notities, laatste_wijziging: dt.datetime | None) -> dict:
    """The overview put together from the part of every GI (``delen``, by id: each GI of ``stand`` and any other
    whose reports count) and what belongs to no GI, read from ``stand``: the GI's themselves, the national figures,
    the Omvang, the beleidsreactie (its records of GI's are not read). ``laatste_wijziging``: the latest change of the
    register state (the latest of the parts' and of ``stand``'s). No queries."""
    van, tot = signalen.jaar_grenzen(jaar)
    jaren = list(range(jaar - MEERJAREN + 1, jaar + 1))
    instellingen = [delen[gi.id].sectie for gi in stand["instellingen"]]
    monitor, monitor_verantwoording = monitor_van(stand, van, tot)
    meerjarenbeeld = {"jaren": jaren, "instellingen": [delen[gi.id].meerjaar for gi in stand["instellingen"]]}
    actief = [gi for gi in stand["instellingen"] if _actief_in(gi, van, tot)]
    omvang = omvang_op(stand, peildatum)
    actieve_afkortingen = {gi.afkorting for gi in actief}
    data = {
        "schema_versie": SCHEMA_VERSIE,
        "titel": f"Kameroverzicht gecertificeerde instellingen {jaar}",
        "jaar": jaar,
        "peildatum": _iso(peildatum),
        "peildatum_lopend": lopend,
        "variant": variant,
        "kamervraag": kamervraag(),
        "registerstand": moment_tekst(laatste_wijziging, notities),
        "volledigheid": _volledigheid(actief, [i for i in instellingen if i["afkorting"] in actieve_afkortingen],
                                      omvang, jaar, eerste_actief_vanaf(stand)),
        "signaaldefinities": signaaldefinities(),
        "samenvatting": {
            "aantal_instellingen": len(instellingen),
            "pasoordelen": pasoordeel.telling(i["pasoordeel"]["waarde"] for i in instellingen if i["afkorting"] in actieve_afkortingen),
            "signalen_per_code": {
                d.code: sum(1 for i in instellingen if d.code in i["signaalcodes"]) for d in signalen.DEFINITIES
            },
        },
        "beleidsreactie": _beleidsreactie(stand, jaar),
        "overkoepelende_rapporten": _overkoepelend(r for d in delen.values() for r in d.overkoepelend),
        "instellingen": instellingen,
        "meerjarenbeeld": meerjarenbeeld,
        "monitor": monitor,
        "verantwoording": verantwoording(stand, notities) + monitor_verantwoording,
    }
    data["data_sha256"] = _data_sha256_uit_delen(data, [delen[gi.id] for gi in stand["instellingen"]])
    return data


# Stand-ins for the lists of GI's in the canonical JSON of the data (``_data_sha256_uit_delen``): a NUL, which no text
# of the register holds (PostgreSQL stores none) and which JSON writes as an escape, so only a stand-in matches.
_PLEK_INSTELLINGEN = "\x00instellingen\x00"
_PLEK_MEERJAREN = "\x00meerjarenbeeld\x00"


def _data_sha256_uit_delen(data: dict, delen: list[GIDeel]) -> str:
    """``data_sha256(data)``, the same hash, with each GI's section and row of the meerjarenbeeld from its part's
    canonical JSON (``GIDeel.canoniek``, made with the part): the JSON of a list is its items' JSON between brackets,
    separated by commas, so only what belongs to no GI is encoded again. Falls back to encoding the whole when a part
    holds no JSON, the data's lists are not the parts' own, or a stand-in would not be found exactly once."""
    beeld = data["meerjarenbeeld"]

    def dezelfde(lijst: list, van_delen: list) -> bool:
        return len(lijst) == len(van_delen) and all(a is b for a, b in zip(lijst, van_delen))

    if (
        any(d.canoniek is None for d in delen)
        or beeld is None
        or not dezelfde(data["instellingen"], [d.sectie for d in delen])
        or not dezelfde(beeld["instellingen"], [d.meerjaar for d in delen])
    ):
        return data_sha256(data)
    kern = {
        **{k: v for k, v in data.items() if k != "data_sha256"},
        "instellingen": _PLEK_INSTELLINGEN,
        "meerjarenbeeld": {**beeld, "instellingen": _PLEK_MEERJAREN},
    }
    tekst = canoniek(kern)
    for plek, n in ((_PLEK_INSTELLINGEN, 0), (_PLEK_MEERJAREN, 1)):
        gecodeerd = canoniek(plek)
        if tekst.count(gecodeerd) != 1:
            return data_sha256(data)
        tekst = tekst.replace(gecodeerd, "[" + ",".join(d.canoniek[n] for d in delen) + "]")
    return hashlib.sha256(tekst.encode()).hexdigest()


def registerstand_moment(stand: feiten.Registerstand, notities) -> str | None:
    """The moment of the register state: its latest recorded change, a note about the data included."""
    return moment_tekst(stand.laatste_wijziging, notities)


def moment_tekst(laatste_wijziging: dt.datetime | None, notities) -> str | None:
    """The moment of a register state whose latest recorded change is ``laatste_wijziging``, a note about the data
    included."""
    momenten = [m for m in [laatste_wijziging, *(n.vastgelegd_op for n in notities)] if m is not None]
    return max(momenten).astimezone(klok.AMSTERDAM).isoformat(timespec="seconds") if momenten else None


def verantwoording(stand: feiten.Registerstand, notities) -> list[dict]:
    """The Verantwoording appendix (DESIGN.md §5): a list of {soort, instelling, tekst, bron}, instelling the GI's
    afkorting or None for the data as a whole. Today: the notes about the data recorded in the register (what was
    assumed, changed monitor definitions). Further kinds of entry (estimated facts with their toelichting, afwegingen
    from an openbare bron, GI's in scope without data) are appended here in the same shape."""
    in_stand = {gi.id for gi in stand["instellingen"]}
    return [
        {
            "soort": n.soort,
            "instelling": n.instelling.afkorting if n.instelling_id else None,
            "tekst": n.tekst,
            "bron": n.bron,
        }
        for n in notities
        if n.instelling_id is None or n.instelling_id in in_stand
    ]


def _volledigheid(actief: list, instellingen: list[dict], omvang, jaar: int, eerste: dt.date | None) -> dict:
    """What the register holds for ``jaar`` against the Omvang (DESIGN.md §3, §5 Completeness): n van de N, the GI's
    in scope without data, the GI's registered with nothing recorded, and whether the data are complete, computed:
    an Omvang is known, the register holds that many GI's, and each GI's record of both sides is complete from the
    first day of the year it is active."""
    n = len(actief)
    nog_niets = [i["afkorting"] for i in instellingen if i["nog_niets_vastgelegd"]]
    van = dt.date(jaar, 1, 1)
    later = []
    for i in instellingen:
        eerste_dag = max(van, dt.date.fromisoformat(i["actief_vanaf"])) if i["actief_vanaf"] else van
        for kant in ("certificering", "toezicht"):
            vanaf = i[f"{kant}_vanaf"]
            if vanaf and dt.date.fromisoformat(vanaf) > eerste_dag:
                later.append(i["afkorting"])
                break
    zonder = max(omvang.aantal - n, 0) if omvang is not None else None
    return {
        "aantal_instellingen": n,
        "eerste_registratie": _iso(eerste),
        "omvang": None
        if omvang is None
        else {"aantal": omvang.aantal, "datum": _iso(omvang.datum), "bron": omvang.bron, "toelichting": omvang.toelichting},
        "zonder_gegevens": zonder,
        "nog_niets_vastgelegd": nog_niets,
        "later_volledig": later,
        "volledig": omvang is not None and zonder == 0 and not nog_niets and not later,
    }


def _meerjaar(gi, f: feiten.GIFeiten, jaar: int, alle_themas) -> dict:
    """One year of one GI in the meerjarenbeeld with its verdict; unknown (no verdict) outside its active period."""
    van, tot = signalen.jaar_grenzen(jaar)
    if not _actief_in(gi, van, tot):
        return {"jaar": jaar, "bekend": False, "signaalcodes": [], "pasoordeel": None}
    sig = signalen.signalen_van(f, jaar)
    return {
        "jaar": jaar,
        "bekend": True,
        "signaalcodes": list(dict.fromkeys(x.code for x in sig)),
        "pasoordeel": pasoordeel.pasoordeel(f, jaar, sig, alle_themas).waarde,
    }


def _reacties_per_signaal(stand: feiten.Registerstand, jaar: int) -> dict[tuple[int, str], list[dict]]:
    """The reacties (wederhoor) recorded in the register state for signals of ``jaar``, per (GI id, signal code):
    the KMI first, then the inspecties, then the ministerie. Public: both variants print them."""
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


def _reacties_zonder_signaal(reacties: dict[tuple[int, str], list[dict]], gi_id: int, codes: set[str]) -> list[dict]:
    """The reacties on a signal of the GI that the overview does not hold (DESIGN.md §3 Reactie): the signal no longer
    stands after a correction, or (openbaar variant) it rests on facts this variant may not show. The reactie stays
    in the register; the overview prints it with that statement (reports/teksten.py ``SIGNAAL_GELDT_NIET_MEER``), in
    code order."""
    return [
        {"code": code, "reacties": lijst}
        for (gi, code), lijst in sorted(reacties.items(), key=lambda kv: kv[0][1])
        if gi == gi_id and code not in codes
    ]


def _beleidsreactie(stand: feiten.Registerstand, jaar: int) -> dict | None:
    """The ministerie's beleidsreactie on ``jaar`` in the register state (as recorded by the peildatum), or None:
    the overview then prints "geen beleidsreactie". Public: both variants print it."""
    rij = next((r for r in stand.rijen.get("beleidsreacties", []) if r.jaar == jaar), None)
    if rij is None:
        return None
    return {
        "tekst": rij.tekst,
        "datum": _iso(rij.gewijzigd_op.astimezone(klok.AMSTERDAM).date()) if rij.gewijzigd_op else None,
        "bron": rij.bron,
    }


def _bezwaren_per_besluit(stand: feiten.Registerstand) -> dict[int, list[dict]]:
    """The bezwaren and beroepen in the register state, per certificaatbesluit, in the order they were lodged. Public."""
    result: dict[int, list[dict]] = {}
    for r in sorted(stand.rijen.get("bezwaren", []), key=lambda r: (r.ingediend_op, r.id)):
        result.setdefault(r.certificaatbesluit_id, []).append({
            "soort": r.soort,
            "ingediend_op": _iso(r.ingediend_op),
            "uitkomst": r.uitkomst,
            "datum_uitkomst": _iso(r.datum_uitkomst),
            "datumkwaliteit": r.datumkwaliteit,
            "bron": r.bron,
        })
    return result


def certificaatbesluit_data(b, f: feiten.GIFeiten, vertrouwelijk: bool, bezwaren=()) -> dict:
    """A certificaatbesluit with its aanleiding as far as the variant may know it (the facts ``f`` of the variant)
    and its afweging: ``afweging`` is the KMI's own public afweging only; a summary from an openbare bron is
    ``afweging_openbare_bron`` with its bron; ``afweging_vertrouwelijk_vastgelegd`` says that the KMI recorded one
    vertrouwelijk (its text only in the vertrouwelijk variant)."""
    feit = rules.CertificaatFeit.van(b)
    aanleiding = signalen.aanleiding_van(f, feit)
    result = {
        "status": b.status,
        "tekst": keuze_tekst(Certificaatbesluit.Status.choices, b.status),
        "reikwijdte": feit.reikwijdte,
        "bezwaren": list(bezwaren),
        "besluitdatum": _iso(b.besluitdatum),
        "ingangsdatum": _iso(b.ingangsdatum),
        "geldig_tot": _iso(b.geldig_tot),
        "geldig_tot_onbekend": bool(b.geldig_tot_onbekend),
        "datumkwaliteit": b.datumkwaliteit,
        "kenmerk": b.kenmerk,
        "motivering_openbaar": b.motivering_openbaar,
        "afweging": "" if feit.afweging_uit_openbare_bron else feit.afweging,
        "afweging_herkomst": feit.afweging_herkomst,
        "afweging_openbare_bron": feit.afweging_uit_openbare_bron,
        "afweging_bron": feit.afweging_bron,
        "afweging_vertrouwelijk_vastgelegd": feit.afweging_vertrouwelijk,
        "afweging_vereist": rules.afweging_vereist(b.status, aanleiding),
        "aanleiding_status": aanleiding.status,
        "aanleiding": rules.aanleiding_teksten(aanleiding, feitdatum_zin),
        "aanleiding_onbekend": rules.aanleiding_onbekend_tekst(aanleiding, feitdatum_zin),
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
        "datumkwaliteit": a.datumkwaliteit,
        "normenkader_versie": a.normenkader_versie,
        "bron": a.bron,
    }
    if vertrouwelijk:
        for veld in vertrouwelijkheid.vertrouwelijke_velden(Audit):
            waarde = getattr(a, veld)
            result[veld] = _iso(waarde) if isinstance(waarde, dt.date) else waarde
    return result


def _gi_s(o, afkortingen) -> list[str]:
    """The afkortingen of the GI's a report concerns (those in the register state), in the order they were linked."""
    return [afkortingen[i] for i in o.instelling_ids if i in afkortingen]


def _overkoepelend_rijen(rapporten, afkortingen, van: dt.date, tot: dt.date) -> tuple:
    """The reports of the year on more than one GI among ``rapporten`` (rows of ``feiten.onderzoeken_per_gi``), each
    as (rapportdatum, id, entry) for ``_overkoepelend``."""
    return tuple(
        (o.rapportdatum, o.id, {
            "rapportdatum": _iso(o.rapportdatum),
            "datumkwaliteit": o.datumkwaliteit,
            "titel": o.titel,
            "soort": o.soort,
            "door": keuze_tekst(Door.choices, o.door),
            "url": o.url,
            "samenvatting": o.samenvatting,
            "bron": o.bron,
            "instellingen": _gi_s(o, afkortingen),
        })
        for o in rapporten
        if len(o.instelling_ids) >= 2 and van <= o.rapportdatum <= tot
    )


def _overkoepelend(rijen) -> list[dict]:
    """The reports of the year on more than one GI, each once (its findings per GI are in each GI's section), by
    rapportdatum: from the rows of every GI's part (``_overkoepelend_rijen``)."""
    gezien, result = set(), []
    for _, rapport, entry in sorted(rijen, key=lambda r: (r[0], r[1])):
        if rapport not in gezien:
            gezien.add(rapport)
            result.append(entry)
    return result


def _rapport(o, oordelen, afkortingen) -> dict:
    """A report in one GI's section: the report with only that GI's oordelen and zienswijze."""
    return {
        "rapportdatum": _iso(o.rapportdatum),
        "datumkwaliteit": o.datumkwaliteit,
        "titel": o.titel,
        "soort": o.soort,
        "door": keuze_tekst(Door.choices, o.door),
        "url": o.url,
        "samenvatting": o.samenvatting,
        "oorzaken": keuze_tekst(Oorzaken.choices, o.oorzaken),
        "vertrouwen_verbeterkracht": o.vertrouwen_verbeterkracht,
        "bron": o.bron,
        "instellingen": _gi_s(o, afkortingen),
        "zienswijze": o.zienswijze,
        "zienswijze_bron": o.zienswijze_bron,
        "oordelen": [
            {
                "thema": x.thema_code,
                "thema_naam": x.thema_naam,
                "waarde": x.waarde,
                "tekst": waarde_tekst(x.waarde),
                "toelichting": x.toelichting,
                "oorzaken": x.oorzaken,
                "oorzaken_tekst": keuze_tekst(Oorzaken.choices, x.oorzaken),
            }
            for x in oordelen
        ],
    }


# The indicators the overview's monitor table shows, in its column order (reports/teksten.py MONITOR_KOLOMMEN).
MONITOR_INDICATOREN = (
    "aantal_kinderen_met_maatregel", "workload_per_fte", "wachtlijst_totaal", "gemiddelde_wachttijd_dagen", "fte",
    "verloop_pct", "verzuim_pct",
)


def _cijfer_json(waarde):
    """A figure as the overview holds it: an integer, or a decimal as text ("15.5"); None when not recorded."""
    if waarde is None:
        return None
    return waarde if isinstance(waarde, int) else str(waarde)


def monitor_ketens(rijen) -> list[list]:
    """The national metingen per peildatum as chains: the first meting, then each revision of it, in order. A revision
    whose earlier meting is not in the rows (declared void) starts a chain of its own."""
    landelijk = [m for m in rijen if m.instelling_id is None]
    per_id = {m.id: m for m in landelijk}
    volgende = {m.herziet_id: m for m in sorted(landelijk, key=lambda m: m.id) if getattr(m, "herziet_id", None) in per_id}
    ketens = []
    for m in sorted(landelijk, key=lambda m: (m.peildatum, m.id)):
        if getattr(m, "herziet_id", None) in per_id:
            continue
        keten, gezien = [m], {m.id}
        while keten[-1].id in volgende and volgende[keten[-1].id].id not in gezien:
            keten.append(volgende[keten[-1].id])
            gezien.add(keten[-1].id)
        ketens.append(keten)
    return ketens


def _cijfer(keten, indicator: str):
    """(value, bron, earlier values) of one indicator of a chain: the value of the latest revision that gives it, and
    every earlier value that differs from it, with its bron (shown as revised)."""
    waarden = [(r, getattr(r, indicator, None)) for r in keten]
    waarden = [(r, w) for r, w in waarden if w is not None]
    if not waarden:
        return None, None, []
    laatste, waarde = waarden[-1]
    eerder = [{"waarde": _cijfer_json(w), "bron": r.bron} for r, w in waarden[:-1] if w != waarde]
    return waarde, laatste.bron, eerder


def _definitie_op(definities: list, indicator: str, peildatum: dt.date):
    """The Monitordefinitie of ``indicator`` that holds on ``peildatum``: the latest from on or before it; None."""
    geldend = [d for d in definities if d.indicator == indicator and d.geldig_vanaf <= peildatum]
    return max(geldend, key=lambda d: (d.geldig_vanaf, d.id), default=None)


def _definitie_json(d) -> dict | None:
    if d is None:
        return None
    return {"naam": d.naam, "omschrijving": d.omschrijving, "geldig_vanaf": _iso(d.geldig_vanaf), "bron": d.bron}


def monitor_van(stand: feiten.Registerstand, van: dt.date, tot: dt.date) -> tuple[list[dict], list[dict]]:
    """The national GI-monitor figures with a peildatum in [van, tot], as recorded in the register state: per figure
    the latest revision (``herzien``: the earlier values it replaced, with their bron), the definitie of each indicator
    on the peildatum, and a footnote beside a figure whose definitie differs from that of the figure before it (any
    earlier peildatum with a value) or that was revised. Also the Verantwoording's entries for those changes."""
    ketens = monitor_ketens(stand["monitormetingen"])
    definities = list(stand.rijen.get("monitordefinities", []))
    metingen, verantwoording_items = [], []
    # indicator -> (peildatum, definitie, peildatum in a sentence) of the latest earlier figure with a value
    vorige: dict[str, tuple] = {}
    for keten in ketens:
        peildatum = keten[0].peildatum
        # The peildatum in a sentence as its datumkwaliteit allows (a month-only or estimated peildatum is never a day).
        peildatum_zin = feitdatum_zin(peildatum, keten[-1].datumkwaliteit)
        getoond = van <= peildatum <= tot
        meting = {
            "peildatum": _iso(peildatum),
            "datumkwaliteit": keten[-1].datumkwaliteit,
            "bron": "; ".join(dict.fromkeys(r.bron for r in keten if r.bron)),
            "definities": {},
            "herzien": {},
            "voetnoten": [],
        }
        for indicator in MONITOR_INDICATOREN:
            waarde, bron, eerder = _cijfer(keten, indicator)
            meting[indicator] = _cijfer_json(waarde)
            definitie = _definitie_op(definities, indicator, peildatum)
            meting["definities"][indicator] = _definitie_json(definitie)
            if waarde is None:
                continue
            kop = MONITOR_KOPPEN[indicator]
            if getoond and indicator in vorige and _definitie_json(vorige[indicator][1]) != _definitie_json(definitie):
                tekst = monitor_definitie_voetnoot(kop, vorige[indicator][2], _definitie_json(vorige[indicator][1]),
                                                   _definitie_json(definitie))
                meting["voetnoten"].append({"indicator": indicator, "soort": "definitie", "tekst": tekst})
                verantwoording_items.append({
                    "soort": "monitordefinitie", "instelling": None,
                    "tekst": f"GI-monitor, {kop.lower()} op {peildatum_zin}: {tekst}",
                    "bron": (definitie.bron if definitie is not None else "") or bron or "",
                })
            if getoond and eerder:
                meting["herzien"][indicator] = eerder
                tekst = monitor_herzien_voetnoot(eerder)
                meting["voetnoten"].append({"indicator": indicator, "soort": "herzien", "tekst": tekst})
                verantwoording_items.append({
                    "soort": "monitorherziening", "instelling": None,
                    "tekst": f"GI-monitor, {kop.lower()} op {peildatum_zin}: {getal_tekst(meting[indicator])} "
                    f"volgens {bron}; {tekst}",
                    "bron": bron or "",
                })
            vorige[indicator] = (peildatum, definitie, peildatum_zin)
        if getoond:
            metingen.append(meting)
    return metingen, verantwoording_items

