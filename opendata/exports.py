"""Open data (DESIGN.md §6): the public register as CSV and JSON, with a stable, documented column list.

Two datasets, each a list of rows with exactly the columns below, in this order (README, "Open data"):
- ``stand``: one row per GI with its certificate status and toezicht level on a date;
- ``registraties``: one row per public record (certificaatbesluit, audit, toezichtbesluit, handhavingsmaatregel,
  inspectieonderzoek, oordeel) that is not void.

Only public fields: the confidentiality policy (register/vertrouwelijkheid.py) is asked for every source field as
the public (an anonymous user) reads it, so a field the policy calls confidential stays empty whatever this module
maps. CSV cells pass ``register.csvcel.csv_cel`` (no formula ever runs in a spreadsheet)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser

from certification.models import Aanvraag, Audit, Bezwaar, Certificaatbesluit
from register import selectors, tekens, vertrouwelijkheid
from register.csvcel import csv_cel
from register.teksten import AANVRAAG_IN_BEHANDELING, AANVRAAG_INGETROKKEN, GELDIG_TOT_ONBEKEND
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Toezichtbesluit

# 2: the gegevens-vanaf columns of stand (certificering_vanaf, toezicht_vanaf, nog_niets_vastgelegd) and the
# datumkwaliteit columns (stand: certificaat_datumkwaliteit, toezicht_datumkwaliteit; registraties:
# datumkwaliteit, datum_toelichting) at the end; geldig tot 'onbekend' in stand. datum_bij_benadering stays for
# readers of version 1: ja when the date is not exact.
# 3: the reikwijdte (stand: certificaat_reikwijdte and the status per task; registraties: reikwijdte) and the kinds
# bezwaar and aanvraag (registraties: certificaatbesluit_id, uitkomst, datum_uitkomst), at the end.
#    And: an inspectieonderzoek concerns one or more GI's: one inspectieonderzoek row per report and GI (same id), an
# oordeel row with its own GI; the columns instellingen (every GI of the report), oorzaken (of an oordeel; of a report
# its own summary), zienswijze and zienswijze_bron (of the GI on the report) at the end.
SCHEMA_VERSIE = 3
PUBLIEK = AnonymousUser()

STAND_KOLOMMEN = (
    "afkorting", "naam", "soort", "datum",
    "certificaatstatus", "certificaat_sinds", "certificaat_geldig_tot",
    "toezichtniveau", "toezicht_sinds", "toezicht_voorziene_einddatum", "toezicht_termijn_verstreken",
    "certificaat_datumkwaliteit", "toezicht_datumkwaliteit",
    # Gegevens vanaf per side (DESIGN.md §3): before it that side is 'onbekend'; empty: complete since actief vanaf.
    "certificering_vanaf", "toezicht_vanaf", "nog_niets_vastgelegd",
    # Reikwijdte (DESIGN.md §3) of the besluit that gives the status, and the status per task by the same rule
    # ('onbekend' when the reikwijdte of that besluit is not known).
    "certificaat_reikwijdte", "jeugdbescherming_status", "jeugdreclassering_status",
)

REGISTRATIE_KOLOMMEN = (
    "soort", "id", "instelling", "instelling_naam", "datum", "besluitdatum", "einddatum", "waarde", "door",
    "thema", "titel", "kenmerk", "omschrijving", "url",
    "bron", "datum_bij_benadering", "onderzoek_id", "datumkwaliteit", "datum_toelichting",
    "reikwijdte", "certificaatbesluit_id", "uitkomst", "datum_uitkomst",
    "instellingen", "oorzaken", "zienswijze", "zienswijze_bron",
)

# Per kind of record: column -> source field of the model (a path through relations with "__").
BRONVELDEN: dict[type, dict[str, str]] = {
    Certificaatbesluit: {
        "datum": "ingangsdatum", "besluitdatum": "besluitdatum", "einddatum": "geldig_tot", "waarde": "status",
        "kenmerk": "kenmerk", "omschrijving": "motivering_openbaar", "bron": "bron",
        "datumkwaliteit": "datumkwaliteit", "datum_toelichting": "datum_toelichting", "reikwijdte": "reikwijdte",
    },
    # Bezwaar or beroep against a certificaatbesluit: datum is the day it was lodged.
    Bezwaar: {
        "datum": "ingediend_op", "waarde": "soort", "certificaatbesluit_id": "certificaatbesluit_id",
        "uitkomst": "uitkomst", "datum_uitkomst": "datum_uitkomst", "bron": "bron", "datumkwaliteit": "datumkwaliteit",
        "datum_toelichting": "datum_toelichting",
    },
    # An application: datum is the day it was filed, einddatum the day it was handled; uitkomst 'in behandeling',
    # 'ingetrokken' or 'besluit' (then certificaatbesluit_id). A new organisation has no instelling, only its name.
    Aanvraag: {
        "datum": "ingediend_op", "einddatum": "afgehandeld_op", "waarde": "soort",
        "certificaatbesluit_id": "certificaatbesluit_id", "bron": "bron", "datumkwaliteit": "datumkwaliteit",
        "datum_toelichting": "datum_toelichting",
    },
    Audit: {
        # The audit uitkomst (counts, hersteltermijn) is confidential (register/vertrouwelijkheid.py): open data, which
        # is public, has no column for it.
        "datum": "startdatum", "einddatum": "einddatum", "waarde": "soort",
        "bron": "bron", "datumkwaliteit": "datumkwaliteit", "datum_toelichting": "datum_toelichting",
    },
    Toezichtbesluit: {
        "datum": "ingangsdatum", "besluitdatum": "besluitdatum", "einddatum": "voorziene_einddatum", "waarde": "niveau",
        "door": "door", "omschrijving": "aanleiding", "bron": "bron", "datumkwaliteit": "datumkwaliteit", "datum_toelichting": "datum_toelichting",
    },
    Handhavingsmaatregel: {
        "datum": "datum", "einddatum": "termijn", "waarde": "soort", "door": "door", "omschrijving": "zakelijke_weergave",
        "bron": "bron", "datumkwaliteit": "datumkwaliteit", "datum_toelichting": "datum_toelichting",
    },
    Inspectieonderzoek: {
        "datum": "rapportdatum", "waarde": "soort", "door": "door", "titel": "titel", "omschrijving": "samenvatting",
        "url": "url", "bron": "bron", "datumkwaliteit": "datumkwaliteit", "datum_toelichting": "datum_toelichting",
        "oorzaken": "oorzaken",
    },
    Oordeel: {
        "datum": "onderzoek__rapportdatum", "waarde": "waarde", "thema": "thema__code", "omschrijving": "toelichting",
        "url": "onderzoek__url", "bron": "onderzoek__bron", "onderzoek_id": "onderzoek_id",
        "datumkwaliteit": "onderzoek__datumkwaliteit", "datum_toelichting": "onderzoek__datum_toelichting",
        "oorzaken": "oorzaken",
    },
}
# The GI's zienswijze on a report (supervision.OnderzochteInstelling): columns of the report's row for that GI.
KOPPELVELDEN = {"zienswijze": "zienswijze", "zienswijze_bron": "zienswijze_bron"}
SOORT = {
    Certificaatbesluit: "certificaatbesluit", Audit: "audit", Toezichtbesluit: "toezichtbesluit",
    Handhavingsmaatregel: "handhavingsmaatregel", Inspectieonderzoek: "inspectieonderzoek", Oordeel: "oordeel",
    Bezwaar: "bezwaar", Aanvraag: "aanvraag",
}
# The GI of a record, for the records that are not a GI's own: an oordeel in its report, a bezwaar against its besluit.
INSTELLING_PAD = {Bezwaar: "certificaatbesluit"}  # a record that names its GI through another record


def _lees(obj, pad: str):
    for deel in pad.split("__"):
        obj = getattr(obj, deel)
        if obj is None:
            return None
    return obj


def _json(waarde):
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    return waarde


def _gi_s_per_onderzoek() -> dict[int, list]:
    """The GI links of every report (each with its GI), in the order they were made: one query."""
    result: dict[int, list] = {}
    for k in OnderzochteInstelling.objects.filter(onderzoek__vervallen=False).select_related("instelling").order_by("id"):
        result.setdefault(k.onderzoek_id, []).append(k)
    return result


def registraties() -> list[dict]:
    """Every public record that is not void, oldest first (a report once per GI it concerns): seven queries, however
    many records."""
    rijen = []
    koppelingen = _gi_s_per_onderzoek()
    for model, velden in BRONVELDEN.items():
        qs = model.objects.all()
        if model is Oordeel:
            qs = qs.filter(onderzoek__vervallen=False).select_related("onderzoek", "instelling", "thema")
        elif model is Inspectieonderzoek:
            qs = qs.filter(vervallen=False)
        elif model is Bezwaar:
            qs = qs.filter(vervallen=False, certificaatbesluit__vervallen=False).select_related("certificaatbesluit__instelling")
        else:
            qs = qs.filter(vervallen=False).select_related("instelling")
        qs = vertrouwelijkheid.zonder_embargo(PUBLIEK, model, qs)  # a report under embargo is not yet public
        for obj in qs.order_by("pk"):
            onderzoek_id = obj.pk if model is Inspectieonderzoek else getattr(obj, "onderzoek_id", None)
            gi_s = koppelingen.get(onderzoek_id, []) if onderzoek_id is not None else []
            if model is Inspectieonderzoek:
                per_gi = [(k.instelling, k) for k in gi_s]
            else:
                houder = getattr(obj, INSTELLING_PAD[model]) if model in INSTELLING_PAD else obj
                per_gi = [(houder.instelling, None)]
            for instelling, koppeling in per_gi:
                rij = dict.fromkeys(REGISTRATIE_KOLOMMEN)
                rij.update(soort=SOORT[model], id=obj.pk, instelling=instelling.afkorting if instelling else None,
                           instelling_naam=instelling.naam if instelling else obj.organisatie)
                if gi_s:
                    rij["instellingen"] = ",".join(k.instelling.afkorting for k in gi_s)
                if model is Aanvraag:
                    rij["uitkomst"] = (
                        AANVRAAG_INGETROKKEN if obj.ingetrokken else "besluit" if obj.certificaatbesluit_id
                        else AANVRAAG_IN_BEHANDELING
                    )
                for kolom, pad in velden.items():
                    if not vertrouwelijkheid.pad_verborgen(PUBLIEK, model, pad):
                        rij[kolom] = _json(_lees(obj, pad))
                if koppeling is not None:
                    for kolom, pad in KOPPELVELDEN.items():
                        if not vertrouwelijkheid.pad_verborgen(PUBLIEK, OnderzochteInstelling, pad):
                            rij[kolom] = _lees(koppeling, pad)
                if rij["oorzaken"] == "":
                    rij["oorzaken"] = None  # a report that gives no summary of the causes
                _af(rij, rijen)
    rijen.sort(key=lambda r: (r["datum"] or "", r["instelling"] or "", r["soort"], r["id"]))  # an aanvraag may have no GI
    return rijen


def _af(rij: dict, rijen: list) -> None:
    if rij["datumkwaliteit"] is not None:
        rij["datum_bij_benadering"] = rij["datumkwaliteit"] != "exact"
    rijen.append(rij)


def stand(datum: dt.date) -> list[dict]:
    """Status of every GI on ``datum`` (register.selectors.statussen_op), with the day each state began."""
    statussen = selectors.statussen_op(datum)
    cert_ids = {s.certificaat.besluit_id for s in statussen if s.certificaat.besluit_id}
    toezicht_ids = {s.toezicht.besluit_id for s in statussen if s.toezicht.besluit_id}
    cert_ingang = {
        pk: (ingang, kwaliteit)
        for pk, ingang, kwaliteit in Certificaatbesluit.objects.filter(pk__in=cert_ids).values_list("pk", "ingangsdatum", "datumkwaliteit")
    }
    toezicht_ingang = {
        pk: (ingang, kwaliteit)
        for pk, ingang, kwaliteit in Toezichtbesluit.objects.filter(pk__in=toezicht_ids).values_list("pk", "ingangsdatum", "datumkwaliteit")
    }
    rijen = []
    for s in statussen:
        rijen.append({
            "afkorting": s.instelling.afkorting,
            "naam": s.instelling.naam,
            "soort": s.instelling.soort,
            "datum": datum.isoformat(),
            "certificaatstatus": s.certificaat.status,
            "certificaat_sinds": _json(cert[0]) if (cert := cert_ingang.get(s.certificaat.besluit_id)) else None,
            # A geldig tot the source does not give: the word, never an empty cell that reads as "no end".
            "certificaat_geldig_tot": GELDIG_TOT_ONBEKEND if s.certificaat.geldig_tot_onbekend else _json(s.certificaat.geldig_tot),
            "toezichtniveau": s.toezicht.niveau,
            "toezicht_sinds": _json(toez[0]) if (toez := toezicht_ingang.get(s.toezicht.besluit_id)) else None,
            "toezicht_voorziene_einddatum": _json(s.toezicht.voorziene_einddatum),
            "toezicht_termijn_verstreken": s.toezicht.termijn_verstreken,
            "certificaat_datumkwaliteit": cert[1] if cert else None,
            "toezicht_datumkwaliteit": toez[1] if toez else None,
            "certificering_vanaf": _json(s.instelling.certificering_vanaf),
            "toezicht_vanaf": _json(s.instelling.toezicht_vanaf),
            "nog_niets_vastgelegd": s.instelling.nog_niets_vastgelegd,
            "certificaat_reikwijdte": s.certificaat.reikwijdte,
            "jeugdbescherming_status": s.per_taak["jeugdbescherming"].status,
            "jeugdreclassering_status": s.per_taak["jeugdreclassering"].status,
        })
    return rijen


def als_csv(kolommen, rijen) -> bytes:
    """Semicolon-separated, UTF-8 with BOM (spreadsheet programs then read Dutch text right), header row first;
    every cell neutralised by ``csv_cel`` and made ``tekens.leesbaar`` (no control character); true/false as ja/nee."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen)
    for rij in rijen:
        waarden = [{True: "ja", False: "nee"}.get(w, w) if isinstance(w, bool) else w for w in (rij[k] for k in kolommen)]
        schrijver.writerow([csv_cel(tekens.leesbaar_in(w)) for w in waarden])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def als_json(dataset: str, kolommen, rijen, **meta) -> bytes:
    document = {"dataset": dataset, "schemaVersie": SCHEMA_VERSIE, **meta, "kolommen": list(kolommen), "rijen": rijen}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
