"""Writes of the reports app: generating and archiving a Kamer overview."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from reportlab import Version as REPORTLAB_VERSIE

from register.datums import EERSTE_DAG
from register.klok import vandaag
from reports.models import Kameroverzicht
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.varianten import OPENBAAR, vereis_recht_op_variant

# The years an overview can be about: from the first year of the register (register/datums.py) up to the
# current one. LAATSTE_JAAR only bounds the API schema; the real bound, the current year, is checked below.
EERSTE_JAAR = EERSTE_DAG.year
LAATSTE_JAAR = 2100


def standaard_peildatum() -> dt.date:
    """The peildatum when none is given: today (Europe/Amsterdam, register/klok.py), the register as recorded at the
    end of today. The one default: the service, the command, the form and the public pages all take it from here;
    the builder (reports/overzicht.py) has none and needs a peildatum."""
    return vandaag()


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
    """Build, render and archive the Kamer overview; the archive record is never changed afterwards. Generating again
    with unchanged data (same year, peildatum, variant and data sha256) returns the archived entry instead of adding
    an identical one (DESIGN.md §5): its PDF is byte for byte the one the new rendering would give."""
    vereis_recht_op_variant(actor, variant)
    peildatum = standaard_peildatum() if peildatum is None else peildatum
    _valideer(jaar, peildatum)
    data = kameroverzicht(jaar, peildatum, variant)
    bestaand = (
        Kameroverzicht.objects.filter(jaar=jaar, peildatum=peildatum, variant=variant, data_sha256=data["data_sha256"])
        .order_by("aangemaakt_op", "id")
        .first()
    )
    if bestaand is not None:
        bestaand.hergebruikt = True  # the doors say so (the API answers 200 instead of 201)
        return bestaand
    pdf = render_pdf(data)
    return Kameroverzicht.objects.create(
        jaar=jaar,
        peildatum=peildatum,
        variant=variant,
        aangemaakt_door=actor,
        aangemaakt_op=timezone.now(),
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        reportlab_versie=REPORTLAB_VERSIE,
        data_sha256=data["data_sha256"],
        pdf=pdf,
        data=data,
    )
