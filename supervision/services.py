"""Writes of the inspecties: toezichtbesluiten, handhavingsmaatregelen, inspectieonderzoeken with oordelen
(role ``inspectie``); themes are kept by ``beheer``."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from register.services import corrigeren, laten_vervallen, registreren, voorbereiden
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit


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


def _thema_id(gegevens: Mapping, gezien: set) -> int:
    """The theme of one oordeel; a theme given twice for one onderzoek is refused."""
    thema = gegevens["thema"]
    thema_id = thema.pk if isinstance(thema, Thema) else thema
    if thema_id in gezien:
        raise ValidationError(
            {"oordelen": f"Het thema '{thema}' komt twee keer voor; geef per thema één oordeel."}
        )
    gezien.add(thema_id)
    return thema_id


def _oordeelvelden(gegevens: Mapping) -> dict:
    return {"waarde": gegevens["waarde"], "toelichting": gegevens.get("toelichting", "")}


def _oordelen_vastleggen(onderzoek, oordelen: Iterable[Mapping], *, actor, reden: str) -> list[Oordeel]:
    """Create or correct the oordelen of one onderzoek; a theme given twice is refused. Returns them, in order."""
    gezien, result = set(), []
    bestaande = {o.thema_id: o for o in onderzoek.oordelen.all()}
    for gegevens in oordelen:
        thema_id = _thema_id(gegevens, gezien)
        velden = _oordeelvelden(gegevens)
        if thema_id in bestaande:
            result.append(corrigeren(bestaande[thema_id], actor=actor, velden=velden, reden=reden))
        else:
            velden = {"onderzoek": onderzoek, "thema_id": thema_id, **velden}
            result.append(registreren(Oordeel, actor=actor, velden=velden, reden=reden))
    return result


@transaction.atomic
def oordelen_vastleggen(*, actor, onderzoek: Inspectieonderzoek, oordelen: Iterable[Mapping], reden: str = "") -> list[Oordeel]:
    """Create or correct some oordelen of ``onderzoek`` (each ``{"thema", "waarde", "toelichting"}``), leaving the
    others as they are: the admin's rows of oordelen under an onderzoek."""
    return _oordelen_vastleggen(onderzoek, oordelen, actor=actor, reden=reden)


@transaction.atomic
def inspectieonderzoek_registreren(*, actor, oordelen: Iterable[Mapping] = (), reden: str = "", **velden):
    onderzoek = registreren(Inspectieonderzoek, actor=actor, velden=velden, reden=reden)
    _oordelen_vastleggen(onderzoek, oordelen, actor=actor, reden=reden or "Geregistreerd")
    return onderzoek


def inspectieonderzoek_voorbereiden(
    *, actor, oordelen: Iterable[Mapping] = (), reden: str = "", **velden
) -> tuple[Inspectieonderzoek, list[Oordeel]]:
    """What ``inspectieonderzoek_registreren`` checks, without saving: the onderzoek and its oordelen, validated,
    unsaved, for ``register.services.in_bulk_registreren`` (the onderzoeken first; each oordeel refers to its
    onderzoek, whose key it gets when that is saved). An oordeel's onderzoek is new, so what refers to it (the
    onderzoek is set, one oordeel per theme of an onderzoek) is decided here rather than asked of the database."""
    onderzoek = voorbereiden(Inspectieonderzoek, actor=actor, velden=velden, reden=reden)
    gezien: set = set()
    lijst = [
        voorbereiden(
            Oordeel, actor=actor, reden=reden or "Geregistreerd", exclude=("onderzoek",),
            velden={"onderzoek": onderzoek, "thema_id": _thema_id(gegevens, gezien), **_oordeelvelden(gegevens)},
        )
        for gegevens in oordelen
    ]
    return onderzoek, lijst


@transaction.atomic
def inspectieonderzoek_corrigeren(*, actor, onderzoek: Inspectieonderzoek, reden: str, oordelen=None, **velden):
    onderzoek = corrigeren(onderzoek, actor=actor, velden=velden, reden=reden)
    if oordelen is not None:
        _oordelen_vastleggen(onderzoek, oordelen, actor=actor, reden=reden)
    return onderzoek


def inspectieonderzoek_laten_vervallen(*, actor, onderzoek: Inspectieonderzoek, reden: str):
    return laten_vervallen(onderzoek, actor=actor, reden=reden)


def thema_registreren(*, actor, reden: str = "", **velden) -> Thema:
    return registreren(Thema, actor=actor, velden=velden, reden=reden)


def thema_corrigeren(*, actor, thema: Thema, reden: str, **velden) -> Thema:
    return corrigeren(thema, actor=actor, velden=velden, reden=reden)
