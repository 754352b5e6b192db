"""The historic import at bulk speed (README, "Historische gegevens importeren", "Grenzen en tijd"): new records are
validated by the services without a query per row and saved with bulk inserts, and still every record has its
history (the importer, the reason "import <bestandsnaam>"), a signal the import starts is reported once, two rows of
one file that the register's rules forbid together are refused, and the report shows the refused rows first."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from certification.models import Audit
from historisch import importeren as imp
from historisch.soorten import SOORTEN as DEFINITIES
from register import beperkingen
from register.models import Instelling
from supervision.models import Inspectieonderzoek, Oordeel, Toezichtbesluit
from tests import maak
from vroegsignalering import services as vroegsignalering
from vroegsignalering.models import Signaalmelding

D = dt.date
pytestmark = pytest.mark.django_db
THEMAS = ("goed_bestuur", "passende_hulp", "betekenisvol_contact")


def als_csv(rijen: list[dict]) -> bytes:
    kolommen = list(dict.fromkeys(k for rij in rijen for k in rij))
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([rij.get(k, "") for k in kolommen])
    return buffer.getvalue().encode("utf-8")


def _importeer(actor, soort, rijen, *, opslaan=True, naam=None):
    return imp.importeren(actor=actor, soort=soort, bestandsnaam=naam or f"{soort}.csv", inhoud=als_csv(rijen),
                          opslaan=opslaan)


def _audits(aantal: int, gis=("JBN", "GIA")) -> list[dict]:
    return [
        {"instelling": gis[i % len(gis)], "soort": "periodiek", "startdatum": (D(2020, 1, 1) + dt.timedelta(days=i)).isoformat(),
         "einddatum": (D(2020, 1, 1) + dt.timedelta(days=i)).isoformat(), "aantal_afwijkingen": str(i % 4), "bron": "brief"}
        for i in range(aantal)
    ]


def _onderzoeken(aantal: int, gis=("JBN", "GIA")) -> list[dict]:
    rijen = []
    for i in range(aantal):
        rij = {"instelling": gis[i % len(gis)], "soort": "regulier", "door": "IGJ",
               "rapportdatum": (D(2020, 1, 1) + dt.timedelta(days=i)).isoformat(), "titel": f"Onderzoek {i}", "bron": "rapport"}
        for thema in THEMAS:
            rij[f"oordeel_{thema}"], rij[f"toelichting_{thema}"] = "voldoende", f"{thema} {i}"
        rijen.append(rij)
    return rijen


@pytest.fixture
def jbn(beheerder):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    maak.instelling(beheerder, "GIA", naam="Gecertificeerde Instelling A")
    return gi


# --- history -------------------------------------------------------------------------------------------------------


def test_elke_registratie_van_een_bulkimport_heeft_haar_historie_met_importeur_en_reden(kmi_gebruiker, inspecteur, jbn):
    verslag = _importeer(kmi_gebruiker, "audits", _audits(30), naam="C:\\oud\\audits 2020.csv")
    assert verslag.opgeslagen and [r.status for r in verslag.rijen] == [imp.NIEUW] * 30
    historie = Audit.history.filter(history_type="+")
    assert historie.count() == Audit.objects.count() == 30
    assert set(historie.values_list("id", flat=True)) == set(Audit.objects.values_list("pk", flat=True))
    assert set(historie.values_list("history_user", "history_change_reason")) == {(kmi_gebruiker.pk, "import audits 2020.csv")}
    # The history row holds the record as saved (the values of the file, the timestamps the save set).
    audit = Audit.objects.get(startdatum=D(2020, 1, 3))
    rij = historie.get(id=audit.pk)
    assert (rij.aantal_afwijkingen, rij.instelling_id, rij.aangemaakt_op) == (2, jbn.pk, audit.aangemaakt_op)
    assert audit.aangemaakt_op is not None

    _importeer(inspecteur, "inspectieonderzoeken", _onderzoeken(4), naam="onderzoeken.csv")
    assert Inspectieonderzoek.history.count() == 4 and Oordeel.objects.count() == Oordeel.history.count() == 12
    assert set(Oordeel.history.values_list("history_user", "history_change_reason")) == {(inspecteur.pk, "import onderzoeken.csv")}
    onderzoek = Inspectieonderzoek.objects.get(titel="Onderzoek 2")
    assert {o.thema.code: o.toelichting for o in onderzoek.oordelen.all()} == {t: f"{t} 2" for t in THEMAS}


def test_de_wijzigingenstroom_toont_de_geimporteerde_registraties(inspecteur, jbn):
    from django.contrib.auth.models import AnonymousUser

    from register import wijzigingen

    _importeer(inspecteur, "toezichtbesluiten", [
        {"instelling": "JBN", "niveau": "geintensiveerd", "door": "IGJ", "besluitdatum": "2023-01-20",
         "ingangsdatum": "2023-02-01", "bron": "brief"},
    ], naam="toezicht.csv")
    rijen = list(wijzigingen.gewijzigde_rijen(None, lezer=AnonymousUser()))
    items = [i for i in wijzigingen.wijzigingen(rijen, lezer=AnonymousUser()) if i["resource"] == "toezichtbesluiten"]
    [item] = items
    assert item["type"] == "create" and item["gegevens"]["niveau"] == "geintensiveerd"
    assert item["reden"] == "import toezicht.csv"


# --- meldingen -----------------------------------------------------------------------------------------------------


@mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.timezone.utc))
def test_een_signaal_dat_een_import_start_wordt_een_keer_gemeld(_nu, beheerder, kmi_gebruiker, inspecteur,
                                                                django_capture_on_commit_callbacks):
    """A volledig certificate and then a report with an onvoldoende oordeel: the signal starts. Two reports of the GI
    and one of another GI in one file: one evaluation, for both GI's, and one melding per variant."""
    a = maak.instelling(beheerder, "AAA")
    b = maak.instelling(beheerder, "BBB")
    maak.certificaat(kmi_gebruiker, a, "volledig", D(2025, 1, 1))
    maak.certificaat(kmi_gebruiker, b, "volledig", D(2025, 1, 1))
    rijen = [
        {"instelling": "AAA", "soort": "regulier", "door": "IGJ", "rapportdatum": "2026-01-02", "titel": "Rapport A",
         "oordeel_goed_bestuur": "onvoldoende", "bron": "rapport"},
        {"instelling": "AAA", "soort": "vervolg", "door": "IGJ", "rapportdatum": "2026-01-03", "titel": "Vervolg A",
         "oordeel_goed_bestuur": "onvoldoende", "bron": "rapport"},
        {"instelling": "BBB", "soort": "regulier", "door": "IGJ", "rapportdatum": "2026-01-02", "titel": "Rapport B",
         "oordeel_goed_bestuur": "voldoende", "bron": "rapport"},
    ]
    from vroegsignalering import triggers

    triggers._wachtrij("default").leeg()  # what earlier tests on this connection noted and rolled back: not this test's
    with mock.patch.object(vroegsignalering, "signalen_evalueren", wraps=vroegsignalering.signalen_evalueren) as evalueren:
        with django_capture_on_commit_callbacks(execute=True):
            voorvertoning = _importeer(inspecteur, "inspectieonderzoeken", rijen, opslaan=False)
        assert not voorvertoning.geweigerd and evalueren.call_count == 0  # a preview is rolled back: nothing to report
        with django_capture_on_commit_callbacks(execute=True):
            verslag = _importeer(inspecteur, "inspectieonderzoeken", rijen)
    assert verslag.opgeslagen
    assert evalueren.call_count == 1
    # Both GI's of the file (and whatever earlier rolled-back writes on this connection noted: evaluated again, which
    # records nothing new; vroegsignalering/triggers.py).
    assert {a.pk, b.pk} <= evalueren.call_args.kwargs["instelling_ids"]
    meldingen = list(Signaalmelding.objects.values_list("instelling__afkorting", "soort", "variant", "signaalcode"))
    assert meldingen and {m[0] for m in meldingen} == {"AAA"} and {m[1] for m in meldingen} == {"gestart"}
    assert len(meldingen) == len(set(meldingen))  # each signal once per variant
    assert vroegsignalering.signalen_evalueren() == []  # nothing left to report


