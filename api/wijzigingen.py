"""The change feed: every change of every register model after a moment, from the simple-history tables.

One page costs a fixed number of queries: one count, one union over all history tables for the page,
and per model with rows on the page one query for those rows and one for their previous versions."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from django.db.models import IntegerField, OuterRef, Subquery, Value

from api.camel import camel
from certification.models import VERTROUWELIJKE_VELDEN, Audit, Certificaatbesluit
from register.models import Instelling, Monitormeting
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit

RESOURCES: tuple[tuple[str, type], ...] = (
    ("instellingen", Instelling),
    ("audits", Audit),
    ("certificaatbesluiten", Certificaatbesluit),
    ("toezichtbesluiten", Toezichtbesluit),
    ("handhavingsmaatregelen", Handhavingsmaatregel),
    ("inspectieonderzoeken", Inspectieonderzoek),
    ("oordelen", Oordeel),
    ("themas", Thema),
    ("monitormetingen", Monitormeting),
)
TYPES = {"+": "create", "~": "update", "-": "delete"}
NIET_GETOOND = {"aangemaakt_op", "gewijzigd_op"}


def gewijzigde_rijen(sinds: dt.datetime | None):
    """A union queryset of (history_date, resource_index, history_id) over all history tables, in order."""
    delen = []
    for index, (_, model) in enumerate(RESOURCES):
        qs = model.history.all()
        if sinds is not None:
            qs = qs.filter(history_date__gt=sinds)
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


# Foreign keys are shown as in the resources: a GI by its afkorting, a theme by its code.
SLEUTEL_VAN = {Instelling: "afkorting", Thema: "code"}
# Many-to-many fields whose history is kept (simple-history ``m2m_fields``).
M2M = {Certificaatbesluit: ("audits",)}


def _velden(model, vertrouwelijk: bool) -> list:
    verborgen = set() if vertrouwelijk else set(VERTROUWELIJKE_VELDEN.get(model.__name__, ()))
    return [f for f in model._meta.concrete_fields if f.name not in verborgen and f.name not in NIET_GETOOND]


def _naam_en_waarde(rij, veld) -> tuple[str, object]:
    """Key and value of one field in the feed: camelCase; a GI or theme by its key, other relations by id."""
    waarde = getattr(rij, veld.attname)
    sleutel = SLEUTEL_VAN.get(veld.related_model) if veld.is_relation else None
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


def wijzigingen(pagina_rijen, *, vertrouwelijk: bool) -> list[dict]:
    """Turn one page of union rows into change items with the changed field values."""
    per_model: dict[int, list[int]] = {}
    for _, history_id, index in pagina_rijen:
        per_model.setdefault(index, []).append(history_id)

    rijen: dict[tuple[int, int], object] = {}
    vorige: dict[tuple[int, int], object] = {}
    for index, ids in per_model.items():
        model = RESOURCES[index][1]
        historie = model.history.model
        vorige_id = Subquery(
            historie.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        relaties = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model in SLEUTEL_VAN]
        m2m = [_m2m_accessor(model, naam) for naam in M2M.get(model, ())]
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

    items = []
    for _, history_id, index in pagina_rijen:
        naam, model = RESOURCES[index]
        rij = rijen[(index, history_id)]
        oud = vorige[(index, history_id)]
        gegevens = {}
        nieuw = oud is None or rij.history_type == "+"
        for veld in _velden(model, vertrouwelijk):
            if nieuw or getattr(oud, veld.attname) != getattr(rij, veld.attname):
                sleutel, waarde = _naam_en_waarde(rij, veld)
                gegevens[sleutel] = waarde
        for m2m_veld in M2M.get(model, ()):
            ids = _m2m_ids(model, rij, m2m_veld)
            if nieuw or _m2m_ids(model, oud, m2m_veld) != ids:
                gegevens[camel(m2m_veld)] = ids
        items.append(
            {
                "resource": naam,
                "id": rij.id,
                "historie_id": rij.history_id,
                "type": TYPES.get(rij.history_type, rij.history_type),
                "gebruiker": rij.history_user.get_username() if rij.history_user else None,
                "tijdstip": rij.history_date,
                "reden": rij.history_change_reason,
                "gegevens": gegevens,
            }
        )
    return items
