"""Reads of the reports app: the archive. The register itself (now, or as recorded at the end of a peildatum) is
read by signalen/selectors.py."""

from __future__ import annotations

from django.db.models.fields.json import KeyTextTransform

from reports import varianten
from reports.models import Aanleidingenoverzicht, Kameroverzicht


def met_kenmerk(overzichten):
    """Archived overviews with what their label (``Kameroverzicht.kenmerk``) needs, without the PDF bytes or the data:
    the register state's time is read from the data's key in the same query."""
    return overzichten.defer("pdf", "data").annotate(registerstand_waarde=KeyTextTransform("registerstand", "data"))


def kameroverzichten_voor(user):
    """The archived overviews ``user`` may read (reports/varianten.py), without the PDF bytes."""
    return met_kenmerk(
        Kameroverzicht.objects.filter(variant__in=varianten.leesbare_varianten(user)).select_related("aangemaakt_door")
    )


def kameroverzicht_voor(user, pk: int):
    """One archived overview ``user`` may see; DoesNotExist otherwise."""
    toegestaan = kameroverzichten_voor(user).values_list("pk", flat=True)
    return Kameroverzicht.objects.select_related("aangemaakt_door").get(pk=pk, pk__in=toegestaan)


def aanleidingenoverzichten_voor(user):
    """The archived aanleidingenoverzichten ``user`` may read (the same variants as the Kamer overviews), newest
    first, without the PDF bytes."""
    return met_kenmerk(
        Aanleidingenoverzicht.objects.filter(variant__in=varianten.leesbare_varianten(user)).select_related("aangemaakt_door")
    ).order_by("-aangemaakt_op", "-id")


def aanleidingenoverzicht_voor(user, pk: int):
    """One archived aanleidingenoverzicht ``user`` may see; DoesNotExist otherwise."""
    toegestaan = aanleidingenoverzichten_voor(user).values_list("pk", flat=True)
    return Aanleidingenoverzicht.objects.select_related("aangemaakt_door").get(pk=pk, pk__in=toegestaan)