# --- rows that conflict with each other ----------------------------------------------------------------------------


def test_twee_rijen_die_samen_een_regel_breken_worden_geweigerd_en_er_wordt_niets_opgeslagen(kmi_gebruiker, jbn):
    rijen = _audits(3)
    rijen.append({**rijen[0], "instelling": "jbn", "einddatum": "2020-01-02"})  # the same audit, another spelling
    verslag = _importeer(kmi_gebruiker, "audits", rijen)
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW, imp.NIEUW, imp.GEWEIGERD]
    assert "dezelfde registratie als rij 2" in verslag.rijen[3].fouten[0][1]
    assert not verslag.opgeslagen and Audit.objects.count() == 0 and Audit.history.count() == 0


def test_de_regel_van_een_audit_antwoordt_uit_wat_vooraf_is_gelezen_met_dezelfde_melding(
    kmi_gebruiker, jbn, django_assert_num_queries,
):
    """One audit per soort and startdatum (Audit._geen_dubbele_audit and the database constraint): judged from the
    existing audits read once for the whole file, with the same messages as with a query per record."""
    bestaand = maak.audit(kmi_gebruiker, jbn, D(2020, 1, 2), D(2020, 1, 2), soort="periodiek")
    dubbel = Audit(instelling=jbn, soort="periodiek", startdatum=D(2020, 1, 2), einddatum=D(2020, 1, 2), bron="b")
    anders = Audit(instelling=jbn, soort="vervolg", startdatum=D(2020, 1, 2), einddatum=D(2020, 1, 2), bron="b")
    with pytest.raises(ValidationError) as zonder:
        dubbel.full_clean()
    naslag = beperkingen.unieke_naslag(Audit, [dubbel, anders])
    with django_assert_num_queries(0), beperkingen.vooraf_gelezen(bestaand={Instelling: {jbn.pk}}, uniek=naslag):
        with pytest.raises(ValidationError) as met:
            dubbel.full_clean()
        anders.full_clean()
    assert met.value.message_dict == zonder.value.message_dict
    assert f"(audit {bestaand.pk})" in met.value.message_dict["startdatum"][0]
    # A question outside what was read in advance goes to the database (the model's rule and the constraint).
    later = Audit(instelling=jbn, soort="periodiek", startdatum=D(2021, 1, 1), einddatum=D(2021, 1, 1), bron="b")
    with django_assert_num_queries(2), beperkingen.vooraf_gelezen(bestaand={Instelling: {jbn.pk}}, uniek=naslag):
        later.full_clean()


