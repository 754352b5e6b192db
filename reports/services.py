"""Writes of the reports app: generating and archiving a Kamer overview."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from register import roles
from register.klok import vandaag
from reports.models import Kameroverzicht
from reports.overzicht import OPENBAAR, VARIANTEN, VERTROUWELIJK, kameroverzicht
from reports.pdf import render_pdf

EERSTE_JAAR = 2000
LAATSTE_JAAR = 2100  # bound for the schema; the real bound is the current year, checked below


def mag_genereren(actor, variant: str) -> bool:
    return roles.mag_kameroverzicht_maken(actor, vertrouwelijk=variant == VERTROUWELIJK)


def mag_inzien(actor, variant: str) -> bool:
    """Reading the archive: every role the openbaar variant (beheer reads everything, DESIGN.md §2), the
    vertrouwelijk variant whoever reads confidential fields."""
    return roles.mag_kameroverzicht_inzien(actor, vertrouwelijk=variant == VERTROUWELIJK)


def vereis_inzagerecht(actor) -> None:
    if not mag_inzien(actor, OPENBAAR):
        raise PermissionDenied("U mag het archief van Kameroverzichten niet inzien; daarvoor is een rol in het register nodig.")


def vereis_recht_op_variant(actor, variant: str) -> None:
    """Making (generating and archiving) an overview of ``variant``."""
    if variant not in VARIANTEN:
        raise ValidationError({"variant": f"Onbekende variant '{variant}'; kies 'openbaar' of 'vertrouwelijk'."})
    if mag_genereren(actor, variant):
        return
    if variant == VERTROUWELIJK:
        raise PermissionDenied(
            "Alleen toezichthouders (KMI, inspecties, Raad voor Accreditatie) mogen de vertrouwelijke variant van "
            "het Kameroverzicht aanmaken. Kies de openbare variant."
        )
    raise PermissionDenied(
        "U mag geen Kameroverzicht aanmaken; dat is voorbehouden aan het ministerie en de toezichthouders."
    )


def _valideer(jaar: int, peildatum: dt.date) -> None:
    fouten = {}
    if not isinstance(jaar, int) or not EERSTE_JAAR <= jaar <= vandaag().year:
        fouten["jaar"] = f"Kies een jaar van {EERSTE_JAAR} tot en met {vandaag().year}."
    if peildatum > vandaag():
        fouten["peildatum"] = (
            "De peildatum ligt in de toekomst; het register van die dag is nog niet vastgelegd. "
            "Kies vandaag of een eerdere datum."
        )
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def kameroverzicht_genereren(*, actor, jaar: int, peildatum: dt.date | None = None, variant: str = OPENBAAR) -> Kameroverzicht:
    """Build, render and archive the Kamer overview; the archive record is never changed afterwards."""
    vereis_recht_op_variant(actor, variant)
    peildatum = peildatum or vandaag()
    _valideer(jaar, peildatum)
    data = kameroverzicht(jaar, peildatum, variant)
    pdf = render_pdf(data)
    return Kameroverzicht.objects.create(
        jaar=jaar,
        peildatum=peildatum,
        variant=variant,
        aangemaakt_door=actor,
        aangemaakt_op=timezone.now(),
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        data_sha256=data["data_sha256"],
        pdf=pdf,
        data=data,
    )
