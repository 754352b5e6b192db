"""Reads of the reports app: the archive. The register itself (now, or as recorded at the end of a peildatum) is
read by signalen/selectors.py."""

from __future__ import annotations

from reports import varianten
from reports.models import Kameroverzicht


def kameroverzichten_voor(user):
    """The archived overviews ``user`` may read (reports/varianten.py), without the PDF bytes."""
    return (
        Kameroverzicht.objects.filter(variant__in=varianten.leesbare_varianten(user))
        .select_related("aangemaakt_door")
        .defer("pdf", "data")
    )


def kameroverzicht_voor(user, pk: int):
    """One archived overview ``user`` may see; DoesNotExist otherwise."""
    toegestaan = kameroverzichten_voor(user).values_list("pk", flat=True)
    return Kameroverzicht.objects.select_related("aangemaakt_door").get(pk=pk, pk__in=toegestaan)
