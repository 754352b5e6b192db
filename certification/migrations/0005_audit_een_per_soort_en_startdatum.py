"""One audit of a GI per soort and startdatum among the audits that count (not vervallen), now also as a database
constraint behind the validation that already refused a second one at every door (Audit._geen_dubbele_audit).

A register written only through the services holds no such pair. Should one exist (two writes at the same moment
before this constraint, or rows written past the services), the oldest audit of the pair stays and each later one
is declared void, written to its history like every other change (a version with history type '~', no user: a
system change, with a reason that names the audit that stays), so the register as recorded on an earlier peildatum
is unchanged. A certificaatbesluit that rests on a voided duplicate keeps its link; the audit stays readable.
Reversing the migration drops the constraint and leaves the records as they are.
"""

from django.db import migrations, models
from django.utils import timezone


def reden(blijft_id: int) -> str:
    return (
        f"Dubbele registratie van audit {blijft_id} (zelfde instelling, soort en startdatum); vervallen door het "
        "systeem bij de invoering van de databaseregel 'één audit per soort en startdatum'."
    )


def dubbele_audits_laten_vervallen(apps, schema_editor):
    Audit = apps.get_model("certification", "Audit")
    Historie = apps.get_model("certification", "HistoricalAudit")
    velden = [f.attname for f in Audit._meta.concrete_fields]
    nu = timezone.now()
    eerste: dict[tuple, int] = {}
    for audit in Audit.objects.filter(vervallen=False).order_by("id"):
        sleutel = (audit.instelling_id, audit.soort, audit.startdatum)
        if sleutel not in eerste:
            eerste[sleutel] = audit.pk
            continue
        audit.vervallen = True
        audit.vervalreden = reden(eerste[sleutel])
        audit.gewijzigd_op = nu
        Audit.objects.filter(pk=audit.pk).update(vervallen=True, vervalreden=audit.vervalreden, gewijzigd_op=nu)
        Historie.objects.create(
            **{veld: getattr(audit, veld) for veld in velden},
            history_date=nu,
            history_type="~",
            history_change_reason=audit.vervalreden,
            history_user_id=None,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("certification", "0004_afweging"),
        ("register", "0004_gegevens_vanaf"),
    ]

    operations = [
        migrations.RunPython(dubbele_audits_laten_vervallen, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="audit",
            constraint=models.UniqueConstraint(
                condition=models.Q(("vervallen", False)),
                fields=("instelling", "soort", "startdatum"),
                name="audit_een_per_soort_en_startdatum",
                violation_error_message="Er staat al een audit van deze soort met deze startdatum voor deze instelling "
                "in het register. Corrigeer die audit, of laat haar vervallen als zij onjuist is.",
            ),
        ),
    ]
