"""Rights come from register/roles.py: the admin asks it, as do the services and the API. The model permissions
that register/0002_rollen and api/0001_tokenrechten_beheer gave the role groups are no longer read; clearing
them makes sure no door still grants a right through ``has_perm``."""

from django.db import migrations

ROLLEN = ("kmi", "inspectie", "rva", "ministerie", "beheer")  # register/roles.py ROLLEN, frozen here


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLLEN):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("gebruikers", "0001_accountwijziging"),
        ("register", "0002_rollen"),
        ("api", "0001_tokenrechten_beheer"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
