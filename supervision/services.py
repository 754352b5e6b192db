"""Writes of the inspecties: toezichtbesluiten, handhavingsmaatregelen, inspectieonderzoeken with oordelen
(role ``inspectie``); themes are kept by ``beheer``."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from register.services import corrigeren, laten_vervallen, registreren, vereis_schrijfrecht, voorbereiden
from supervision.models import (
    Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Oorzaken, Thema, Toezichtbesluit,
)


def toezichtbesluit_registreren(*, actor, reden: str = "", **velden) -> Toezichtbesluit:
    return registreren(Toezichtbesluit, actor=actor, velden=velden, reden=reden)


def toezichtbesluit_corrigeren(*, actor, besluit: Toezichtbesluit, reden: str, **velden) -> Toezichtbesluit:
    return corrigeren(besluit, actor=actor, velden=velden, reden=reden)


def toezichtbesluit_laten_vervallen(*, actor, besluit: Toezichtbesluit, reden: str) -> Toezichtbesluit:
    return laten_vervallen(besluit, actor=actor, reden=reden)


def handhavingsmaatregel_registreren(*, actor, reden: str = "", **velden) -> Handhavingsmaatregel:
    return registreren(Handhavingsmaatregel, actor=actor, velden=velden, reden=reden)


def handhavingsmaatregel_corrigeren(*, actor, maatregel: Handhavingsmaatregel, reden: str, **velden):
    return corrigeren(maatregel, actor=actor, velden=velden, reden=reden)


def handhavingsmaatregel_laten_vervallen(*, actor, maatregel: Handhavingsmaatregel, reden: str):
    return laten_vervallen(maatregel, actor=actor, reden=reden)


def _id(waarde) -> int | None:
    return getattr(waarde, "pk", waarde)


def _instellingen_vastleggen(
    onderzoek, instellingen: Iterable, *, actor, reden: str, alleen_toevoegen: bool = False
) -> list[OnderzochteInstelling]:
    """Set the GI's of one onderzoek: each an Instelling (or its id) or ``{"instelling", "zienswijze",
    "zienswijze_bron"}``. A GI not yet linked is added, a linked one has its zienswijze corrected when given, a GI no
    longer named is removed (refused while it has oordelen in the report), unless ``alleen_toevoegen``. A GI named twice
    is refused. Returns the GI's of the onderzoek, in the order given."""
    bestaande = {o.instelling_id: o for o in onderzoek.onderzochte_instellingen.select_related("instelling")}
    gezien, result = set(), []
    for gegevens in instellingen:
        gegevens = gegevens if isinstance(gegevens, Mapping) else {"instelling": gegevens}
        instelling_id = _id(gegevens.get("instelling"))
        if instelling_id in (None, ""):
            raise ValidationError({"instellingen": "Kies de instelling waarover het onderzoek gaat."})
        if instelling_id in gezien:
            raise ValidationError(
                {"instellingen": f"De instelling '{gegevens['instelling']}' komt twee keer voor; noem elke instelling één keer."}
            )
        gezien.add(instelling_id)
        velden = {k: gegevens[k] for k in ("zienswijze", "zienswijze_bron") if k in gegevens}
        if instelling_id in bestaande:
            huidig = bestaande[instelling_id]
            if any(getattr(huidig, k) != v for k, v in velden.items()):
                huidig = corrigeren(huidig, actor=actor, velden=velden, reden=reden or "Zienswijze vastgelegd")
            result.append(huidig)
        else:
            velden = {"onderzoek": onderzoek, "instelling_id": instelling_id, **velden}
            result.append(registreren(OnderzochteInstelling, actor=actor, velden=velden, reden=reden))
    if not alleen_toevoegen:
        for instelling_id, weg in bestaande.items():
            if instelling_id in gezien:
                continue
            if onderzoek.oordelen.filter(instelling_id=instelling_id).exists():
                raise ValidationError({"instellingen": (
                    f"De instelling {weg.instelling.afkorting} heeft oordelen in dit onderzoek en kan er niet uit worden "
                    "gehaald; corrigeer eerst die oordelen of laat het onderzoek vervallen."
                )})
            _verwijderen(weg, actor=actor, reden=reden)
    if not onderzoek.onderzochte_instellingen.exists():
        raise ValidationError({"instellingen": "Een inspectieonderzoek gaat over ten minste één instelling; kies er een."})
    return result


