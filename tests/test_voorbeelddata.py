import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from register.models import Feit
from register.selectors import certificaatstatus_op, toezichtniveau_op

pytestmark = pytest.mark.django_db


def feit_modellen():
    return [m for m in apps.get_models() if issubclass(m, Feit)]


def tellingen():
    return {m.__name__: (m.objects.count(), m.history.count()) for m in feit_modellen()}


def test_jbn_as_in_the_public_record():
    call_command("load_voorbeelddata")
    assert certificaatstatus_op("JBN", dt.date(2025, 9, 15)).status == "overbrugging"
    assert certificaatstatus_op("JBN", dt.date(2025, 9, 16)).status == "volledig"
    assert toezichtniveau_op("JBN", dt.date(2025, 10, 1)).niveau == "verscherpt"
    assert toezichtniveau_op("WSS", dt.date(2025, 6, 1)).niveau == "regulier"


def test_running_twice_changes_nothing():
    call_command("load_voorbeelddata")
    eerst = tellingen()
    call_command("load_voorbeelddata")
    assert tellingen() == eerst
    assert eerst["Monitormeting"][0] == 7


def test_every_record_has_a_bron_and_approximate_dates_are_marked():
    call_command("load_voorbeelddata")
    for model in feit_modellen():
        assert not model.objects.filter(bron="").exists(), model
    from certification.models import Certificaatbesluit

    overbrugging = Certificaatbesluit.objects.get(instelling__afkorting="JBN", status="overbrugging")
    assert overbrugging.datum_bij_benadering is True


def test_demo_users_only_with_debug(settings):
    settings.DEBUG = False
    call_command("load_voorbeelddata")
    assert not User.objects.filter(username__in=["kmi", "inspectie", "ministerie"]).exists()
    settings.DEBUG = True
    call_command("load_voorbeelddata")
    kmi = User.objects.get(username="kmi")
    assert kmi.check_password("demo-kmi-2026") and kmi.groups.filter(name="kmi").exists()