def test_unieke_sleutels_noemt_de_waarden_die_een_unieke_regel_bewaakt(kmi_gebruiker, jbn):
    """Two new records of one write with the same values of a UniqueConstraint break it: the importer compares them
    by these keys (historisch/importeren.py); a void record or a NULL value is outside the constraint."""
    audit = Audit(instelling=jbn, soort="periodiek", startdatum=D(2020, 1, 1), einddatum=D(2020, 1, 1), bron="b")
    [(beperking, waarden)] = beperkingen.unieke_sleutels(audit)
    assert beperking.name == "audit_een_per_soort_en_startdatum" and waarden == (jbn.pk, "periodiek", D(2020, 1, 1))
    audit.vervallen = True
    assert beperkingen.unieke_sleutels(audit) == []
    besluit = Toezichtbesluit(instelling=jbn, ingangsdatum=None)
    assert beperkingen.unieke_sleutels(besluit) == []


# --- queries -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("soort, rijen, rol", [
    ("audits", _audits, "kmi"), ("inspectieonderzoeken", _onderzoeken, "inspectie"),
    ("toezichtbesluiten", lambda n: [
        {"instelling": ("JBN", "GIA")[i % 2], "niveau": "regulier", "door": "IGJ", "besluitdatum": "2020-01-01",
         "ingangsdatum": (D(2020, 1, 1) + dt.timedelta(days=i)).isoformat(), "bron": "brief"} for i in range(n)
    ], "inspectie"),
])
@pytest.mark.parametrize("aantal", [10, 100])
def test_het_aantal_queries_van_een_voorvertoning_groeit_niet_met_het_aantal_rijen(
    soort, rijen, rol, aantal, kmi_gebruiker, inspecteur, jbn, django_assert_max_num_queries,
):
    actor = {"kmi": kmi_gebruiker, "inspectie": inspecteur}[rol]
    inhoud = rijen(aantal)
    # at most 10 (an onderzoek names its GI outside the model's fields, so its GI and that GI's reports, with their
    # oordelen and GI's, are read when the first row names it), whatever the number of rows
    with django_assert_max_num_queries(10):
        verslag = _importeer(actor, soort, inhoud, opslaan=False)
    assert [r.status for r in verslag.rijen] == [imp.NIEUW] * aantal, [r.fouten for r in verslag.rijen][:2]


