"""Writes of the reports app: generating and archiving a Kamer overview or an aanleidingenoverzicht."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from reportlab import Version as REPORTLAB_VERSIE

from register.datums import EERSTE_DAG
from register.klok import vandaag
from register.teksten import datum_cijfers
from reports import aanleidingen as aanleidingen_bouw
from reports.aanleidingen_pdf import render_aanleidingen_pdf
from reports.models import Aanleidingenoverzicht, Kameroverzicht
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


# -- the aanleidingenoverzicht (DESIGN.md §5a) ---------------------------------------------------------------------


def standaard_van() -> dt.date | None:
    """The default first day of a new aanleidingenoverzicht: the ``tot`` of the previous archived one (the latest
    archived, any variant), so the next one starts where it ended (that day counts in both: a day is never lost
    between two). None when none was archived yet: the doors then ask for ``van``."""
    vorige = Aanleidingenoverzicht.objects.order_by("-aangemaakt_op", "-id").values_list("tot", flat=True).first()
    return vorige


GEEN_VAN = (
    "Er is nog geen aanleidingenoverzicht gearchiveerd, dus er is geen vorige einddatum om vanaf te beginnen. "
    "Vul de begindatum (van) in."
)


def _valideer_periode(van: dt.date | None, tot: dt.date, peildatum: dt.date) -> None:
    """DESIGN.md §3 (dates are sane) for a period of what happened, and van on or before tot."""
    fouten = {}
    if van is None:
        fouten["van"] = GEEN_VAN
    elif van < EERSTE_DAG:
        fouten["van"] = f"De begindatum ligt vóór {datum_cijfers(EERSTE_DAG)}; het register begint op die dag. Kies een latere datum."
    if tot > vandaag():
        fouten["tot"] = ("De einddatum ligt in de toekomst; wat daarna gebeurt, staat nog niet in het register. "
                         "Kies vandaag of een eerdere datum.")
    elif tot < EERSTE_DAG:
        fouten["tot"] = f"De einddatum ligt vóór {datum_cijfers(EERSTE_DAG)}; het register begint op die dag. Kies een latere datum."
    if peildatum > vandaag():
        fouten["peildatum"] = (
            "De peildatum ligt in de toekomst; het register van die dag is nog niet vastgelegd. "
            "Kies vandaag of een eerdere datum."
        )
    elif peildatum < tot and "tot" not in fouten:
        fouten["peildatum"] = (
            "De peildatum ligt vóór de einddatum: het register van die dag kent wat daarna gebeurde nog niet. Kies "
            "een peildatum op of na de einddatum."
        )
    if fouten:
        raise ValidationError(fouten)
    aanleidingen_bouw.periode_controleren(van, tot)


@transaction.atomic
def aanleidingenoverzicht_genereren(*, actor, tot: dt.date | None = None, van: dt.date | None = None,
                                    peildatum: dt.date | None = None, variant: str = OPENBAAR) -> Aanleidingenoverzicht:
    """Build, render and archive the aanleidingenoverzicht of [van, tot] as recorded at the end of ``peildatum``,
    under the archive rules of the Kamer overview: immutable, and generating again on unchanged data returns the
    archived entry (``hergebruikt``). Defaults: ``tot`` and ``peildatum`` today, ``van`` the ``tot`` of the previous
    archived one (``standaard_van``; none: a clear error asking for it). A period in which nothing happened is
    archived too, saying so: that nothing gave cause is itself the answer the ministry needs."""
    vereis_recht_op_variant(actor, variant, "aanleidingenoverzicht")
    tot = vandaag() if tot is None else tot
    van = standaard_van() if van is None else van
    peildatum = standaard_peildatum() if peildatum is None else peildatum
    _valideer_periode(van, tot, peildatum)
    data = aanleidingen_bouw.aanleidingen(van, tot, peildatum, variant)
    bestaand = (
        Aanleidingenoverzicht.objects.filter(van=van, tot=tot, peildatum=peildatum, variant=variant,
                                             data_sha256=data["data_sha256"])
        .order_by("aangemaakt_op", "id")
        .first()
    )
    if bestaand is not None:
        bestaand.hergebruikt = True
        return bestaand
    pdf = render_aanleidingen_pdf(data)
    return Aanleidingenoverzicht.objects.create(
        van=van,
        tot=tot,
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
