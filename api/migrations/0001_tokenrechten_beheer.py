"""Group ``beheer`` issues and revokes API tokens (rest_framework.authtoken): through /api/v1/tokens
(model Token) and in the admin (proxy model TokenProxy)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIES = ("add", "change", "delete", "view")
MODELLEN = ("token", "tokenproxy")


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    beheer, _ = Group.objects.get_or_create(name="beheer")
    rechten = Permission.objects.filter(
        content_type__app_label="authtoken",
        content_type__model__in=MODELLEN,
        codename__in=[f"{actie}_{model}" for actie in ACTIES for model in MODELLEN],
    )
    beheer.permissions.add(*rechten)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rechten = Permission.objects.filter(content_type__app_label="authtoken", content_type__model__in=MODELLEN)
    for group in Group.objects.filter(name="beheer"):
        group.permissions.remove(*rechten)


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0002_rollen"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
