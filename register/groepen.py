"""Every role of register/roles.py has its user group (the group's name is the role): the groups are made after every
``migrate`` (the post_migrate signal, register/apps.py), so a role added to roles.py is usable as soon as the
database is migrated, and ``manage.py check --database default`` warns of a role without its group (register.W002)
instead of leaving an account silently without its role. A warning, not an error: migrate runs the checks first, and
must still run to make the group."""

from django.contrib.auth.models import Group
from django.core import checks
from django.db import DatabaseError

from register import roles


def ontbrekende_groepen() -> list[str]:
    bestaand = set(Group.objects.filter(name__in=roles.ROLLEN).values_list("name", flat=True))
    return [rol for rol in roles.ROLLEN if rol not in bestaand]


def groepen_aanmaken(**kwargs) -> list[str]:
    """Make the group of every role that has none (a post_migrate receiver); returns the roles it made a group for."""
    ontbrekend = ontbrekende_groepen()
    for rol in ontbrekend:
        Group.objects.get_or_create(name=rol)
    return ontbrekend


@checks.register(checks.Tags.database)
def elke_rol_heeft_een_groep(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    try:
        ontbrekend = ontbrekende_groepen()
    except DatabaseError:  # not migrated yet: migrate makes the groups
        return []
    return [
        checks.Warning(
            f"De rol '{rol}' (register/roles.py) heeft geen gebruikersgroep; een account met die rol krijgt haar niet.",
            hint="Voer 'python manage.py migrate' uit: dat maakt de groep van elke rol aan.",
            id="register.W002",
        )
        for rol in ontbrekend
    ]