def _verwijderen(koppeling: OnderzochteInstelling, *, actor, reden: str) -> None:
    """Remove a GI from a report; its history keeps that it was there and who removed it when, and why."""
    vereis_schrijfrecht(actor, OnderzochteInstelling)
    koppeling._history_user = actor
    koppeling._change_reason = reden or "Instelling uit het onderzoek gehaald"
    koppeling.delete()


def _oordelen_vastleggen(onderzoek, oordelen: Iterable[Mapping], *, actor, reden: str) -> list[Oordeel]:
    """Create or correct oordelen of one onderzoek, each ``{"instelling", "thema", "waarde", "toelichting",
    "oorzaken"}``; the instelling may be left out when the onderzoek concerns one GI. An oordeel for a GI outside the
    onderzoek, or a (GI, theme) given twice, is refused. Returns them, in order."""
    gezien, result = set(), []
    bestaande = {(o.instelling_id, o.thema_id): o for o in onderzoek.oordelen.all()}
    instellingen = {o.instelling_id: o.instelling for o in onderzoek.onderzochte_instellingen.select_related("instelling")}
    for gegevens in oordelen:
        thema = gegevens["thema"]
        thema_id = _id(thema)
        instelling_id = _id(gegevens.get("instelling"))
        if instelling_id is None:
            if len(instellingen) != 1:
                raise ValidationError({"oordelen": (
                    f"Het oordeel over '{thema}' noemt geen instelling; dit onderzoek gaat over meer instellingen, "
                    "geef bij elk oordeel de instelling."
                )})
            [instelling_id] = instellingen
        if instelling_id not in instellingen:
            raise ValidationError({"oordelen": (
                f"Het oordeel over '{thema}' gaat over een instelling die niet bij dit onderzoek hoort; kies een van de "
                f"instellingen van het onderzoek ({', '.join(sorted(i.afkorting for i in instellingen.values()))})."
            )})
        sleutel = (instelling_id, thema_id)
        if sleutel in gezien:
            raise ValidationError({"oordelen": (
                f"Het thema '{thema}' komt voor {instellingen[instelling_id].afkorting} twee keer voor; geef per "
                "instelling en thema één oordeel."
            )})
        gezien.add(sleutel)
        velden = {"waarde": gegevens["waarde"], "toelichting": gegevens.get("toelichting", "")}
        if "oorzaken" in gegevens:
            velden["oorzaken"] = gegevens["oorzaken"] or Oorzaken.ONBEKEND
        if sleutel in bestaande:
            result.append(corrigeren(bestaande[sleutel], actor=actor, velden=velden, reden=reden))
        else:
            velden = {"onderzoek": onderzoek, "instelling_id": instelling_id, "thema_id": thema_id, **velden}
            result.append(registreren(Oordeel, actor=actor, velden=velden, reden=reden))
    return result


@transaction.atomic
def oordelen_vastleggen(*, actor, onderzoek: Inspectieonderzoek, oordelen: Iterable[Mapping], reden: str = "") -> list[Oordeel]:
    """Create or correct some oordelen of ``onderzoek`` (each ``{"instelling", "thema", "waarde", "toelichting",
    "oorzaken"}``), leaving the others as they are: the admin's grid of oordelen under an onderzoek."""
    return _oordelen_vastleggen(onderzoek, oordelen, actor=actor, reden=reden)


@transaction.atomic
def onderzochte_instellingen_vastleggen(
    *, actor, onderzoek: Inspectieonderzoek, instellingen: Iterable, reden: str = "", alleen_toevoegen: bool = False
) -> list[OnderzochteInstelling]:
    """Set the GI's of ``onderzoek`` with their zienswijze (``_instellingen_vastleggen``)."""
    return _instellingen_vastleggen(onderzoek, instellingen, actor=actor, reden=reden, alleen_toevoegen=alleen_toevoegen)


