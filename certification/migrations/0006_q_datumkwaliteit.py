import register.models
from django.db import migrations, models


# The approximate-date flag becomes a datumkwaliteit: an approximate date was one known to the month.
MODELLEN = ('Audit', 'Certificaatbesluit', 'HistoricalAudit', 'HistoricalCertificaatbesluit',)


def vlag_naar_kwaliteit(apps, schema_editor):
    for naam in MODELLEN:
        model = apps.get_model("certification", naam)
        model.objects.filter(datum_bij_benadering=True).update(datumkwaliteit="maand")
        model.objects.filter(datum_bij_benadering=False).update(datumkwaliteit="exact")


def kwaliteit_naar_vlag(apps, schema_editor):
    for naam in MODELLEN:
        model = apps.get_model("certification", naam)
        model.objects.exclude(datumkwaliteit="exact").update(datum_bij_benadering=True)


class Migration(migrations.Migration):

    dependencies = [
        ('certification', '0005_audit_een_per_soort_en_startdatum'),
        ('register', '0006_q_datumkwaliteit'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='certificaatbesluit',
            name='certificaatbesluit_geldig_tot_volgens_status',
        ),
        migrations.AddField(
            model_name='audit',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='audit',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.AddField(
            model_name='certificaatbesluit',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='certificaatbesluit',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.AddField(
            model_name='certificaatbesluit',
            name='geldig_tot_onbekend',
            field=models.BooleanField(default=False, help_text="Aanvinken als de bron geen einddatum geeft (laat 'geldig tot' dan leeg). Het certificaat geldt dan tot een later besluit en verloopt nooit vanzelf; overal staat 'geldig tot: onbekend'.", verbose_name='geldig tot onbekend'),
        ),
        migrations.AddField(
            model_name='historicalaudit',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='historicalaudit',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.AddField(
            model_name='historicalcertificaatbesluit',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='historicalcertificaatbesluit',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.AddField(
            model_name='historicalcertificaatbesluit',
            name='geldig_tot_onbekend',
            field=models.BooleanField(default=False, help_text="Aanvinken als de bron geen einddatum geeft (laat 'geldig tot' dan leeg). Het certificaat geldt dan tot een later besluit en verloopt nooit vanzelf; overal staat 'geldig tot: onbekend'.", verbose_name='geldig tot onbekend'),
        ),
        migrations.AlterField(
            model_name='certificaatbesluit',
            name='geldig_tot',
            field=models.DateField(blank=True, help_text="Inclusief. Verplicht bij voorlopig, overbrugging en geschorst, tenzij 'geldig tot onbekend' is aangevinkt; leeg bij ingetrokken; bij volledig standaard 3 jaar: tot en met de dag vóór de derde verjaardag van de ingangsdatum.", null=True, verbose_name='geldig tot'),
        ),
        migrations.AlterField(
            model_name='historicalcertificaatbesluit',
            name='geldig_tot',
            field=models.DateField(blank=True, help_text="Inclusief. Verplicht bij voorlopig, overbrugging en geschorst, tenzij 'geldig tot onbekend' is aangevinkt; leeg bij ingetrokken; bij volledig standaard 3 jaar: tot en met de dag vóór de derde verjaardag van de ingangsdatum.", null=True, verbose_name='geldig tot'),
        ),
        migrations.AddConstraint(
            model_name='certificaatbesluit',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('geldig_tot__isnull', True), ('geldig_tot_onbekend', False), ('status', 'ingetrokken')), models.Q(models.Q(('status', 'ingetrokken'), _negated=True), ('geldig_tot__isnull', False), ('geldig_tot_onbekend', False)), models.Q(models.Q(('status', 'ingetrokken'), _negated=True), ('geldig_tot__isnull', True), ('geldig_tot_onbekend', True)), _connector='OR'), name='certificaatbesluit_geldig_tot_volgens_status', violation_error_message="Een ingetrokken certificaat heeft geen 'geldig tot'; elke andere status een datum, of uitdrukkelijk 'geldig tot onbekend' zonder datum."),
        ),
        migrations.RunPython(vlag_naar_kwaliteit, kwaliteit_naar_vlag),
        migrations.RemoveField(
            model_name='audit',
            name='datum_bij_benadering',
        ),
        migrations.RemoveField(
            model_name='certificaatbesluit',
            name='datum_bij_benadering',
        ),
        migrations.RemoveField(
            model_name='historicalaudit',
            name='datum_bij_benadering',
        ),
        migrations.RemoveField(
            model_name='historicalcertificaatbesluit',
            name='datum_bij_benadering',
        ),
    ]
