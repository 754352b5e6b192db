"""Loads the public record of DESIGN.md §1 (voorbeelddata/voorbeelddata.json) through the services of every app,
as their system account; with DEBUG on it also sets up the demo accounts of the README.

Idempotent: a record that is already there (by its natural key) is left as it is. This app stands above all the
others: the register's ground floor knows nothing of it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from certification import services as kmi
from certification.models import Audit, Certificaatbesluit
from gebruikers.accounts import DEMO_GEBRUIKERS, DEMO_WACHTWOORD, VOORBEELDDATA
from gebruikers.services import serveraccount_inrichten, systeemaccount
from register.models import Gegevensnotitie, Instelling, Monitordefinitie, Monitormeting, Omvang
from register.services import (
    gegevensnotitie_registreren, instelling_registreren, monitordefinitie_registreren, monitormeting_registreren,
    omvang_registreren,
)
from supervision import services as inspecties
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Thema, Toezichtbesluit

BESTAND = Path(__file__).with_name("voorbeelddata.json")
REDEN = "Voorbeelddata uit openbare bronnen geladen"


def _datum(waarde):
    return dt.date.fromisoformat(waarde) if waarde else None


def _decimaal(waarde):
    return None if waarde is None else Decimal(str(waarde))


def demo_gebruikers_aanmaken() -> list[str]:
    """The demo accounts of the README (only with DEBUG on; they are refused at login whenever DEBUG is off)."""
    for naam, rol in DEMO_GEBRUIKERS.items():
        serveraccount_inrichten(
            naam, naam=f"Demo {rol}", rollen=[rol], wachtwoord=DEMO_WACHTWOORD.format(rol=rol), admintoegang=True,
            reden="Demo-account voor lokaal gebruik (alleen met DEBUG aan)",
        )
    return list(DEMO_GEBRUIKERS)


@transaction.atomic
def laden(bestand: Path = BESTAND) -> dict[str, int]:
    data = json.loads(bestand.read_text(encoding="utf-8"))
    actor = systeemaccount(VOORBEELDDATA)
    nieuw = {k: 0 for k in ("instellingen", "certificaatbesluiten", "audits", "toezichtbesluiten",
                            "handhavingsmaatregelen", "inspectieonderzoeken", "monitormetingen", "notities", "omvang",
                            "monitordefinities")}
    gi = {}
    for r in data["instellingen"]:
        bestaand = Instelling.objects.filter(afkorting=r["afkorting"]).first()
        if bestaand is None:
            bestaand = instelling_registreren(actor=actor, reden=REDEN, **r)
            nieuw["instellingen"] += 1
        gi[r["afkorting"]] = bestaand

    audits_per_gi = {}
    for r in data.get("audits", []):
        velden = {**r, "instelling": gi[r["instelling"]], "startdatum": _datum(r["startdatum"]), "einddatum": _datum(r["einddatum"])}
        audit = Audit.objects.filter(instelling=velden["instelling"], soort=r["soort"], startdatum=velden["startdatum"]).first()
        if audit is None:
            audit = kmi.audit_registreren(actor=actor, reden=REDEN, **velden)
            nieuw["audits"] += 1
        audits_per_gi.setdefault(r["instelling"], []).append(audit)

    for r in data.get("certificaatbesluiten", []):
        velden = {**r, "instelling": gi[r["instelling"]]}
        for k in ("besluitdatum", "ingangsdatum", "geldig_tot"):
            velden[k] = _datum(r.get(k))
        if not Certificaatbesluit.objects.filter(instelling=velden["instelling"], ingangsdatum=velden["ingangsdatum"], vervallen=False).exists():
            # A decision rests on the audits of its GI that ended on or before its besluitdatum (latest one).
            eerdere = [a for a in audits_per_gi.get(r["instelling"], []) if a.einddatum <= velden["besluitdatum"]]
            # The public record of decisions taken before the register existed: an afweging the KMI did not publish
            # is not made up, and AFWEGING_ONTBREEKT shows that it is missing (certification/services.py).
            kmi.certificaatbesluit_registreren(
                actor=actor, reden=REDEN, audits=eerdere[-1:], afwegingsplicht=False, **velden
            )
            nieuw["certificaatbesluiten"] += 1

    for r in data.get("toezichtbesluiten", []):
        velden = {**r, "instelling": gi[r["instelling"]]}
        for k in ("besluitdatum", "ingangsdatum", "voorziene_einddatum"):
            velden[k] = _datum(r[k])
        if not Toezichtbesluit.objects.filter(instelling=velden["instelling"], ingangsdatum=velden["ingangsdatum"], vervallen=False).exists():
            inspecties.toezichtbesluit_registreren(actor=actor, reden=REDEN, **velden)
            nieuw["toezichtbesluiten"] += 1

    for r in data.get("handhavingsmaatregelen", []):
        velden = {**r, "instelling": gi[r["instelling"]], "datum": _datum(r["datum"]), "termijn": _datum(r.get("termijn"))}
        if not Handhavingsmaatregel.objects.filter(instelling=velden["instelling"], soort=r["soort"], datum=velden["datum"]).exists():
            inspecties.handhavingsmaatregel_registreren(actor=actor, reden=REDEN, **velden)
            nieuw["handhavingsmaatregelen"] += 1

    themas = {t.code: t for t in Thema.objects.all()}
    for r in data.get("inspectieonderzoeken", []):
        # A report on one GI ("instelling") or on several ("instellingen": afkortingen, or {instelling, zienswijze,
        # zienswijze_bron}); each oordeel names its GI when the report has more than one.
        velden = {k: v for k, v in r.items() if k not in ("oordelen", "instelling", "instellingen")}
        velden.update(oorzaken=r.get("oorzaken") or "")
        for k in ("bezoek_van", "bezoek_tot", "rapportdatum"):
            velden[k] = _datum(r.get(k))
        instellingen = [
            {**i, "instelling": gi[i["instelling"]]} if isinstance(i, dict) else {"instelling": gi[i]}
            for i in r.get("instellingen") or [r["instelling"]]
        ]
        if not Inspectieonderzoek.objects.filter(
            onderzochte_instellingen__instelling=instellingen[0]["instelling"], titel=r["titel"], rapportdatum=velden["rapportdatum"]
        ).exists():
            oordelen = [
                {**o, "thema": themas[o["thema"]], **({"instelling": gi[o["instelling"]]} if o.get("instelling") else {})}
                for o in r.get("oordelen", [])
            ]
            inspecties.inspectieonderzoek_registreren(
                actor=actor, reden=REDEN, instellingen=instellingen, oordelen=oordelen, **velden
            )
            nieuw["inspectieonderzoeken"] += 1

    for r in data.get("monitordefinities", []):
        velden = {**r, "geldig_vanaf": _datum(r["geldig_vanaf"])}
        if not Monitordefinitie.objects.filter(indicator=r["indicator"], geldig_vanaf=velden["geldig_vanaf"], vervallen=False).exists():
            monitordefinitie_registreren(actor=actor, reden=REDEN, **velden)
            nieuw["monitordefinities"] += 1

    for r in data.get("monitormetingen", []):
        velden = {k: v for k, v in r.items() if k != "herziet_peildatum"}
        velden["peildatum"] = _datum(r["peildatum"])
        velden["instelling"] = gi[r["instelling"]] if r.get("instelling") else None
        for k in ("workload_per_fte", "fte", "verloop_pct", "verzuim_pct"):
            velden[k] = _decimaal(r.get(k))
        zelfde = Monitormeting.objects.filter(peildatum=velden["peildatum"], instelling=velden["instelling"], vervallen=False)
        if r.get("herziet_peildatum"):
            # A revision (a later source's figures for the same peildatum) revises the latest meting of that peildatum.
            if zelfde.filter(bron=velden["bron"]).exists():
                continue
            velden["herziet"] = zelfde.filter(herzieningen__isnull=True).order_by("-id").first()
        elif zelfde.filter(herziet__isnull=True).exists():
            continue
        monitormeting_registreren(actor=actor, reden=REDEN, **velden)
        nieuw["monitormetingen"] += 1

    for r in data.get("omvang", []):
        velden = {**r, "datum": _datum(r["datum"])}
        if not Omvang.objects.filter(datum=velden["datum"], vervallen=False).exists():
            omvang_registreren(actor=actor, reden=REDEN, **velden)
            nieuw["omvang"] += 1
    # The data's own caveats: recorded in the register as notes about the data, so the overview's Verantwoording and
    # the public page about the data print them. A note is a text, or {tekst, soort, instelling, bron}.
    for r in data.get("notities", []):
        velden = {"tekst": r} if isinstance(r, str) else dict(r)
        if velden.get("instelling"):
            velden["instelling"] = gi[velden["instelling"]]
        if not Gegevensnotitie.objects.filter(tekst=velden["tekst"]).exists():
            gegevensnotitie_registreren(actor=actor, **velden)
            nieuw["notities"] += 1
    return nieuw


def demo_toegestaan() -> bool:
    return bool(settings.DEBUG)