@pytest.mark.parametrize("aantal", [10, 100])
def test_opslaan_kost_queries_per_partij_en_niet_per_rij(aantal, inspecteur, jbn, django_assert_max_num_queries):
    """The save: the same reads as the preview, then per model (onderzoeken, oordelen) an insert of the records and
    one of their history rows per batch (up to 1,000 records; SQLite allows 999 values per statement, so there about
    100 history rows), and the savepoints. 100 onderzoeken with 300 oordelen were 400 inserts and 400 history rows."""
    # (with their GI's: onderzoeken, koppelingen, oordelen; the parts of the register cached per GI moved once)
    with django_assert_max_num_queries(40 + aantal // 10):
        verslag = _importeer(inspecteur, "inspectieonderzoeken", _onderzoeken(aantal))
    assert verslag.opgeslagen and Oordeel.objects.count() == 3 * aantal


@pytest.mark.parametrize("aantal", [10, 100])
def test_hetzelfde_bestand_opnieuw_kost_een_vast_aantal_queries(aantal, inspecteur, jbn, django_assert_max_num_queries):
    """The existing records are read with their oordelen and GI's, once per file."""
    _importeer(inspecteur, "inspectieonderzoeken", _onderzoeken(aantal))
    with django_assert_max_num_queries(13):
        verslag = _importeer(inspecteur, "inspectieonderzoeken", _onderzoeken(aantal), opslaan=False)
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD] * aantal


