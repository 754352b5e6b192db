"""One audit of a GI per soort and startdatum among the audits that count: the validation names the audit that is
already there (tests/test_invoer_admin.py), the database refuses a second one even past the services, and the
migration that brings the constraint declares later duplicates in an existing database void, with history."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from certification.models import Audit
from tests import maak

D = dt.date
VOOR = [("certification", "0004_afweging")]
NA = [("certification", "0005_audit_een_per_soort_en_startdatum")]


def _kale_audit(gi, soort="periodiek", start=D(2025, 6, 2), **velden):
    """An audit row written past the services (as a legacy import or a race would leave it)."""
    return Audit(instelling=gi, soort=soort, startdatum=start, einddatum=start, bron="auditrapport", **velden)


@pytest.mark.django_db
def test_de_database_weigert_een_tweede_audit_ook_buiten_de_services(kmi_gebruiker, beheerder):
    gi = maak.instelling(beheerder, "JBN")
    maak.audit(kmi_gebruiker, gi, D(2025, 6, 2), soort="periodiek")
    with pytest.raises(IntegrityError), transaction.atomic():
        Audit.objects.bulk_create([_kale_audit(gi)])
    # a void duplicate and another soort on the same day are allowed
    Audit.objects.bulk_create([_kale_audit(gi, vervallen=True, vervalreden="dubbel"), _kale_audit(gi, soort="extra")])
    assert Audit.objects.filter(instelling=gi, startdatum=D(2025, 6, 2)).count() == 3


@pytest.mark.django_db(transaction=True)
def test_de_migratie_laat_latere_dubbele_audits_vervallen_met_reden_in_de_historie(beheerder):
    gi = maak.instelling(beheerder, "JBN")
    executor = MigrationExecutor(connection)
    executor.migrate(VOOR)
    try:
        # The audit as it was at VOOR: a later migration may add columns the table does not have yet.
        OudeAudit = executor.loader.project_state(VOOR).apps.get_model("certification", "Audit")

        def kaal(**velden):
            audit = _kale_audit(gi, **velden)
            return OudeAudit(**{f.attname: getattr(audit, f.attname, f.get_default()) for f in OudeAudit._meta.concrete_fields})

        eerste, tweede, derde = OudeAudit.objects.bulk_create([kaal(), kaal(), kaal()])
        andere_soort, al_vervallen = OudeAudit.objects.bulk_create(
            [kaal(soort="extra"), kaal(vervallen=True, vervalreden="eerder vervallen")]
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(NA)
        # then the latest state of every app, for the assertions and the tests that follow
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    def status(audit):
        return Audit.objects.get(pk=audit.pk).vervallen

    assert [status(a) for a in (eerste, tweede, derde, andere_soort, al_vervallen)] == [False, True, True, False, True]
    for dubbel in (tweede, derde):
        versie = Audit.history.filter(id=dubbel.pk).latest()
        assert (versie.history_type, versie.history_user, versie.vervallen) == ("~", None, True)
        assert versie.history_change_reason.startswith(f"Dubbele registratie van audit {eerste.pk} ")
    assert not Audit.history.filter(id__in=[eerste.pk, andere_soort.pk, al_vervallen.pk]).exists()
