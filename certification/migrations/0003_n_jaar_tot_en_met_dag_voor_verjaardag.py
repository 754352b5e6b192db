"""'N years' runs up to and including the day before the N-year anniversary of the ingangsdatum (DESIGN.md §3).

Before this migration the register allowed, and by default filled in, the anniversary itself: a volledig
certificaat with ingangsdatum 2025-09-16 got geldig tot 2028-09-16, one day more than three years. Such a
besluit would now be refused on its next correction.

Decision: every certificaatbesluit that counts (not vervallen) with status volledig (3 years) or voorlopig
(2 years) whose geldig tot is exactly the anniversary (one day too long under the new rule) is shortened by
one day, to the last day the rule allows. The change is written to the besluit's history like every other
change (a new version with history type '~', no user: a system change, with a reason that names both dates
and the rule), together with the snapshot of its linked audits, so:
- the register as recorded on any earlier peildatum (a Kamer overview already sent) still shows the old
  value, and regenerating such an overview stays byte-identical;
- the public timeline and the change feed show the shortening as a correction with its reason.
The one-day difference is the register's own arithmetic (the old default), not a decision of the KMI: the
law grants three years, and the KMI's own validity ends the day before the third anniversary.

Not touched: void records (they no longer count and cannot be corrected; they stay as they were
registered), and records that were more than one day too long (they can only have been written past the
services; every rule reads them totally). A leap day needs nothing: 29-02-2024 + 3 years was 28-02-2027
under the old rule and is the same day under the new one. Reversing the migration leaves the dates as
they are (the old rule accepts the shorter date as well).
"""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

MAXIMALE_GELDIGHEID = {"volledig": 3, "voorlopig": 2}


def _oude_grens(datum: dt.date, jaren: int) -> dt.date | None:
    """The longest geldig tot the register allowed before: the same calendar date (29 February -> 28 February)."""
    jaar = datum.year + jaren
    if jaar > dt.MAXYEAR:
        return None
    try:
        return datum.replace(year=jaar)
    except ValueError:
        return datum.replace(year=jaar, day=28)


def _nieuwe_grens(datum: dt.date, jaren: int) -> dt.date | None:
    """The day before the anniversary (the anniversary of 29 February is 1 March in a year without one)."""
    jaar = datum.year + jaren
    if jaar > dt.MAXYEAR:
        return None
    try:
        verjaardag = datum.replace(year=jaar)
    except ValueError:
        verjaardag = dt.date(jaar, 3, 1)
    return verjaardag - dt.timedelta(days=1)


def reden(oud: dt.date, nieuw: dt.date, jaren: int) -> str:
    return (
        f"'Geldig tot' met één dag ingekort, van {oud.isoformat()} naar {nieuw.isoformat()}: {jaren} jaar geldigheid "
        f"loopt tot en met de dag vóór de {jaren}-jarige verjaardag van de ingangsdatum (DESIGN.md §3). De eerdere "
        "rekenregel van het register telde één dag te veel. Wijziging door het systeem bij de overgang op die regel."
    )


def geldig_tot_inkorten(apps, schema_editor):
    Besluit = apps.get_model("certification", "Certificaatbesluit")
    Historie = apps.get_model("certification", "HistoricalCertificaatbesluit")
    HistorieAudits = apps.get_model("certification", "HistoricalCertificaatbesluit_audits")
    Koppeling = Besluit.audits.through
    velden = [f.attname for f in Besluit._meta.concrete_fields]
    nu = timezone.now()
    kandidaten = Besluit.objects.filter(
        vervallen=False, status__in=list(MAXIMALE_GELDIGHEID), geldig_tot__isnull=False
    ).order_by("id")
    for besluit in kandidaten:
        jaren = MAXIMALE_GELDIGHEID[besluit.status]
        oud, nieuw = _oude_grens(besluit.ingangsdatum, jaren), _nieuwe_grens(besluit.ingangsdatum, jaren)
        if oud is None or besluit.geldig_tot != oud or nieuw >= oud:
            continue
        besluit.geldig_tot = nieuw
        besluit.gewijzigd_op = nu
        Besluit.objects.filter(pk=besluit.pk).update(geldig_tot=nieuw, gewijzigd_op=nu)
        versie = Historie.objects.create(
            **{veld: getattr(besluit, veld) for veld in velden},
            history_date=nu,
            history_type="~",
            history_change_reason=reden(oud, nieuw, jaren),
            history_user_id=None,
        )
        HistorieAudits.objects.bulk_create(
            HistorieAudits(history=versie, id=rij_id, certificaatbesluit_id=besluit.pk, audit_id=audit_id)
            for rij_id, audit_id in Koppeling.objects.filter(certificaatbesluit_id=besluit.pk).values_list("id", "audit_id")
        )


class Migration(migrations.Migration):

    dependencies = [
        ('certification', '0002_tekstlimieten'),
    ]

    operations = [
        migrations.AlterField(
            model_name='certificaatbesluit',
            name='geldig_tot',
            field=models.DateField(blank=True, help_text='Inclusief. Verplicht bij voorlopig, overbrugging en geschorst; leeg bij ingetrokken; bij volledig standaard 3 jaar: tot en met de dag vóór de derde verjaardag van de ingangsdatum.', null=True, verbose_name='geldig tot'),
        ),
        migrations.AlterField(
            model_name='historicalcertificaatbesluit',
            name='geldig_tot',
            field=models.DateField(blank=True, help_text='Inclusief. Verplicht bij voorlopig, overbrugging en geschorst; leeg bij ingetrokken; bij volledig standaard 3 jaar: tot en met de dag vóór de derde verjaardag van de ingangsdatum.', null=True, verbose_name='geldig tot'),
        ),
        migrations.RunPython(geldig_tot_inkorten, migrations.RunPython.noop),
    ]
