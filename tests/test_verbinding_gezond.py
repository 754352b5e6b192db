"""The health check of a kept PostgreSQL connection (register/postgresql): no query while the connection is quiet, a
connection the server closed is noticed and replaced before the request's first query, so that query succeeds."""

import time

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bewaard():
    """A second connection to the test database, kept between requests with health checks on (as scripts/serve)."""
    if connection.vendor != "postgresql":
        pytest.skip("de controle zonder query is er alleen op PostgreSQL")
    instellingen = {**connection.settings_dict, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    verbinding = type(connections["default"])(instellingen, alias="bewaard")
    verbinding.ensure_connection()
    yield verbinding
    verbinding.close()


def _controles(verbinding, monkeypatch) -> list:
    """Counts Django's own test (``SELECT 1``, ``is_usable``) on ``verbinding``."""
    gedaan = []
    origineel = type(verbinding).is_usable

    def is_usable(self):
        gedaan.append(self)
        return origineel(self)

    monkeypatch.setattr(type(verbinding), "is_usable", is_usable)
    return gedaan


def _verzoek(verbinding):
    """What one request does: Django's check at its start, then its first query."""
    verbinding.close_if_unusable_or_obsolete()  # request_started
    with verbinding.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_de_backend_van_het_register(bewaard):
    from django.conf import settings

    assert type(connections["default"]).__module__ == "register.postgresql.base"
    assert settings.DATABASES["default"]["ENGINE"] == "register.postgresql"


def test_een_stille_verbinding_wordt_zonder_query_hergebruikt(bewaard, monkeypatch):
    gedaan = _controles(bewaard, monkeypatch)
    pid = _verzoek(bewaard)
    for _ in range(3):
        assert _verzoek(bewaard) == pid  # the same connection
    assert gedaan == []


def test_een_door_de_server_gesloten_verbinding_wordt_voor_de_eerste_query_vervangen(bewaard, monkeypatch):
    gedaan = _controles(bewaard, monkeypatch)
    pid = _verzoek(bewaard)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone()[0] is True
    for _ in range(50):  # the server ends the backend asynchronously: until its close reached the socket
        if not bewaard._stil():
            break
        time.sleep(0.02)
    nieuw = _verzoek(bewaard)  # no error: the check saw the closed connection and opened a new one
    assert nieuw != pid
    assert len(gedaan) == 1  # Django's own test was asked, and failed
    assert _verzoek(bewaard) == nieuw and len(gedaan) == 1


def test_midden_in_een_transactie_vraagt_de_controle_de_server(bewaard, monkeypatch):
    """A connection that is not idle (a transaction left open) is never taken as quiet."""
    gedaan = _controles(bewaard, monkeypatch)
    _verzoek(bewaard)
    bewaard.connection.execute("BEGIN")
    bewaard.health_check_done = False
    assert not bewaard._stil()
    bewaard.connection.execute("ROLLBACK")
    assert bewaard._stil()
    assert gedaan == []
