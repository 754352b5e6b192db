import register.models
from django.db import migrations, models


# The approximate-date flag becomes a datumkwaliteit: an approximate date was one known to the month.
MODELLEN = ('Instelling', 'Monitormeting', 'HistoricalInstelling', 'HistoricalMonitormeting',)


def vlag_naar_kwaliteit(apps, schema_editor):
    for naam in MODELLEN:
        model = apps.get_model("register", naam)
        model.objects.filter(datum_bij_benadering=True).update(datumkwaliteit="maand")
        model.objects.filter(datum_bij_benadering=False).update(datumkwaliteit="exact")


def kwaliteit_naar_vlag(apps, schema_editor):
    for naam in MODELLEN:
        model = apps.get_model("register", naam)
        model.objects.exclude(datumkwaliteit="exact").update(datum_bij_benadering=True)


class Migration(migrations.Migration):

    dependencies = [
        ('register', '0005_p_gegevensnotitie'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinstelling',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='historicalinstelling',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.AddField(
            model_name='historicalmonitormeting',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='historicalmonitormeting',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.AddField(
            model_name='instelling',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='instelling',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.AddField(
            model_name='monitormeting',
            name='datum_toelichting',
            field=register.models.BegrensdeTekst(blank=True, help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.", max_length=2000, verbose_name='toelichting op de datum'),
        ),
        migrations.AddField(
            model_name='monitormeting',
            name='datumkwaliteit',
            field=models.CharField(choices=[('exact', 'exact'), ('maand', 'maand'), ('geschat', 'geschat')], default='exact', help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). 'Geldig tot' en 'voorziene einddatum' vallen er niet onder.", max_length=10, verbose_name='datumkwaliteit'),
        ),
        migrations.RunPython(vlag_naar_kwaliteit, kwaliteit_naar_vlag),
        migrations.RemoveField(
            model_name='historicalinstelling',
            name='datum_bij_benadering',
        ),
        migrations.RemoveField(
            model_name='historicalmonitormeting',
            name='datum_bij_benadering',
        ),
        migrations.RemoveField(
            model_name='instelling',
            name='datum_bij_benadering',
        ),
        migrations.RemoveField(
            model_name='monitormeting',
            name='datum_bij_benadering',
        ),
    ]
