"""Gegevens vanaf (DESIGN.md §3), one per side: certificering vanaf and toezicht vanaf, the first day from which the
register's record of that side of a GI is complete. Before it, certificaatstatus (certificering) or toezichtniveau
(toezicht) is 'onbekend' — in the pure rules, the selectors, the API status endpoint and tijdlijn, and the public
pages. Empty means complete since actief vanaf: nothing is unknown. "Nog niets vastgelegd": every status 'onbekend'."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from register import rules, selectors
from register.rules import CertificaatFeit, ToezichtFeit
from register.services import instelling_wijzigen
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date
VANAF = D(2024, 1, 1)
CERTIFICATEN = [CertificaatFeit(1, "volledig", D(2022, 6, 1), D(2025, 5, 31))]
TOEZICHT = [ToezichtFeit(1, "verscherpt", D(2023, 3, 1), D(2023, 9, 30))]


class TestRegels:
    def test_de_dag_ervoor_is_onbekend_de_dag_zelf_bekend(self):
        assert rules.certificaatstatus(CERTIFICATEN, D(2023, 12, 31), VANAF) == rules.CertificaatStatus("onbekend")
        assert rules.certificaatstatus(CERTIFICATEN, VANAF, VANAF).status == "volledig"
        assert rules.toezichtniveau(TOEZICHT, D(2023, 12, 31), VANAF) == rules.ToezichtStatus("onbekend")
        assert rules.toezichtniveau(TOEZICHT, VANAF, VANAF) == rules.ToezichtStatus("verscherpt", 1, True, D(2023, 9, 30))

    def test_ook_zonder_besluiten_is_het_ervoor_onbekend(self):
        assert rules.certificaatstatus([], D(2023, 12, 31), VANAF).status == "onbekend"
        assert rules.certificaatstatus([], VANAF, VANAF).status == "geen"
        assert rules.toezichtniveau([], VANAF, VANAF).niveau == "regulier"

    def test_zonder_gegevens_vanaf_is_alles_bekend(self):
        assert rules.certificaatstatus(CERTIFICATEN, D(2000, 1, 1)).status == "geen"
        assert rules.certificaatstatus(CERTIFICATEN, D(2000, 1, 1), None).status == "geen"

    def test_intervallen_beginnen_met_onbekend_tot_en_met_de_dag_ervoor(self):
        cert = rules.certificaat_intervallen(CERTIFICATEN, D(2023, 1, 1), D(2025, 12, 31), VANAF)
        assert [(i.van, i.tot, i.waarde) for i in cert] == [
            (D(2023, 1, 1), D(2023, 12, 31), "onbekend"),
            (D(2024, 1, 1), D(2025, 5, 31), "volledig"),
            (D(2025, 6, 1), D(2025, 12, 31), "verlopen"),
        ]
        toezicht = rules.toezicht_intervallen(TOEZICHT, D(2023, 1, 1), D(2024, 12, 31), VANAF)
        assert [(i.van, i.tot, i.waarde, i.termijn_verstreken) for i in toezicht] == [
            (D(2023, 1, 1), D(2023, 12, 31), "onbekend", False),
            (D(2024, 1, 1), D(2024, 12, 31), "verscherpt", True),
        ]

    def test_gegevens_vanaf_buiten_de_periode(self):
        voor = rules.certificaat_intervallen(CERTIFICATEN, D(2024, 6, 1), D(2024, 6, 30), D(2020, 1, 1))
        assert [i.waarde for i in voor] == ["volledig"]
        na = rules.certificaat_intervallen(CERTIFICATEN, D(2022, 1, 1), D(2022, 12, 31), D(2030, 1, 1))
        assert [(i.van, i.tot, i.waarde) for i in na] == [(D(2022, 1, 1), D(2022, 12, 31), "onbekend")]

    def test_totaal_aan_de_randen_van_de_kalender(self):
        for datum in (dt.date.min, dt.date.max):
            rules.certificaatstatus(CERTIFICATEN, datum, datum)
            rules.toezicht_intervallen(TOEZICHT, dt.date.min, dt.date.max, datum)
        laatste = rules.certificaat_intervallen(CERTIFICATEN, dt.date.min, dt.date.max, dt.date.max - dt.timedelta(days=1))
        assert [(i.van, i.waarde) for i in laatste] == [(dt.date.min, "onbekend"), (dt.date.max - dt.timedelta(days=1), "verlopen")]
        # the last day a date can have is "nog niets vastgelegd": unknown up to and including that day
        nooit = rules.certificaat_intervallen(CERTIFICATEN, dt.date.min, dt.date.max, rules.NOG_NIETS_VASTGELEGD)
        assert [(i.van, i.waarde) for i in nooit] == [(dt.date.min, "onbekend")]


@pytest.fixture
def jbn(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2015, 1, 1),
                         certificering_vanaf=VANAF, toezicht_vanaf=VANAF)
    besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2022, 6, 1), D(2025, 5, 31))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2023, 3, 1), D(2023, 9, 30))
    return gi, besluit


@pytest.mark.django_db
class TestSelectors:
    def test_status_op_datum(self, jbn):
        gi, besluit = jbn
        assert selectors.certificaatstatus_op(gi, D(2023, 12, 31)).status == "onbekend"
        assert selectors.toezichtniveau_op("JBN", D(2023, 12, 31)).niveau == "onbekend"
        assert selectors.certificaatstatus_op("JBN", VANAF) == rules.CertificaatStatus(
            "volledig", besluit.pk, D(2025, 5, 31), reikwijdte="onbekend"  # the besluit does not say its reikwijdte
        )
        stand = {s.instelling.afkorting: s for s in selectors.statussen_op(D(2023, 6, 1))}
        assert (stand["JBN"].certificaat.status, stand["JBN"].toezicht.niveau) == ("onbekend", "onbekend")

    def test_tijdlijn(self, jbn):
        lijn = selectors.tijdlijn("JBN", D(2023, 1, 1), D(2024, 12, 31))
        assert [(i.van, i.waarde) for i in lijn.certificaat_intervallen] == [(D(2023, 1, 1), "onbekend"), (VANAF, "volledig")]
        assert [(i.van, i.waarde) for i in lijn.toezicht_intervallen] == [(D(2023, 1, 1), "onbekend"), (VANAF, "verscherpt")]

    def test_leeg_maken_maakt_alles_weer_bekend(self, jbn, beheerder):
        gi, _ = jbn
        instelling_wijzigen(actor=beheerder, instelling=gi, reden="volledig sinds de start", certificering_vanaf=None)
        assert selectors.certificaatstatus_op("JBN", D(2023, 12, 31)).status == "volledig"
        assert selectors.toezichtniveau_op("JBN", D(2023, 12, 31)).niveau == "onbekend"  # the other side stays

    def test_elke_kant_heeft_haar_eigen_datum(self, jbn, beheerder):
        gi, _ = jbn
        instelling_wijzigen(actor=beheerder, instelling=gi, reden="toezicht later compleet", toezicht_vanaf=D(2024, 3, 1))
        assert selectors.certificaatstatus_op("JBN", D(2024, 2, 29)).status == "volledig"
        assert selectors.toezichtniveau_op("JBN", D(2024, 2, 29)).niveau == "onbekend"
        assert selectors.toezichtniveau_op("JBN", D(2024, 3, 1)).niveau == "verscherpt"
        [stand] = [s for s in selectors.statussen_op(D(2024, 2, 29)) if s.instelling.afkorting == "JBN"]
        assert (stand.certificaat.status, stand.toezicht.niveau) == ("volledig", "onbekend")
        lijn = selectors.tijdlijn("JBN", D(2024, 1, 1), D(2024, 12, 31))
        assert [(i.van, i.waarde) for i in lijn.toezicht_intervallen] == [(D(2024, 1, 1), "onbekend"), (D(2024, 3, 1), "verscherpt")]

    def test_nog_niets_vastgelegd_maakt_elke_status_onbekend(self, jbn, beheerder):
        gi, _ = jbn
        instelling_wijzigen(actor=beheerder, instelling=gi, reden="nog niets", nog_niets_vastgelegd=True,
                            certificering_vanaf=None, toezicht_vanaf=None)
        for datum in (D(2000, 1, 1), D(2024, 6, 1), D(2026, 1, 1)):
            assert selectors.certificaatstatus_op("JBN", datum).status == "onbekend"
            assert selectors.toezichtniveau_op("JBN", datum).niveau == "onbekend"

    def test_nog_niets_vastgelegd_gaat_niet_samen_met_een_datum(self, beheerder):
        with pytest.raises(ValidationError) as exc:
            maak.instelling(beheerder, "BEIDE", nog_niets_vastgelegd=True, toezicht_vanaf=D(2024, 1, 1))
        assert "gaat niet samen met een datum" in exc.value.message_dict["nog_niets_vastgelegd"][0]

    def test_gegevens_vanaf_ligt_niet_na_vandaag(self, beheerder):
        with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, 15, 11, 0, tzinfo=dt.timezone.utc)):
            with pytest.raises(ValidationError) as exc:
                maak.instelling(beheerder, "LATER", certificering_vanaf=D(2026, 3, 16), toezicht_vanaf=D(2026, 3, 16))
            for veld, naam in (("certificering_vanaf", "Certificering vanaf"), ("toezicht_vanaf", "Toezicht vanaf")):
                assert exc.value.message_dict[veld] == [
                    f"'{naam}' (16-03-2026) ligt na vandaag; wat al gebeurd is kan niet in de toekomst liggen. "
                    "Kies een datum van 01-01-2000 tot en met 15-03-2026."
                ]
            assert maak.instelling(beheerder, "NU", toezicht_vanaf=D(2026, 3, 15)).toezicht_vanaf == D(2026, 3, 15)


@pytest.mark.django_db
class TestApi:
    def test_status_onbekend_voor_gegevens_vanaf(self, jbn):
        api = client_voor()
        voor = api.get("/api/v1/instellingen/JBN/status", {"datum": "2023-12-31"}).json()
        assert voor["certificaat"] == {"status": "onbekend", "besluitId": None, "geldigTot": None, "geldigTotOnbekend": False,
                                       "reikwijdte": None}
        assert voor["toezicht"] == {"niveau": "onbekend", "besluitId": None, "termijnVerstreken": False, "voorzieneEinddatum": None}
        assert api.get("/api/v1/instellingen/JBN/status", {"datum": "2024-01-01"}).json()["certificaat"]["status"] == "volledig"

    def test_tijdlijn_noemt_de_onbekende_periode(self, jbn):
        lijn = client_voor().get("/api/v1/instellingen/JBN/tijdlijn", {"van": "2023-06-01", "tot": "2024-06-01"}).json()
        assert lijn["certificaatIntervallen"][0] == {
            "van": "2023-06-01", "tot": "2023-12-31", "waarde": "onbekend", "besluitId": None, "termijnVerstreken": False
        }

    def test_velden_gegevens_vanaf_lezen_registreren_en_corrigeren(self, jbn, beheerder):
        api = client_voor(beheerder)
        jbn = api.get("/api/v1/instellingen/JBN").json()
        assert (jbn["certificeringVanaf"], jbn["toezichtVanaf"], jbn["nogNietsVastgelegd"]) == ("2024-01-01", "2024-01-01", False)
        nieuw = api.post("/api/v1/instellingen", {"afkorting": "JBW", "naam": "Jeugdbescherming west", "soort": "regionaal",
                                                  "certificeringVanaf": "2024-07-01", "toezichtVanaf": "2024-09-01",
                                                  "bron": "test"}, format="json")
        assert nieuw.status_code == 201, nieuw.content
        assert (nieuw.json()["certificeringVanaf"], nieuw.json()["toezichtVanaf"]) == ("2024-07-01", "2024-09-01")
        gewijzigd = api.patch("/api/v1/instellingen/JBW", {"certificeringVanaf": None, "reden": "volledig sinds de start"}, format="json")
        assert gewijzigd.status_code == 200, gewijzigd.content
        assert (gewijzigd.json()["certificeringVanaf"], gewijzigd.json()["toezichtVanaf"]) == (None, "2024-09-01")
        leeg = api.post("/api/v1/instellingen", {"afkorting": "NIETS", "naam": "Nieuw", "soort": "regionaal",
                                                 "nogNietsVastgelegd": True, "bron": "test"}, format="json")
        assert leeg.status_code == 201, leeg.content
        status = api.get("/api/v1/instellingen/NIETS/status", {"datum": "2024-01-01"}).json()
        assert (status["certificaat"]["status"], status["toezicht"]["niveau"]) == ("onbekend", "onbekend")

    def test_openapi_noemt_onbekend(self):
        schema = client_voor().get("/api/v1/openapi.json").json()["components"]["schemas"]

        def waarden(naam, veld):
            eigenschap = schema[naam]["properties"][veld]
            ref = eigenschap.get("$ref") or eigenschap["allOf"][0]["$ref"]
            return schema[ref.rsplit("/", 1)[1]]["enum"]

        assert waarden("CertificaatStatus", "status") == [
            "volledig", "voorlopig", "overbrugging", "geschorst", "ingetrokken", "verlopen", "geen", "onbekend"
        ]
        assert waarden("ToezichtStatus", "niveau") == ["regulier", "geintensiveerd", "verscherpt", "onbekend"]
        assert "'onbekend' vóór de datum 'certificeringVanaf'" in schema["CertificaatStatus"]["properties"]["status"]["description"]
        assert "'onbekend' vóór de datum 'toezichtVanaf'" in schema["ToezichtStatus"]["properties"]["niveau"]["description"]
        for veld in ("certificeringVanaf", "toezichtVanaf"):
            assert schema["Instelling"]["properties"][veld]["format"] == "date"


@pytest.mark.django_db
class TestPaginas:
    def test_registeroverzicht_toont_onbekend(self, jbn):
        html = Client().get("/", {"datum": "2023-12-31"}).content.decode()
        assert "onbekend: het register heeft de gegevens van het KMI over deze instelling pas vanaf 1 januari 2024" in html
        assert "onbekend: het register heeft" not in Client().get("/", {"datum": "2024-01-01"}).content.decode()

    def test_instellingspagina_zegt_per_kant_vanaf_wanneer_de_gegevens_volledig_zijn(self, jbn, beheerder):
        instelling_wijzigen(actor=beheerder, instelling=jbn[0], reden="toezicht later", toezicht_vanaf=D(2024, 3, 1))
        html = Client().get("/instellingen/JBN").content.decode()
        assert "(certificering) over deze instelling volledig vanaf 1 januari 2024" in html
        assert "(toezicht) over deze instelling volledig vanaf 1 maart 2024" in html
        stand = Client().get("/", {"datum": "2024-02-01"}).content.decode()
        assert "de gegevens van de inspecties over deze instelling pas vanaf 1 maart 2024" in stand

    def test_beheer_vult_het_veld_in_de_admin_in(self, jbn, beheerder):
        client = Client()
        client.force_login(beheerder)
        formulier = client.get("/admin/register/instelling/add/").content.decode()
        for veld in ("certificering_vanaf", "toezicht_vanaf", "nog_niets_vastgelegd"):
            assert f'name="{veld}"' in formulier
