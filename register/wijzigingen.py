"""The change feed: every change of every register model after a moment, from the simple-history tables.

What a reader sees follows the confidentiality policy (register/vertrouwelijkheid.py): confidential fields
are absent for readers without the right, an edit that changed nothing they may read is left out (in the
query, so counts and pages stay right), the reason of a change to a model with confidential fields is
withheld, and who made a change is named by organisation, not by account.

One page costs a fixed number of queries: one count, one union over all history tables for the page,
per model with rows on the page one query for those rows and one for their previous versions, and one
for the roles of the accounts on the page."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from django.db.models import IntegerField, OuterRef, Subquery, Value

from register.camel import camel
from register import domein, vertrouwelijkheid

# Every domain model of the registry, by its resource name; a union row names its model by index in this tuple.
RESOURCES = domein.DOMEINMODELLEN
TYPES = {"+": "create", "~": "update", "-": "delete"}
NIET_GETOOND = {"aangemaakt_op", "gewijzigd_op"}


def gewijzigde_rijen(sinds: dt.datetime | None, *, lezer):
    """A union queryset of (history_date, resource_index, history_id) over all history tables, in order:
    the changes ``lezer`` may see."""
    delen = []
    for index, resource in enumerate(RESOURCES):
        model = resource.model
        qs = model.history.all()
        if sinds is not None:
            qs = qs.filter(history_date__gt=sinds)
        qs = vertrouwelijkheid.zichtbare_historie(lezer, model, qs)
        delen.append(
            qs.order_by().annotate(resource_index=Value(index, output_field=IntegerField()))
            .values_list("history_date", "history_id", "resource_index")
        )
    return delen[0].union(*delen[1:], all=True).order_by("history_date", "resource_index", "history_id")


def _json(waarde):
    if isinstance(waarde, dt.datetime):
        return waarde.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    return waarde



@functools.cache
def _sleutels() -> dict[type, str]:
    """Foreign keys are shown as in the resources (register/domein.py): a GI by its afkorting, a theme by its
    code; a relation to any other model by its id."""
    return {resource.model: resource.sleutel for resource in RESOURCES if resource.sleutel != "id"}


def _velden(model, lezer) -> list:
    verborgen = vertrouwelijkheid.verborgen_velden(lezer, model)
    return [f for f in model._meta.concrete_fields if f.name not in verborgen and f.name not in NIET_GETOOND]


def _naam_en_waarde(rij, veld) -> tuple[str, object]:
    """Key and value of one field in the feed: camelCase; a GI or theme by its key, other relations by id."""
    waarde = getattr(rij, veld.attname)
    sleutel = _sleutels().get(veld.related_model) if veld.is_relation else None
    if sleutel is None or waarde is None:
        return camel(veld.attname), _json(waarde)
    gerelateerd = getattr(rij, veld.name, None)
    return camel(veld.name), getattr(gerelateerd, sleutel) if gerelateerd is not None else waarde


@functools.cache
def _m2m_accessor(model, naam: str) -> str:
    """Name of the reverse relation from a historical row to its snapshot of the m2m field ``naam``."""
    for relatie in model.history.model._meta.related_objects:
        if relatie.related_model.__name__.endswith(f"_{naam}"):
            return relatie.get_accessor_name()
    raise LookupError(f"Geen historie van {model.__name__}.{naam}")


def _m2m_ids(model, rij, naam: str) -> list[int]:
    doel = model._meta.get_field(naam).related_model._meta.model_name
    return sorted(getattr(item, f"{doel}_id") for item in getattr(rij, _m2m_accessor(model, naam)).all())


def wijzigingen(pagina_rijen, *, lezer, met_waarden: bool = False) -> list[dict]:
    """Turn one page of union rows into change items with the changed field values ``lezer`` may read.
    ``met_waarden`` adds, for a reader that writes sentences (the Atom feed), ``waarden``: every field of the
    version that ``lezer`` may read, by field name, as Python values, and ``instelling``: the GI the record
    belongs to (its afkorting), or None."""
    per_model: dict[int, list[int]] = {}
    for _, history_id, index in pagina_rijen:
        per_model.setdefault(index, []).append(history_id)

    rijen: dict[tuple[int, int], object] = {}
    vorige: dict[tuple[int, int], object] = {}
    for index, ids in per_model.items():
        resource = RESOURCES[index]
        model = resource.model
        historie = model.history.model
        vorige_id = Subquery(
            historie.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        relaties = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model in _sleutels()]
        m2m = [_m2m_accessor(model, naam) for naam in resource.m2m_historie]
        gevonden = list(
            historie.objects.filter(history_id__in=ids)
            .select_related("history_user", *relaties)
            .prefetch_related(*m2m)
            .annotate(vorige_history_id=vorige_id)
        )
        vorige_ids = [r.vorige_history_id for r in gevonden if r.vorige_history_id]
        eerder = (
            {r.history_id: r for r in historie.objects.filter(history_id__in=vorige_ids).prefetch_related(*m2m)}
            if vorige_ids
            else {}
        )
        for rij in gevonden:
            rijen[(index, rij.history_id)] = rij
            vorige[(index, rij.history_id)] = eerder.get(rij.vorige_history_id)

    auteur_zichtbaar = vertrouwelijkheid.mag_auteur_zien(lezer)
    alles_zichtbaar = vertrouwelijkheid.mag_vertrouwelijk_lezen(lezer)
    rollen = domein.rollen_per_gebruiker({rij.history_user_id for rij in rijen.values() if rij.history_user_id})
    items = []
    for _, history_id, index in pagina_rijen:
        resource = RESOURCES[index]
        model = resource.model
        rij = rijen[(index, history_id)]
        oud = vorige[(index, history_id)]
        gegevens = {}
        nieuw = oud is None or rij.history_type == "+"
        for veld in _velden(model, lezer):
            if nieuw or getattr(oud, veld.attname) != getattr(rij, veld.attname):
                sleutel, waarde = _naam_en_waarde(rij, veld)
                gegevens[sleutel] = waarde
        for m2m_veld in resource.m2m_historie:
            ids = _m2m_ids(model, rij, m2m_veld)
            if nieuw or _m2m_ids(model, oud, m2m_veld) != ids:
                gegevens[camel(m2m_veld)] = ids
        item = {
            "resource": resource.naam,
            "id": rij.id,
            "type": TYPES.get(rij.history_type, rij.history_type),
            "organisatie": domein.organisatie_naam(rollen.get(rij.history_user_id, frozenset()), model),
            "tijdstip": rij.history_date,
            "reden": vertrouwelijkheid.reden_voor(lezer, rij),
            "gegevens": gegevens,
        }
        if met_waarden:
            item["waarden"] = {
                veld.name: getattr(rij, veld.name if veld.is_relation and veld.related_model in _sleutels() else veld.attname)
                for veld in _velden(model, lezer)
            }
            gi = getattr(rij, "instelling", None) if any(f.name == "instelling" for f in model._meta.concrete_fields) else None
            item["instelling"] = getattr(gi, "afkorting", None)
        if auteur_zichtbaar:  # the account only for readers with the right; for others the key is absent
            item["gebruiker"] = rij.history_user.get_username() if rij.history_user else None
        if alles_zichtbaar:  # gaps in the history ids would betray the edits left out for other readers
            item["historie_id"] = rij.history_id
        items.append(item)
    return items
