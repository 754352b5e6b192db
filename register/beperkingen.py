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
tests/test_beperkingen.py compares both judgements for every constraint of every model."""

from __future__ import annotations

import datetime as dt
import operator
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
    andere = model._default_manager.using(using).filter(beperking.condition, **zoek)
    if not instance._state.adding and instance._is_pk_set(model._meta):
        andere = andere.exclude(pk=instance._get_pk_val(model._meta))
    if andere.exists():
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
