"""The user groups of DESIGN.md §2 with their model permissions. Nobody gets a delete permission on
domain records: a wrong record is corrected or declared void."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DOMEIN = {
    "register": ["instelling", "monitormeting"],
    "certification": ["audit", "certificaatbesluit"],
    "supervision": ["toezichtbesluit", "handhavingsmaatregel", "inspectieonderzoek", "oordeel", "thema"],
}
SCHRIJFT = {
    "kmi": {"certification": ["audit", "certificaatbesluit"]},
    "inspectie": {"supervision": ["toezichtbesluit", "handhavingsmaatregel", "inspectieonderzoek", "oordeel"]},
    "rva": {},
    "ministerie": {},
    "beheer": {"register": ["instelling", "monitormeting"], "supervision": ["thema"], "auth": ["user", "group"]},
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perm(app, model, action):
        return Permission.objects.get(content_type__app_label=app, content_type__model=model, codename=f"{action}_{model}")

    for rol, schrijft in SCHRIJFT.items():
        group, _ = Group.objects.get_or_create(name=rol)
        perms = [perm(app, model, "view") for app, models in DOMEIN.items() for model in models]
        for app, models in schrijft.items():
            for model in models:
                perms += [perm(app, model, "add"), perm(app, model, "change"), perm(app, model, "view")]
        group.permissions.set(perms)


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0001_initial"),
        ("certification", "0001_initial"),
        ("supervision", "0002_themas"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
