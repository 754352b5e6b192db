"""Writes of the KMI: audits and certificaatbesluiten (role ``kmi``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from certification.models import Aanvraag, Audit, Bezwaar, Certificaatbesluit, audits_van_andere_instelling
from register import rules, selectors
from register.models import Instelling
from register.services import corrigeren, laten_vervallen, registreren, vereis_schrijfrecht
from register.teksten import datum_melding, feitdatum_melding


def audit_registreren(*, actor, reden: str = "", **velden) -> Audit:
    return registreren(Audit, actor=actor, velden=velden, reden=reden)


def audit_corrigeren(*, actor, audit: Audit, reden: str, **velden) -> Audit:
    return corrigeren(audit, actor=actor, velden=velden, reden=reden)


def audit_laten_vervallen(*, actor, audit: Audit, reden: str) -> Audit:
    return laten_vervallen(audit, actor=actor, reden=reden)


AFWEGING_UITLEG = (
    "Vul het veld 'afweging' in met herkomst 'KMI' (of, als het KMI die nog niet openbaar mag maken, het veld "
    "'afweging (vertrouwelijk)'): welke normen van het normenkader niet (volledig) zijn gehaald, welke "
    "omstandigheden het KMI heeft gewogen en waarom het het certificaat toch verleent of voortzet. Een samenvatting "
    "uit een openbare bron telt niet als afweging van het KMI."
)


def afwegingsfout(
    *, instelling, status, besluitdatum, afweging, afweging_herkomst=rules.HERKOMST_KMI, afweging_vertrouwelijk="",
    ingangsdatum=None, besluit_id=None,
) -> ValidationError | None:
    """DESIGN.md §3, Afweging: a volledig or overbrugging certificaatbesluit taken under aanleiding needs an
    afweging of herkomst KMI, public or vertrouwelijk. The error (on the field 'afweging') names the aanleiding:
    the overbrugging, which audit, which report, which toezichtbesluit. None when the besluit needs no afweging or
    has one, or when the values are incomplete (the model's own validation names what is missing)."""
    feit = rules.CertificaatFeit(
        0, status or "", ingangsdatum or dt.date.min, None, afweging=afweging or "",
        afweging_herkomst=afweging_herkomst or rules.HERKOMST_KMI,
        afweging_vertrouwelijk=bool((afweging_vertrouwelijk or "").strip()),
    )
    if status not in rules.STATUSSEN_MET_AFWEGING or feit.heeft_afweging:
        return None
    if isinstance(instelling, int):
        instelling = Instelling.objects.filter(pk=instelling).first()
    if not isinstance(instelling, Instelling) or not isinstance(besluitdatum, dt.date):
        return None
    aanleiding = selectors.aanleiding_voor(
        instelling, besluitdatum, status=status, ingangsdatum=ingangsdatum, besluit_id=besluit_id
    )
    if not rules.afweging_vereist(status, aanleiding):
        return None
    soort = Certificaatbesluit.Status(status).label
    melding = (
        f"Een {soort} met besluitdatum {datum_melding(besluitdatum)} valt onder aanleiding en vraagt daarom een afweging "
        f"van het KMI: {'; '.join(rules.aanleiding_teksten(aanleiding, feitdatum_melding))}. {AFWEGING_UITLEG}"
    )
    return ValidationError({"afweging": ValidationError(melding, code="afweging_vereist")})


def _auditfout(instelling, audits) -> ValidationError | None:
    """A certificaatbesluit rests only on audits of its own GI (certification.models.audits_van_andere_instelling)."""
    instelling_id = instelling.pk if isinstance(instelling, Instelling) else instelling
    melding = audits_van_andere_instelling(instelling_id, audits or ())
    return None if melding is None else ValidationError({"audits": ValidationError(melding, code="andere_instelling")})


def _samen(*fouten: ValidationError | None) -> ValidationError | None:
    """One ValidationError holding every given error (None when there is none)."""
    aanwezig = [f for f in fouten if f is not None]
    if not aanwezig:
        return None
    woordenboek: dict = {}
    for fout in aanwezig:
        woordenboek = fout.update_error_dict(woordenboek)
    return ValidationError(woordenboek)


def _met_afweging(schrijven: Callable[[], Certificaatbesluit], fout: ValidationError | None) -> Certificaatbesluit:
    """Write, and refuse with ``fout`` (audits of another GI, a missing afweging) among any other validation
    errors (inside the caller's transaction, so nothing is saved)."""
    try:
        besluit = schrijven()
    except ValidationError as exc:
        if fout is None:
            raise
        raise ValidationError(fout.update_error_dict(exc.update_error_dict({}))) from exc
    if fout is not None:
        raise fout
    return besluit


@transaction.atomic
def certificaatbesluit_registreren(
    *, actor, audits=(), reden: str = "", afwegingsplicht: bool = True, **velden
) -> Certificaatbesluit:
    """Register a certificaatbesluit. ``afwegingsplicht=False`` only for a reconstruction of the public record of
    decisions the KMI took before the register existed (voorbeelddata/): what the KMI did not record cannot be
    required afterwards, and AFWEGING_ONTBREEKT then shows that it is missing. Every door for the KMI's own
    writes (admin, API, historical import) keeps the requirement."""
    vereis_schrijfrecht(actor, Certificaatbesluit)
    instelling = velden.get("instelling", velden.get("instelling_id"))
    fout = _samen(
        _auditfout(instelling, audits),
        None if not afwegingsplicht else afwegingsfout(
            instelling=instelling,
            status=velden.get("status"),
            besluitdatum=velden.get("besluitdatum"),
            afweging=velden.get("afweging"),
            afweging_herkomst=velden.get("afweging_herkomst", rules.HERKOMST_KMI),
            afweging_vertrouwelijk=velden.get("afweging_vertrouwelijk", ""),
            ingangsdatum=velden.get("ingangsdatum"),
        ),
    )
    return _met_afweging(
        lambda: registreren(Certificaatbesluit, actor=actor, velden=velden, reden=reden, m2m={"audits": list(audits)}),
        fout,
    )


@transaction.atomic
def certificaatbesluit_corrigeren(
    *, actor, besluit: Certificaatbesluit, reden: str, audits=None, **velden
) -> Certificaatbesluit:
    vereis_schrijfrecht(actor, Certificaatbesluit)
    m2m = None if audits is None else {"audits": list(audits)}
    huidig = Certificaatbesluit.objects.select_related("instelling").get(pk=besluit.pk)
    fout = None
    if not huidig.vervallen:  # a void besluit is refused as such by corrigeren
        instelling = velden.get("instelling", velden.get("instelling_id", huidig.instelling))
        fout = _samen(
            _auditfout(instelling, huidig.audits.all() if audits is None else audits),
            afwegingsfout(
                instelling=instelling,
                status=velden.get("status", huidig.status),
                besluitdatum=velden.get("besluitdatum", huidig.besluitdatum),
                afweging=velden.get("afweging", huidig.afweging),
                afweging_herkomst=velden.get("afweging_herkomst", huidig.afweging_herkomst),
                afweging_vertrouwelijk=velden.get("afweging_vertrouwelijk", huidig.afweging_vertrouwelijk),
                ingangsdatum=velden.get("ingangsdatum", huidig.ingangsdatum),
                besluit_id=huidig.pk,
            ),
        )
    return _met_afweging(lambda: corrigeren(besluit, actor=actor, velden=velden, reden=reden, m2m=m2m), fout)


def certificaatbesluit_laten_vervallen(*, actor, besluit: Certificaatbesluit, reden: str) -> Certificaatbesluit:
    """Declaring a besluit void needs no afweging: also a record entered before the rule can be withdrawn."""
    return laten_vervallen(besluit, actor=actor, reden=reden)


def bezwaar_registreren(*, actor, reden: str = "", **velden) -> Bezwaar:
    """A bezwaar or beroep against a certificaatbesluit (role kmi)."""
    return registreren(Bezwaar, actor=actor, velden=velden, reden=reden)


def bezwaar_corrigeren(*, actor, bezwaar: Bezwaar, reden: str, **velden) -> Bezwaar:
    """Also how its uitkomst is recorded once it is known: a correction with its reason, the earlier state kept."""
    return corrigeren(bezwaar, actor=actor, velden=velden, reden=reden)


def bezwaar_laten_vervallen(*, actor, bezwaar: Bezwaar, reden: str) -> Bezwaar:
    return laten_vervallen(bezwaar, actor=actor, reden=reden)


def aanvraag_registreren(*, actor, reden: str = "", **velden) -> Aanvraag:
    """An application for a certificate (role kmi)."""
    return registreren(Aanvraag, actor=actor, velden=velden, reden=reden)


def aanvraag_corrigeren(*, actor, aanvraag: Aanvraag, reden: str, **velden) -> Aanvraag:
    """Also how its afhandeling is recorded: the besluit or 'ingetrokken' with the day, the pending state kept in the
    history."""
    return corrigeren(aanvraag, actor=actor, velden=velden, reden=reden)


def aanvraag_laten_vervallen(*, actor, aanvraag: Aanvraag, reden: str) -> Aanvraag:
    return laten_vervallen(aanvraag, actor=actor, reden=reden)
