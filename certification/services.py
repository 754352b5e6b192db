"""Writes of the KMI: audits and certificaatbesluiten (role ``kmi``)."""

from django.db import transaction

from certification.models import Audit, Certificaatbesluit
from register.services import corrigeren, laten_vervallen, registreren


def audit_registreren(*, actor, reden: str = "", **velden) -> Audit:
    return registreren(Audit, actor=actor, velden=velden, reden=reden)


def audit_corrigeren(*, actor, audit: Audit, reden: str, **velden) -> Audit:
    return corrigeren(audit, actor=actor, velden=velden, reden=reden)


def audit_laten_vervallen(*, actor, audit: Audit, reden: str) -> Audit:
    return laten_vervallen(audit, actor=actor, reden=reden)


@transaction.atomic
def certificaatbesluit_registreren(*, actor, audits=(), reden: str = "", **velden) -> Certificaatbesluit:
    return registreren(Certificaatbesluit, actor=actor, velden=velden, reden=reden, m2m={"audits": list(audits)})


@transaction.atomic
def certificaatbesluit_corrigeren(
    *, actor, besluit: Certificaatbesluit, reden: str, audits=None, **velden
) -> Certificaatbesluit:
    m2m = None if audits is None else {"audits": list(audits)}
    return corrigeren(besluit, actor=actor, velden=velden, reden=reden, m2m=m2m)


def certificaatbesluit_laten_vervallen(*, actor, besluit: Certificaatbesluit, reden: str) -> Certificaatbesluit:
    return laten_vervallen(besluit, actor=actor, reden=reden)
