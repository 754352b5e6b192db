"""Every change keeps who, when, old and new value and why; the history answers "what was recorded on P", read as
the Kamer overview reads it (signalen/selectors.py, the end of day of register/klok.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from certification.models import Certificaatbesluit
from certification.services import certificaatbesluit_corrigeren, certificaatbesluit_laten_vervallen
from register.klok import einde_van_dag
from signalen.selectors import registerstand_op
from tests import maak

D = dt.date
AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def verplaats(historie_rij, moment):
    type(historie_rij).objects.filter(pk=historie_rij.pk).update(history_date=moment)


@pytest.fixture
def gi(beheerder):
    return maak.instelling(beheerder, "JBN")


def test_correction_keeps_who_when_old_new_and_why(kmi_gebruiker, gi):
    besluit = maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15))
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="Termijn verkeerd overgenomen", geldig_tot=D(2025, 9, 30))
    nieuw, oud = besluit.history.order_by("-history_id")[:2]
    assert (oud.history_type, nieuw.history_type) == ("+", "~")
    assert nieuw.history_user == kmi_gebruiker
    assert nieuw.history_change_reason == "Termijn verkeerd overgenomen"
    verschil = nieuw.diff_against(oud)
    assert [(c.field, c.old, c.new) for c in verschil.changes] == [("geldig_tot", D(2025, 9, 15), D(2025, 9, 30))]


def test_history_answers_what_was_recorded_on_p(kmi_gebruiker, gi):
    besluit = maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15))
    verplaats(besluit.history.get(), dt.datetime(2025, 1, 10, 9, 0, tzinfo=AMS))
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="correctie", geldig_tot=D(2025, 9, 30))
    verplaats(besluit.history.filter(history_type="~").get(), dt.datetime(2025, 3, 1, 0, 0, 1, tzinfo=AMS))
    later = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
    verplaats(later.history.get(), dt.datetime(2025, 9, 16, 12, 0, tzinfo=AMS))

    def besluiten_op(peildatum):
        return [(b.status, b.geldig_tot) for b in registerstand_op(peildatum)["certificaatbesluiten"]]

    assert besluiten_op(D(2025, 1, 9)) == []
    assert besluiten_op(D(2025, 2, 28)) == [("overbrugging", D(2025, 9, 15))]
    # The correction recorded one second after midnight on 1 March counts from 1 March on, not on 28 February.
    assert besluiten_op(D(2025, 3, 1)) == [("overbrugging", D(2025, 9, 30))]
    assert sorted(besluiten_op(D(2025, 9, 16))) == [("overbrugging", D(2025, 9, 30)), ("volledig", D(2028, 9, 15))]


def test_a_change_at_one_second_before_midnight_amsterdam_time_is_part_of_that_day(kmi_gebruiker, gi):
    besluit = maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 1, 1), D(2025, 9, 15))
    verplaats(besluit.history.get(), dt.datetime(2025, 6, 30, 23, 59, 59, tzinfo=AMS))  # 21:59:59 UTC

    assert registerstand_op(D(2025, 6, 29))["certificaatbesluiten"] == []
    assert [b.id for b in registerstand_op(D(2025, 6, 30))["certificaatbesluiten"]] == [besluit.pk]


def test_the_end_of_a_day_is_midnight_in_amsterdam():
    assert einde_van_dag(D(2025, 6, 30)) == dt.datetime(2025, 7, 1, 0, 0, tzinfo=AMS)  # summer time, UTC+2
    assert einde_van_dag(D(2025, 12, 31)) == dt.datetime(2026, 1, 1, 0, 0, tzinfo=AMS)  # winter time, UTC+1
    assert einde_van_dag(D(2025, 6, 30)).utcoffset() == dt.timedelta(hours=2)


def test_void_record_stays_in_history_and_out_of_the_status(kmi_gebruiker, gi):
    from register.selectors import certificaatstatus_op

    besluit = maak.certificaat(kmi_gebruiker, gi, "geschorst", D(2025, 3, 1), D(2025, 6, 1))
    certificaatbesluit_laten_vervallen(actor=kmi_gebruiker, besluit=besluit, reden="Bij de verkeerde GI ingevoerd")
    assert certificaatstatus_op(gi, D(2025, 4, 1)).status == "geen"
    laatste = besluit.history.order_by("-history_id").first()
    assert laatste.vervallen is True
    assert laatste.history_change_reason == "Vervallen: Bij de verkeerde GI ingevoerd"
    assert Certificaatbesluit.objects.filter(pk=besluit.pk).exists()


@pytest.mark.parametrize("model", ["certificaatbesluit", "toezichtbesluit"])
def test_the_admin_history_names_the_account_only_to_readers_who_may_see_it(
    model, kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, gi
):
    """As in the change feed: toezichthouders and beheer see the account that made a change; the ministerie sees
    the organisation in whose name it was made, and no link to the account."""
    from django.test import Client

    if model == "certificaatbesluit":
        record = maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15))
        url = f"/admin/certification/certificaatbesluit/{record.pk}/history/"
        account, organisatie = kmi_gebruiker.username, "Keurmerkinstituut"
    else:
        record = maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
        url = f"/admin/supervision/toezichtbesluit/{record.pk}/history/"
        account, organisatie = inspecteur.username, "Inspecties (IGJ / Inspectie JenV)"

    def pagina(lezer):
        client = Client()
        client.force_login(lezer)
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    for lezer in (kmi_gebruiker, rva_gebruiker):
        assert f">{account}</a>" in pagina(lezer)
    body = pagina(ministerie_gebruiker)
    assert account not in body
    assert organisatie in body
    assert f"/admin/auth/user/{record.history.first().history_user_id}/" not in body


class TestEenRegistratieIsEenVersie:
    """A besluit registered with its audits is one version in the history, with the audits in it; a correction
    that changes the audits is one more version (it used to be two rows: "Aangemaakt", then "Audits: [] → …")."""

    def test_registreren_met_audits_geeft_een_versie_met_de_audits(self, kmi_gebruiker, gi):
        audit = maak.audit(kmi_gebruiker, gi, D(2025, 6, 2))
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), audits=[audit])
        versies = list(besluit.history.all())
        assert [v.history_type for v in versies] == ["+"]
        assert [r.audit_id for r in versies[0].audits.all()] == [audit.pk]
        assert versies[0].history_user == kmi_gebruiker

    def test_een_correctie_van_de_audits_is_een_versie(self, kmi_gebruiker, gi):
        eerste = maak.audit(kmi_gebruiker, gi, D(2025, 6, 2))
        tweede = maak.audit(kmi_gebruiker, gi, D(2025, 7, 1), soort="extra")
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), audits=[eerste])
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="Extra audit hoort erbij", audits=[eerste, tweede])
        nieuw, oud = besluit.history.order_by("-history_id")
        assert (oud.history_type, nieuw.history_type) == ("+", "~")
        assert [r.audit_id for r in oud.audits.all()] == [eerste.pk]
        assert sorted(r.audit_id for r in nieuw.audits.all()) == sorted([eerste.pk, tweede.pk])
        assert nieuw.history_change_reason == "Extra audit hoort erbij"

    def test_de_historiepagina_toont_een_rij(self, kmi_gebruiker, gi):
        from django.test import Client
        audit = maak.audit(kmi_gebruiker, gi, D(2025, 6, 2))
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), audits=[audit])
        client = Client()
        client.force_login(kmi_gebruiker)
        html = client.get(f"/admin/certification/certificaatbesluit/{besluit.pk}/history/").content.decode()
        tabel = html[html.index('id="change-history"'):]
        tabel = tabel[:tabel.index("</table>")]
        assert tabel.count("<tr") == 2  # the header row and one version