@transaction.atomic
def inspectieonderzoek_registreren(*, actor, instellingen: Iterable = (), oordelen: Iterable[Mapping] = (), reden: str = "", **velden):
    """Register a report on one or more GI's (``instellingen``: GI's, or mappings with their zienswijze) with its
    oordelen."""
    instellingen = list(instellingen)
    if not instellingen:
        vereis_schrijfrecht(actor, Inspectieonderzoek)
        raise ValidationError({"instellingen": "Een inspectieonderzoek gaat over ten minste één instelling; kies er een."})
    onderzoek = registreren(Inspectieonderzoek, actor=actor, velden=velden, reden=reden)
    _instellingen_vastleggen(onderzoek, instellingen, actor=actor, reden=reden or "Geregistreerd")
    _oordelen_vastleggen(onderzoek, oordelen, actor=actor, reden=reden or "Geregistreerd")
    return onderzoek


def inspectieonderzoek_voorbereiden(
    *, actor, instelling, zienswijze: Mapping | None = None, oordelen: Iterable[Mapping] = (), reden: str = "", **velden
) -> tuple[Inspectieonderzoek, OnderzochteInstelling, list[Oordeel]]:
    """What ``inspectieonderzoek_registreren`` checks for a report on one GI, without saving: the onderzoek, its GI
    (with the GI's zienswijze) and its oordelen, validated, unsaved, for ``register.services.in_bulk_registreren``
    (the onderzoeken first; what refers to an onderzoek gets its key when that is saved). The onderzoek is new, so
    what refers to it (the GI is the report's one GI, one oordeel per theme) is decided here rather than asked of the
    database. A report on several GI's goes through ``inspectieonderzoek_registreren``."""
    onderzoek = voorbereiden(Inspectieonderzoek, actor=actor, velden=velden, reden=reden)
    reden_onderdelen = reden or "Geregistreerd"
    koppeling = voorbereiden(
        OnderzochteInstelling, actor=actor, reden=reden_onderdelen, exclude=("onderzoek",),
        velden={"onderzoek": onderzoek, "instelling": instelling, **(zienswijze or {})},
    )
    gezien: set = set()
    lijst = []
    for gegevens in oordelen:
        thema = gegevens["thema"]
        thema_id = _id(thema)
        if thema_id in gezien:
            raise ValidationError({"oordelen": f"Het thema '{thema}' komt twee keer voor; geef per thema één oordeel."})
        gezien.add(thema_id)
        oordeel = {"onderzoek": onderzoek, "instelling": instelling, "thema_id": thema_id, "waarde": gegevens["waarde"],
                   "toelichting": gegevens.get("toelichting", "")}
        if "oorzaken" in gegevens:
            oordeel["oorzaken"] = gegevens["oorzaken"] or Oorzaken.ONBEKEND
        lijst.append(voorbereiden(Oordeel, actor=actor, reden=reden_onderdelen, exclude=("onderzoek",), velden=oordeel))
    return onderzoek, koppeling, lijst


@transaction.atomic
def inspectieonderzoek_corrigeren(
    *, actor, onderzoek: Inspectieonderzoek, reden: str, oordelen=None, instellingen=None, **velden
):
    """Correct a report; ``instellingen`` (when given) is the full list of its GI's, ``oordelen`` (when given) the
    oordelen to create or correct."""
    onderzoek = corrigeren(onderzoek, actor=actor, velden=velden, reden=reden)
    if instellingen is not None:
        _instellingen_vastleggen(onderzoek, list(instellingen), actor=actor, reden=reden)
    if oordelen is not None:
        _oordelen_vastleggen(onderzoek, oordelen, actor=actor, reden=reden)
    return onderzoek


def inspectieonderzoek_laten_vervallen(*, actor, onderzoek: Inspectieonderzoek, reden: str):
    return laten_vervallen(onderzoek, actor=actor, reden=reden)


def thema_registreren(*, actor, reden: str = "", **velden) -> Thema:
    return registreren(Thema, actor=actor, velden=velden, reden=reden)


def thema_corrigeren(*, actor, thema: Thema, reden: str, **velden) -> Thema:
    return corrigeren(thema, actor=actor, velden=velden, reden=reden)
