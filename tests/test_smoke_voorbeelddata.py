import datetime as dt

import pytest
from django.core.management import call_command

from register.selectors import certificaatstatus_op, toezichtniveau_op


@pytest.mark.django_db
def test_voorbeelddata_geeft_jbn_zoals_in_de_openbare_bronnen():
    call_command("load_voorbeelddata")
    assert certificaatstatus_op("JBN", dt.date(2025, 9, 15)).status == "overbrugging"
    assert certificaatstatus_op("JBN", dt.date(2025, 9, 16)).status == "volledig"
    assert toezichtniveau_op("JBN", dt.date(2025, 10, 1)).niveau == "verscherpt"
