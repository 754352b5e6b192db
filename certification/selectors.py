"""Reads of the KMI's records: the public list of certified GI's and applicants (Aanwijzingsbesluit art. 4 d), produced
from the register alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from certification.models import Aanvraag, Certificaatbesluit
from register import rules, selectors

# The statuses under which a GI holds a certificate on a day (geschorst: held, but suspended; shown as such).
GECERTIFICEERD = frozenset({"volledig", "voorlopig", "overbrugging", "geschorst"})


@dataclass(frozen=True)
class Gecertificeerd:
    """One GI on the list: its status on the day and per task, and the besluit that gives it (ingangsdatum and geldig
    tot with the besluit's datumkwaliteit, bron)."""

    stand: selectors.StatusOpDatum
    besluit: Certificaatbesluit | None

    @property
    def instelling(self):
        return self.stand.instelling


@dataclass(frozen=True)
class OpenbareLijst:
    datum: dt.date
    gecertificeerd: list[Gecertificeerd]
    # Active GI's whose certificate status on the day is 'onbekend' (before the KMI's records of it are complete):
    # neither on the list nor left out as if known.
    onbekend: list[Gecertificeerd]
    aanvragen: list[Aanvraag]


def _actief_op(instelling, datum: dt.date) -> bool:
    return (instelling.actief_vanaf is None or instelling.actief_vanaf <= datum) and (
        instelling.actief_tot is None or instelling.actief_tot >= datum
    )


def aanvragen_in_behandeling_op(datum: dt.date) -> list[Aanvraag]:
    """The applications pending on ``datum``: filed on or before it and not handled by then (handled later, or not
    yet). One query."""
    return list(
        Aanvraag.objects.filter(vervallen=False, ingediend_op__lte=datum)
        .exclude(afgehandeld_op__lte=datum)
        .select_related("instelling")
        .order_by("ingediend_op", "id")
    )


def openbare_lijst(datum: dt.date) -> OpenbareLijst:
    """The KMI's public list on ``datum``: every active GI with a certificate (status, reikwijdte, status per task,
    geldig tot), the active GI's whose status is 'onbekend', and the pending applications. Five queries, however many
    GI's."""
    statussen = [s for s in selectors.statussen_op(datum) if _actief_op(s.instelling, datum)]
    besluit_ids = {s.certificaat.besluit_id for s in statussen if s.certificaat.besluit_id}
    besluiten = Certificaatbesluit.objects.in_bulk(besluit_ids)
    gecertificeerd, onbekend = [], []
    for s in statussen:
        regel = Gecertificeerd(s, besluiten.get(s.certificaat.besluit_id))
        if s.certificaat.status in GECERTIFICEERD:
            gecertificeerd.append(regel)
        elif s.certificaat.status == rules.ONBEKEND:
            onbekend.append(regel)
    return OpenbareLijst(datum, gecertificeerd, onbekend, aanvragen_in_behandeling_op(datum))