def test_een_onbekende_gi_in_elke_rij_wordt_een_keer_opgezocht(kmi_gebruiker, jbn, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        verslag = _importeer(kmi_gebruiker, "audits", _audits(50, gis=("XYZ",)), opslaan=False)
    assert all("geen instelling met afkorting 'XYZ'" in r.fouten[0][1] for r in verslag.rijen)


# --- the report ----------------------------------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client, soort, rijen, naam="bestand.csv"):
    return client.post(f"/admin/historisch/{soort}/importeren/",
                       {"bestand": SimpleUploadedFile(naam, als_csv(rijen), content_type="text/csv")})


def test_geweigerde_rijen_staan_eerst_met_een_aantal_en_een_link_per_rij(kmi_gebruiker, jbn):
    rijen = _audits(60)
    rijen[40]["startdatum"] = "01-03-2020"
    rijen[55]["instelling"] = "XYZ"
    html = _upload(_client(kmi_gebruiker), "audits", rijen).content.decode()
    assert "2 van 60 rijen geweigerd" in html
    kop = html.index('<h3 id="geweigerd-kop">')
    assert kop < html.index('<h3 id="aanvaard-kop">')
    # A link per refused row, to that row in the table below it (row numbers as in the file: header is row 1).
    assert '<a href="#rij-42">Rij 42, kolom startdatum</a>' in html
    assert '<a href="#rij-57">Rij 57, kolom instelling</a>' in html
    assert html.index('<a href="#rij-42">') < html.index('<tr id="rij-42"') < html.index('<h3 id="aanvaard-kop">')
    assert '<tr id="rij-57"' in html
    assert "<caption>Geweigerde rijen, met de kolom en wat er moet veranderen</caption>" in html
    assert "Import bevestigen" not in html
    assert "Volledig verslag downloaden (CSV, elke rij)" in html


def test_een_groot_goed_bestand_toont_een_samenvatting_en_de_eerste_rijen(kmi_gebruiker, jbn):
    client = _client(kmi_gebruiker)
    response = _upload(client, "audits", _audits(120))
    html = response.content.decode()
    assert "120 rijen: 120 nieuw." in html
    assert f"<caption>De eerste {imp.TONEN} van 120 aanvaarde rijen, met hun uitkomst</caption>" in html
    assert html.count("aanvaard: nieuw") == imp.TONEN
    assert "geweigerd-kop" not in html
    # The whole report on request: every row, as CSV, nothing saved.
    verslag = client.post("/admin/historisch/audits/importeren/",
                          {"bevestiging": response.context["bevestiging"], "actie": "verslag"})
    assert verslag.status_code == 200 and verslag["Content-Type"].startswith("text/csv")
    regels = verslag.content.decode("utf-8-sig").splitlines()
    assert regels[0] == "rij;registratie;uitkomst;kolom;melding" and len(regels) == 121
    assert regels[1].startswith("2;JBN periodiek 2020-01-01;aanvaard: nieuw")
    assert Audit.objects.count() == 0


def test_het_volledige_verslag_van_een_geweigerd_bestand_noemt_elke_melding(kmi_gebruiker, jbn):
    client = _client(kmi_gebruiker)
    rijen = _audits(3)
    rijen[1]["startdatum"] = "=1+1"
    response = _upload(client, "audits", rijen)
    assert response.context["bevestiging"] is None
    token = re.search(r'name="verslag" value="([^"]+)"', response.content.decode()).group(1)
    verslag = client.post("/admin/historisch/audits/importeren/", {"verslag": token})
    regels = verslag.content.decode("utf-8-sig").splitlines()
    assert len(regels) == 4 and regels[2].startswith("3;") and ";geweigerd;startdatum;" in regels[2]
    assert "'=1+1" in regels[2]  # a cell that a spreadsheet would run is written as text
    vervalst = client.post("/admin/historisch/audits/importeren/", {"verslag": token[:-3] + "abc"})
    assert vervalst.status_code == 400


def test_de_kolomuitleg_spreekt_van_ja_of_nee_en_niet_van_aanvinken(beheerder, kmi_gebruiker):
    for definitie in DEFINITIES.values():
        for kolom, betekenis, vorm in definitie.uitleg():
            assert "vink" not in (betekenis + vorm).lower(), (definitie.naam, kolom, betekenis)
    uitleg = dict((k, b) for k, b, _ in DEFINITIES["certificaatbesluiten"].uitleg())
    assert uitleg["geldig_tot_onbekend"].startswith("geldig tot onbekend: Op 'ja' zetten als de bron geen einddatum geeft")
    assert "tenzij 'geldig tot onbekend' op 'ja' staat" in uitleg["geldig_tot"]
    pagina = _client(kmi_gebruiker).get("/admin/historisch/certificaatbesluiten/importeren/").content.decode()
    assert "Aanvinken" not in pagina and "Op &#x27;ja&#x27; zetten als de bron geen einddatum geeft" in pagina


def test_na_een_grote_bulkimport_kent_postgresql_de_nieuwe_omvang_van_de_tabellen(kmi_gebruiker, jbn, monkeypatch):
    """The planner's statistics are refreshed in the import's own transaction (register.services
    ``_statistieken_bijwerken``): the evaluation after the commit plans for the tables as they are now."""
    from django.db import connection

    from register import services

    if connection.vendor != "postgresql":
        pytest.skip("alleen PostgreSQL houdt plannerstatistieken bij die een import kan verouderen")
    monkeypatch.setattr(services, "ANALYSE_VANAF", 5)
    _importeer(kmi_gebruiker, "audits", _audits(8))
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname IN (%s, %s)",
                       [Audit._meta.db_table, Audit.history.model._meta.db_table])
        assert {naam: tuples for naam, tuples in cursor.fetchall()} == {
            Audit._meta.db_table: 8, Audit.history.model._meta.db_table: 8}
