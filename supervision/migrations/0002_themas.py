from django.db import migrations

THEMAS = [
    ("goed_bestuur", "Goed bestuur", 1),
    ("betekenisvol_contact", "Betekenisvol contact", 2),
    ("tijdig_vaste_jeugdbeschermer", "Tijdig een vaste jeugdbeschermer", 3),
    ("passende_hulp", "Passende hulp", 4),
    ("zicht_op_veiligheid", "Zicht op veiligheid en ontwikkeling (analyse en planvorming)", 5),
]


def forwards(apps, schema_editor):
    Thema = apps.get_model("supervision", "Thema")
    for code, naam, volgorde in THEMAS:
        Thema.objects.get_or_create(code=code, defaults={"naam": naam, "volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
