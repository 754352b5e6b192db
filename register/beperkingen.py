"""The database constraints of a record (``Meta.constraints``), judged before it is saved, with the same outcome and
message as Django's ``Model.validate_constraints`` but without a query where none is needed.

Django judges a CheckConstraint by sending its condition, with every field of the record as a value, to the
database (``Q.check``: one query, a savepoint and a few milliseconds of query building per constraint), and a
UniqueConstraint with a condition likewise. The conditions of this register are plain comparisons of a field with
a value or another field (``Q(einddatum__gte=F("startdatum"))``); those are judged here in Python, with SQL's
three-valued logic (a comparison with NULL is unknown, and a CHECK passes when its condition is unknown, as
Django's ``Coalesce(condition, True)`` does). A UniqueConstraint with such a condition asks the database only
whether another record holds the same values, and only when the record itself meets the condition. Anything this
module cannot judge with certainty (another lookup, a function, text ordered by collation, an unknown condition of
a UniqueConstraint) goes to Django's own ``constraint.validate``, so no rule is ever skipped.
tests/test_beperkingen.py compares both judgements for every constraint of every model.

Read in advance (``vooraf_gelezen``): a write of many records at once (the historic import, historisch/) reads what
the rules of each record ask of the database once for all of them, and the rules answer from that instead of a
query per record: which related records exist (a GI, a theme: read by their natural key beforehand) and which other
records hold the values of a UniqueConstraint with a condition (``unieke_naslag``, one query per constraint). The
rules themselves stay where they are (``_uniek_met_voorwaarde`` here, ``Audit._geen_dubbele_audit``); they ask
``andere_met`` and ``bekende_verwijzingen``, which answer from what was read in advance when it covers the question
and ask the database otherwise, so the outcome is the same with or without it."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import router
from django.db.models import CheckConstraint, F, Q, UniqueConstraint

ONBEKEND = object()  # this module cannot judge it: Django asks the database
OVERSLAAN = object()  # the condition names a field that is excluded from validation: Django skips the constraint

_VERGELIJKING = {"exact": operator.eq, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}
# Values whose order in Python is their order in the database (text is ordered by the database's collation).
_GEORDEND = (int, float, Decimal, dt.date)


def _veldwaarde(model, naam: str, instance, exclude) -> object:
    try:
        veld = model._meta.get_field(naam)
    except FieldDoesNotExist:
        return ONBEKEND
    if not getattr(veld, "concrete", False) or getattr(veld, "generated", False):
        return ONBEKEND
    if exclude and veld.name in exclude:
        return OVERSLAAN
    return getattr(instance, veld.attname)


def _lookup(model, sleutel: str, rechts, instance, exclude) -> object:
    naam, _, lookup = sleutel.partition("__")
    lookup = lookup or "exact"
    if lookup != "isnull" and lookup not in _VERGELIJKING:
        return ONBEKEND  # another lookup, or a path across a relation
    try:
        veld = model._meta.get_field(naam)
    except FieldDoesNotExist:
        return ONBEKEND
    if veld.is_relation and lookup != "isnull":
        return ONBEKEND
    links = _veldwaarde(model, naam, instance, exclude)
    if links is ONBEKEND or links is OVERSLAAN:
        return links
    if lookup == "isnull":
        return (links is None) == bool(rechts) if isinstance(rechts, bool) else ONBEKEND
    if isinstance(rechts, F):
        rechts = _veldwaarde(model, rechts.name, instance, exclude)
        if rechts is ONBEKEND or rechts is OVERSLAAN:
            return rechts
    elif hasattr(rechts, "resolve_expression"):
        return ONBEKEND
    elif rechts is None:
        return links is None if lookup == "exact" else ONBEKEND  # Django reads exact None as isnull
    if links is None or rechts is None:
        return None  # NULL compared: unknown
    if lookup == "exact":
        if type(links) is not type(rechts) and not (isinstance(links, _GEORDEND) and isinstance(rechts, _GEORDEND)):
            return ONBEKEND
    elif not (isinstance(links, _GEORDEND) and isinstance(rechts, _GEORDEND)):
        return ONBEKEND
    if isinstance(links, dt.datetime) != isinstance(rechts, dt.datetime):
        return ONBEKEND
    try:
        return _VERGELIJKING[lookup](links, rechts)
    except TypeError:
        return ONBEKEND


def oordeel(model, voorwaarde: Q, instance, exclude=None) -> object:
    """The truth of ``voorwaarde`` for ``instance``: True, False, None (unknown, as SQL), ONBEKEND (not judged
    here) or OVERSLAAN (it names an excluded field)."""
    uitkomsten = []
    for kind in voorwaarde.children:
        if isinstance(kind, Q):
            uitkomst = oordeel(model, kind, instance, exclude)
        elif isinstance(kind, tuple) and len(kind) == 2:
            uitkomst = _lookup(model, kind[0], kind[1], instance, exclude)
        else:
            uitkomst = ONBEKEND
        if uitkomst is ONBEKEND or uitkomst is OVERSLAAN:
            return uitkomst
        uitkomsten.append(uitkomst)
    if voorwaarde.connector == Q.AND:
        waar = False if False in uitkomsten else (None if None in uitkomsten else True)
    elif voorwaarde.connector == Q.OR:
        waar = True if True in uitkomsten else (None if None in uitkomsten else False)
    else:
        return ONBEKEND
    if voorwaarde.negated and waar is not None:
        waar = not waar
    return waar


def _fout(beperking) -> ValidationError:
    return ValidationError(beperking.get_violation_error_message(), code=beperking.violation_error_code)


def _check(model, beperking: CheckConstraint, instance, exclude, using) -> None:
    uitkomst = oordeel(model, Q(beperking.condition), instance, exclude)
    if uitkomst is ONBEKEND:
        beperking.validate(model, instance, exclude=exclude, using=using)
    elif uitkomst is False:
        raise _fout(beperking)


def _uniek_met_voorwaarde(model, beperking: UniqueConstraint, instance, exclude, using) -> None:
    if beperking.expressions or beperking.nulls_distinct is False or not beperking.fields:
        beperking.validate(model, instance, exclude=exclude, using=using)
        return
    zoek = {}
    for naam in beperking.fields:
        veld = model._meta.get_field(naam)
        if exclude and naam in exclude:
            return
        if veld.generated:
            beperking.validate(model, instance, exclude=exclude, using=using)
            return
        waarde = getattr(instance, veld.attname)
        if waarde is None:
            return  # NULL never collides with NULL in SQL
        if waarde == "":  # some databases read an empty text as NULL: Django decides
            beperking.validate(model, instance, exclude=exclude, using=using)
            return
        zoek[veld.name] = waarde
    uitkomst = oordeel(model, beperking.condition, instance, exclude)
    if uitkomst is OVERSLAAN or uitkomst is False:
        return  # the record is outside the constraint's condition (or the condition is not judged, as Django)
    if uitkomst is not True:
        beperking.validate(model, instance, exclude=exclude, using=using)
        return
    eigen = instance._get_pk_val(model._meta) if not instance._state.adding and instance._is_pk_set(model._meta) else None
    waarden = {model._meta.get_field(naam).attname: waarde for naam, waarde in zoek.items()}
    if andere_met(model, waarden, beperking.condition, eigen, using=using) is not None:
        raise _fout(beperking)


def valideren(instance, exclude=None) -> None:
    """``Model.validate_constraints`` for ``instance`` (the same errors, collected the same way)."""
    using = router.db_for_write(instance.__class__, instance=instance)
    fouten: dict = {}
    for model, beperkingen in instance.get_constraints():
        for beperking in beperkingen:
            try:
                if isinstance(beperking, CheckConstraint):
                    _check(model, beperking, instance, exclude, using)
                elif isinstance(beperking, UniqueConstraint) and beperking.condition is not None:
                    _uniek_met_voorwaarde(model, beperking, instance, exclude, using)
                else:
                    beperking.validate(model, instance, exclude=exclude, using=using)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "unique" and len(getattr(beperking, "fields", ())) == 1:
                    fouten.setdefault(beperking.fields[0], []).append(exc)
                else:
                    fouten = exc.update_error_dict(fouten)
    if fouten:
        raise ValidationError(fouten)


# --- read in advance ------------------------------------------------------------------------------------------------


@dataclass
class _Uniek:
    """The records meeting ``voorwaarde`` whose values of ``attnames`` lie in ``bereik`` (one set per attname), as
    {values: their pks, oldest first}. A question about values outside ``bereik`` is not covered."""

    bereik: tuple[frozenset, ...]
    pks: dict[tuple, tuple] = field(default_factory=dict)


@dataclass
class _Vooraf:
    bestaand: dict[type, frozenset]
    uniek: dict[tuple, _Uniek]


_VOORAF: contextvars.ContextVar[_Vooraf | None] = contextvars.ContextVar("beperkingen_vooraf", default=None)


def _uniek_sleutel(model, attnames: Iterable[str], voorwaarde: Q) -> tuple:
    return (model._meta.label_lower, tuple(sorted(attnames)), voorwaarde)


@contextlib.contextmanager
def vooraf_gelezen(*, bestaand: dict[type, Iterable] | None = None, uniek: dict[tuple, _Uniek] | None = None):
    """Within this block the rules answer from what was read in advance: ``bestaand`` (model -> pks that exist, read
    in this transaction; a record of the register is never deleted) and ``uniek`` (from ``unieke_naslag``)."""
    token = _VOORAF.set(_Vooraf({m: frozenset(pks) for m, pks in (bestaand or {}).items()}, dict(uniek or {})))
    try:
        yield
    finally:
        _VOORAF.reset(token)


def unieke_naslag(model, kandidaten: Iterable) -> dict[tuple, _Uniek]:
    """For every UniqueConstraint with a condition of ``model``: the records that could share its values with one
    of ``kandidaten`` (unsaved records of ``model``), in one query per constraint. For ``vooraf_gelezen``."""
    beperkingen = [
        b for b in model._meta.constraints
        if isinstance(b, UniqueConstraint) and b.condition is not None and b.fields and not b.expressions
        and b.nulls_distinct is not False
    ]
    kandidaten = list(kandidaten) if beperkingen else []  # built only when a constraint needs them
    result: dict[tuple, _Uniek] = {}
    for beperking in beperkingen:
        attnames = sorted(model._meta.get_field(naam).attname for naam in beperking.fields)
        bereik = tuple(
            frozenset(w for k in kandidaten if (w := getattr(k, attname, None)) is not None) for attname in attnames
        )
        naslag = _Uniek(bereik)
        if all(bereik):
            filters = {f"{attname}__in": waarden for attname, waarden in zip(attnames, bereik)}
            rijen = model._default_manager.filter(beperking.condition, **filters).order_by("pk").values_list("pk", *attnames)
            for pk, *waarden in rijen:
                naslag.pks[tuple(waarden)] = naslag.pks.get(tuple(waarden), ()) + (pk,)
        result[_uniek_sleutel(model, attnames, beperking.condition)] = naslag
    return result


def andere_met(model, waarden: dict[str, object], voorwaarde: Q, eigen_pk=None, *, using=None):
    """The pk of the oldest record of ``model`` other than ``eigen_pk`` that meets ``voorwaarde`` and holds
    ``waarden`` (attname -> value), or None: from what was read in advance when that covers the question, else one
    query."""
    vooraf = _VOORAF.get()
    if vooraf is not None:
        naslag = vooraf.uniek.get(_uniek_sleutel(model, waarden, voorwaarde))
        if naslag is not None:
            sleutel = tuple(waarden[a] for a in sorted(waarden))
            if all(w in bereik for w, bereik in zip(sleutel, naslag.bereik)):
                return next((pk for pk in naslag.pks.get(sleutel, ()) if pk != eigen_pk), None)
    andere = model._default_manager.using(using).filter(voorwaarde, **waarden)
    if eigen_pk is not None:
        andere = andere.exclude(pk=eigen_pk)
    return andere.order_by("pk").values_list("pk", flat=True).first()


def bekende_verwijzingen(instance) -> set[str]:
    """The foreign keys of ``instance`` whose record is known to exist (read in advance): Django's check of such a
    field is a query that can only find it, so ``clean_fields`` may leave it out."""
    vooraf = _VOORAF.get()
    if vooraf is None or not vooraf.bestaand:
        return set()
    bekend = set()
    for veld in instance._meta.concrete_fields:
        if veld.many_to_one and not veld.remote_field.parent_link and veld.related_model in vooraf.bestaand:
            waarde = getattr(instance, veld.attname)
            if waarde is not None and waarde in vooraf.bestaand[veld.related_model] and not veld.get_limit_choices_to():
                bekend.add(veld.name)
    return bekend


def unieke_sleutels(instance) -> list[tuple[UniqueConstraint, tuple]]:
    """Per UniqueConstraint of ``instance``'s model that applies to it (its condition holds, no value is NULL): the
    constraint and the values it keeps unique. Two records of one write with the same pair break the constraint."""
    model = type(instance)
    result = []
    for beperking in model._meta.constraints:
        if not isinstance(beperking, UniqueConstraint) or not beperking.fields or beperking.expressions:
            continue
        waarden = tuple(getattr(instance, model._meta.get_field(naam).attname) for naam in beperking.fields)
        if any(w is None for w in waarden):
            continue
        if beperking.condition is not None and oordeel(model, beperking.condition, instance) is not True:
            continue
        result.append((beperking, waarden))
    return result
