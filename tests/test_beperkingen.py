"""The database constraints judged in Python (register/beperkingen.py) give the same verdict as Django's own
judgement in the database, for every constraint of every domain model at the boundary values of every field its
condition names (NULL, below, equal, above), and they cost no query for a check constraint."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import CheckConstraint, F, Q, UniqueConstraint
from django.test.utils import CaptureQueriesContext

from certification.models import Audit
from register import beperkingen, domein
from tests import maak

pytestmark = pytest.mark.django_db

D = dt.date


def _velden(voorwaarde: Q) -> set[str]:
    namen = set()
    for kind in voorwaarde.children:
        if isinstance(kind, Q):
            namen |= _velden(kind)
        else:
            namen.add(kind[0].split("__")[0])
            if isinstance(kind[1], F):
                namen.add(kind[1].name)
    return namen


def _waarden(veld: models.Field, gi) -> list:
    if veld.is_relation:
        return [None, gi.pk]
    if veld.choices:
        return [w for w, _ in veld.choices][:3] + ([None] if veld.null else [])
    if isinstance(veld, models.BooleanField):
        return [True, False]
    if isinstance(veld, models.DateField):
        return [None, D(2023, 1, 1), D(2023, 1, 2)] if veld.null else [D(2023, 1, 1), D(2023, 1, 2)]
    if isinstance(veld, (models.DecimalField, models.IntegerField)):
        getallen = [Decimal("-1"), Decimal("0"), Decimal("100"), Decimal("100.5")]
        return ([None] if veld.null else []) + getallen
    return ["", "x"]


def _beperkingen():
    for d in domein.DOMEINMODELLEN:
        for beperking in d.model._meta.constraints:
            if isinstance(beperking, CheckConstraint) or (isinstance(beperking, UniqueConstraint) and beperking.condition):
                yield pytest.param(d.model, beperking, id=f"{d.model.__name__}.{beperking.name}")


def _django(model, beperking, instance) -> bool:
    try:
        beperking.validate(model, instance)
    except ValidationError:
        return False
    return True


def _python(model, beperking, instance) -> bool:
    try:
        if isinstance(beperking, CheckConstraint):
            beperkingen._check(model, beperking, instance, None, "default")
        else:
            beperkingen._uniek_met_voorwaarde(model, beperking, instance, None, "default")
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("model, beperking", list(_beperkingen()))
def test_python_oordeelt_als_de_database(model, beperking, beheerder):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    namen = sorted(_velden(beperking.condition) | set(getattr(beperking, "fields", ())))
    velden = [model._meta.get_field(n) for n in namen]
    gevallen = 0
    for waarden in itertools.product(*(_waarden(v, gi) for v in velden)):
        instance = model(**{v.attname: w for v, w in zip(velden, waarden, strict=True)})
        assert _python(model, beperking, instance) == _django(model, beperking, instance), dict(zip(namen, waarden))
        gevallen += 1
    assert gevallen >= 2


def test_een_controle_op_een_audit_vraagt_de_database_niets_voor_zijn_check_constraints(kmi_gebruiker, beheerder):
    """Django sent each of the audit's two check constraints to the database (Q.check: a savepoint and a query
    each); only the uniqueness of the audit needs the database."""
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    audit = Audit(instelling=gi, soort="periodiek", startdatum=D(2023, 1, 1), einddatum=D(2023, 1, 2), bron="b")
    with CaptureQueriesContext(connection) as queries:
        audit.validate_constraints()
    assert len(queries) == 1, [q["sql"] for q in queries]
    audit.einddatum = D(2022, 12, 31)
    with pytest.raises(ValidationError, match="De einddatum van de audit ligt vóór de startdatum"):
        audit.validate_constraints()


def test_een_audit_die_er_al_staat_wordt_geweigerd_en_een_vervallen_niet(kmi_gebruiker, beheerder):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    bestaand = maak.audit(kmi_gebruiker, gi, D(2023, 1, 1))
    dubbel = Audit(instelling=gi, soort=bestaand.soort, startdatum=bestaand.startdatum, einddatum=bestaand.einddatum, bron="b")
    with pytest.raises(ValidationError, match="Er staat al een audit van deze soort met deze startdatum"):
        dubbel.validate_constraints()
    dubbel.vervallen = True
    dubbel.validate_constraints()  # a void audit is outside the constraint's condition
    bestaand.validate_constraints()  # the record itself is no duplicate of itself
