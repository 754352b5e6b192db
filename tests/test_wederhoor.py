"""Wederhoor (DESIGN.md §3 Reactie, §5): for a signal of severity hoog or aandacht the KMI and the inspecties each
record at most one public reactie per (GI, year, signal code). The organisation follows from the writer's role; each
organisation writes only its own reacties; everyone reads them. Through the services, the admin and the API
(/api/v1/reacties), in the history and the change feed, and as recorded at the end of a peildatum for the overview."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from register.models import LANGE_TEKST
from signalen import regels as signalen
from signalen.selectors import registerstand_op
from tests import maak
from tests.test_api_basis import client_voor, is_problem
from wederhoor.models import Reactie, signaalcodes
from wederhoor.selectors import reacties_op, reacties_per_signaal
from wederhoor.services import reactie_corrigeren, reactie_laten_vervallen, reactie_registreren

D = dt.date
pytestmark = pytest.mark.django_db
VERSCHERPT = signalen.VOLLEDIG_TIJDENS_VERSCHERPT
BESTUUR = signalen.VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL
KMI_TEKST = "Het KMI toetst het kwaliteitssysteem; de hercertificering rust op het aangetoonde herstel van de afwijkingen."
INSPECTIE_TEKST = "De inspecties zien in de uitvoering nog onvoldoende verbetering; het verscherpt toezicht loopt door."


@pytest.fixture(autouse=True)
def klok():
    """1 March 2026, 12:00 in Amsterdam: 2026 is the latest year a reactie may be about."""
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, 1, 11, 0, tzinfo=dt.timezone.utc)):
        yield


def met_signalen(gi, kmi, inspecteur):
    """Facts that make VOLLEDIG_TIJDENS_VERSCHERPT fire in 2024-2026 and VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL in
    2024 and 2025: a reactie answers a signal that exists (wederhoor/services.py)."""
    maak.certificaat(kmi, gi, "volledig", D(2023, 1, 1))
    maak.certificaat(kmi, gi, "volledig", D(2026, 1, 1), afweging="Herstel aangetoond.")
    maak.toezicht(inspecteur, gi, "verscherpt", D(2024, 1, 1), D(2026, 12, 31))
    maak.onderzoek(inspecteur, gi, D(2024, 6, 1), {"goed_bestuur": "onvoldoende"})
    maak.onderzoek(inspecteur, gi, D(2025, 6, 1), {"goed_bestuur": "onvoldoende"})
    return gi


@pytest.fixture
def jbn(beheerder, kmi_gebruiker, inspecteur):
    return met_signalen(maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord"), kmi_gebruiker, inspecteur)


def reactie(actor, gi, code=VERSCHERPT, jaar=2025, tekst=KMI_TEKST, **velden):
    velden.setdefault("bron", "Brief aan de Tweede Kamer")
    return reactie_registreren(actor=actor, instelling=gi, jaar=jaar, signaalcode=code, tekst=tekst, **velden)


class TestService:
    def test_de_organisatie_volgt_uit_de_rol(self, jbn, kmi_gebruiker, inspecteur):
        assert reactie(kmi_gebruiker, jbn).organisatie == "kmi"
        assert reactie(inspecteur, jbn, tekst=INSPECTIE_TEKST).organisatie == "inspectie"

    def test_de_organisatie_wordt_niet_getypt(self, jbn, inspecteur):
        with pytest.raises(ValidationError) as exc:
            reactie(inspecteur, jbn, organisatie="kmi")
        assert exc.value.message_dict == {"organisatie": ["Onbekend of niet te wijzigen veld 'organisatie'."]}
        assert not Reactie.objects.exists()

    def test_een_per_instelling_jaar_signaal_en_organisatie(self, jbn, kmi_gebruiker, inspecteur, beheerder):
        eerste = reactie(kmi_gebruiker, jbn)
        with pytest.raises(ValidationError) as exc:
            reactie(kmi_gebruiker, jbn, tekst="Nog een reactie")
        assert exc.value.messages == [
            "Uw organisatie heeft al een reactie op dit signaal van deze instelling in dit jaar; per organisatie is er "
            "één. Corrigeer die reactie, of laat haar vervallen als zij onjuist is."
        ]
        assert Reactie.objects.count() == 1
        # The other organisation, another year, another signal or another GI: each its own.
        reactie(inspecteur, jbn, tekst=INSPECTIE_TEKST)
        reactie(kmi_gebruiker, jbn, jaar=2024)
        reactie(kmi_gebruiker, jbn, code=BESTUUR)
        reactie(kmi_gebruiker, met_signalen(maak.instelling(beheerder, "JBG"), kmi_gebruiker, inspecteur))
        # After declaring the first void, the KMI may record it anew.
        reactie_laten_vervallen(actor=kmi_gebruiker, reactie=eerste, reden="onjuist signaal")
        assert reactie(kmi_gebruiker, jbn, tekst="Nieuwe reactie").pk

    def test_alleen_signalen_met_ernst_hoog_of_aandacht(self, jbn, kmi_gebruiker):
        codes = [code for code, _ in signaalcodes()]
        assert codes == [d.code for d in signalen.DEFINITIES if d.ernst in ("hoog", "aandacht")]
        assert signalen.CERTIFICERING_STRENGER_DAN_TOEZICHT not in codes  # info
        for code in (signalen.CERTIFICERING_STRENGER_DAN_TOEZICHT, "BESTAAT_NIET"):
            with pytest.raises(ValidationError) as exc:
                reactie(kmi_gebruiker, jbn, code=code)
            assert "signaalcode" in exc.value.message_dict

    @pytest.mark.parametrize("jaar, goed", [(1999, False), (2000, True), (2026, True), (2027, False)])
    def test_het_jaar_ligt_tussen_2000_en_het_lopende_jaar(self, jbn, beheerder, kmi_gebruiker, jaar, goed):
        if goed:  # a GI active since 2000 without a certificate: GEEN_GELDIG_CERTIFICAAT in every year
            oud = maak.instelling(beheerder, "OUD", actief_vanaf=D(2000, 1, 1))
            code = signalen.GEEN_GELDIG_CERTIFICAAT
            assert reactie(kmi_gebruiker, oud, code=code, jaar=jaar).jaar == jaar
        else:
            with pytest.raises(ValidationError) as exc:
                reactie(kmi_gebruiker, jbn, jaar=jaar)
            assert exc.value.message_dict["jaar"] == [
                f"Een reactie gaat over het signaal van een verstreken of het lopende jaar; {jaar} kan niet. "
                "Kies een jaar van 2000 tot en met 2026."
            ]

    def test_tekst_verplicht_en_begrensd(self, jbn, kmi_gebruiker):
        for tekst in ("", "x" * (LANGE_TEKST + 1)):
            with pytest.raises(ValidationError) as exc:
                reactie(kmi_gebruiker, jbn, tekst=tekst)
            assert "tekst" in exc.value.message_dict
        assert len(reactie(kmi_gebruiker, jbn, tekst="x" * LANGE_TEKST).tekst) == LANGE_TEKST

    @pytest.mark.parametrize("rol", ["rva_gebruiker", "beheerder"])
    def test_andere_rollen_schrijven_geen_reactie(self, request, jbn, rol):
        with pytest.raises(PermissionDenied) as exc:
            reactie(request.getfixturevalue(rol), jbn)
        assert str(exc.value) == (
            "U mag geen reacties vastleggen of wijzigen; dat is voorbehouden aan de rol 'kmi' (Keurmerkinstituut) of "
            "'inspectie' (Inspecties (IGJ / Inspectie JenV)) of 'ministerie' (Ministerie (JenV / VWS))."
        )

    def test_alleen_de_eigen_organisatie_corrigeert_of_laat_vervallen(self, jbn, kmi_gebruiker, inspecteur):
        van_kmi = reactie(kmi_gebruiker, jbn)
        melding = (
            "Deze reactie is vastgelegd namens Keurmerkinstituut; u mag alleen reacties van uw eigen organisatie "
            "corrigeren of laten vervallen."
        )
        with pytest.raises(PermissionDenied) as exc:
            reactie_corrigeren(actor=inspecteur, reactie=van_kmi, reden="aangepast", tekst="Overschreven")
        assert str(exc.value) == melding
        with pytest.raises(PermissionDenied):
            reactie_laten_vervallen(actor=inspecteur, reactie=van_kmi, reden="weg")
        van_kmi.refresh_from_db()
        assert (van_kmi.tekst, van_kmi.vervallen) == (KMI_TEKST, False)
        gecorrigeerd = reactie_corrigeren(actor=kmi_gebruiker, reactie=van_kmi, reden="aangevuld", tekst="Aangevuld.")
        assert (gecorrigeerd.tekst, gecorrigeerd.organisatie) == ("Aangevuld.", "kmi")

    def test_historie_bewaart_wie_wanneer_en_waarom(self, jbn, kmi_gebruiker):
        eerste = reactie(kmi_gebruiker, jbn)
        reactie_corrigeren(actor=kmi_gebruiker, reactie=eerste, reden="aangevuld", tekst="Aangevuld.")
        versies = list(Reactie.history.filter(id=eerste.pk).order_by("history_id"))
        assert [(v.tekst, v.history_user, v.history_change_reason) for v in versies] == [
            (KMI_TEKST, kmi_gebruiker, "Geregistreerd"), ("Aangevuld.", kmi_gebruiker, "aangevuld"),
        ]


class TestZoalsVastgelegd:
    """reacties_op(peildatum): what the overview prints, as recorded at the end of the peildatum (Amsterdam)."""

    @staticmethod
    def om(dag, uur=11):
        return mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 2, dag, uur, tzinfo=dt.timezone.utc))

    def test_peildatum(self, jbn, kmi_gebruiker, inspecteur, django_assert_num_queries):
        with self.om(10):
            van_kmi = reactie(kmi_gebruiker, jbn)
        with self.om(12):
            reactie(inspecteur, jbn, tekst=INSPECTIE_TEKST)
            reactie_corrigeren(actor=kmi_gebruiker, reactie=van_kmi, reden="aangevuld", tekst="Aangevuld.")
        with self.om(14, 22):  # 23:00 in Amsterdam: still 14 February there
            reactie_laten_vervallen(actor=kmi_gebruiker, reactie=van_kmi, reden="onjuist signaal")

        def stand(dag):
            return [(r.organisatie, r.tekst) for r in reacties_op(D(2026, 2, dag))]

        assert stand(9) == []
        assert stand(10) == [("kmi", KMI_TEKST)]
        assert stand(12) == [("kmi", "Aangevuld."), ("inspectie", INSPECTIE_TEKST)]  # KMI before inspecties
        assert stand(13) == stand(12)
        assert stand(14) == [("inspectie", INSPECTIE_TEKST)]
        with django_assert_num_queries(1):
            [feit] = reacties_op(D(2026, 2, 14), jaar=2025)
        assert (feit.instelling_id, feit.jaar, feit.signaalcode, feit.organisatie_naam) == (
            jbn.pk, 2025, VERSCHERPT, "Inspecties (IGJ / Inspectie JenV)"
        )
        assert reacties_op(D(2026, 2, 14), jaar=2024) == []
        assert reacties_per_signaal(reacties_op(D(2026, 2, 12))) == {
            (jbn.pk, 2025, VERSCHERPT): reacties_op(D(2026, 2, 12)),
        }

    def test_de_registerstand_van_het_overzicht_bevat_de_reacties(self, jbn, kmi_gebruiker):
        reactie(kmi_gebruiker, jbn)
        [rij] = registerstand_op(D(2026, 3, 1))["reacties"]
        assert (rij.signaalcode, rij.organisatie, rij.tekst) == (VERSCHERPT, "kmi", KMI_TEKST)


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class TestAdmin:
    def test_toevoegen_zonder_organisatieveld_de_rol_bepaalt_haar(self, jbn, inspecteur):
        client = _admin(inspecteur)
        html = client.get("/admin/wederhoor/reactie/add/").content.decode()
        assert 'name="signaalcode"' in html and 'name="organisatie"' not in html
        assert f'value="{signalen.CERTIFICERING_STRENGER_DAN_TOEZICHT}"' not in html  # info: no wederhoor
        response = client.post("/admin/wederhoor/reactie/add/", {
            "instelling": jbn.pk, "jaar": 2025, "signaalcode": VERSCHERPT, "tekst": INSPECTIE_TEKST, "bron": "brief",
        })
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Reactie.objects.get().organisatie == "inspectie"

    def test_een_tweede_reactie_blijft_in_het_formulier_met_de_melding(self, jbn, kmi_gebruiker):
        reactie(kmi_gebruiker, jbn)
        response = _admin(kmi_gebruiker).post("/admin/wederhoor/reactie/add/", {
            "instelling": jbn.pk, "jaar": 2025, "signaalcode": VERSCHERPT, "tekst": "Tweede", "bron": "brief",
        })
        assert response.status_code == 200
        assert "per organisatie is er één" in response.content.decode()
        assert Reactie.objects.count() == 1

    def test_een_reactie_van_een_andere_organisatie_is_alleen_te_lezen(self, jbn, kmi_gebruiker, inspecteur):
        van_kmi = reactie(kmi_gebruiker, jbn)
        url = f"/admin/wederhoor/reactie/{van_kmi.pk}/change/"
        inspectie = _admin(inspecteur)
        pagina = inspectie.get(url)
        assert pagina.status_code == 200 and 'name="_save"' not in pagina.content.decode()
        assert inspectie.post(url, {"tekst": "Overschreven", "wijzigingsreden": "x"}).status_code == 403
        eigen = _admin(kmi_gebruiker).get(url).content.decode()
        assert 'name="_save"' in eigen and "Keurmerkinstituut" in eigen  # the organisation is shown, not editable
        van_kmi.refresh_from_db()
        assert van_kmi.tekst == KMI_TEKST

    def test_filters_op_instelling_jaar_en_code(self, jbn, beheerder, kmi_gebruiker, inspecteur, ministerie_gebruiker):
        reactie(kmi_gebruiker, jbn, tekst="JBN 2025 verscherpt")
        reactie(kmi_gebruiker, jbn, jaar=2024, tekst="JBN 2024")
        reactie(kmi_gebruiker, jbn, code=BESTUUR, tekst="JBN bestuur")
        reactie(kmi_gebruiker, met_signalen(maak.instelling(beheerder, "JBG"), kmi_gebruiker, inspecteur), tekst="JBG")
        client = _admin(ministerie_gebruiker)  # every role reads
        lijst = f"/admin/wederhoor/reactie/?instelling__id__exact={jbn.pk}&jaar=2025&signaalcode__exact={VERSCHERPT}"
        response = client.get(lijst)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 1
        assert client.get("/admin/wederhoor/reactie/?jaar=2024").context["cl"].result_count == 1


class TestApi:
    def test_iedereen_leest_met_filters(self, jbn, beheerder, kmi_gebruiker, inspecteur):
        reactie(kmi_gebruiker, jbn)
        reactie(inspecteur, jbn, tekst=INSPECTIE_TEKST)
        reactie(kmi_gebruiker, jbn, jaar=2024)
        reactie(kmi_gebruiker, met_signalen(maak.instelling(beheerder, "JBG"), kmi_gebruiker, inspecteur), code=BESTUUR)
        api = client_voor()
        alles = api.get("/api/v1/reacties").json()
        assert alles["count"] == 4
        eerste = alles["results"][0]
        assert set(eerste) >= {"id", "instelling", "jaar", "signaalcode", "organisatie", "tekst", "bron", "vervallen"}
        gefilterd = api.get("/api/v1/reacties", {"instelling": "JBN", "jaar": 2025, "code": VERSCHERPT}).json()["results"]
        assert [(r["organisatie"], r["tekst"]) for r in gefilterd] == [("inspectie", INSPECTIE_TEKST), ("kmi", KMI_TEKST)]
        assert api.get("/api/v1/reacties", {"code": BESTUUR}).json()["count"] == 1
        assert api.get(f"/api/v1/reacties/{eerste['id']}").status_code == 200
        fout = is_problem(api.get("/api/v1/reacties", {"code": "BESTAAT_NIET"}), 400)
        assert fout["invalidParams"][0]["name"] == "code"

    def test_registreren_corrigeren_en_vervallen(self, jbn, kmi_gebruiker, inspecteur):
        kmi, inspectie = client_voor(kmi_gebruiker), client_voor(inspecteur)
        body = {"instelling": "JBN", "jaar": 2025, "signaalcode": VERSCHERPT, "tekst": KMI_TEKST, "bron": "brief"}
        nieuw = kmi.post("/api/v1/reacties", body, format="json")
        assert nieuw.status_code == 201, nieuw.content
        assert nieuw.json()["organisatie"] == "kmi"
        pk = nieuw.json()["id"]
        assert nieuw["Location"].endswith(f"/api/v1/reacties/{pk}")

        dubbel = is_problem(kmi.post("/api/v1/reacties", body, format="json"), 400)
        assert dubbel["invalidParams"][0]["name"] == "signaalcode"
        assert "per organisatie is er één" in dubbel["detail"]
        getypt = is_problem(inspectie.post("/api/v1/reacties", {**body, "organisatie": "kmi"}, format="json"), 400)
        assert getypt["invalidParams"][0]["name"] == "organisatie"

        assert is_problem(inspectie.patch(f"/api/v1/reacties/{pk}", {"tekst": "x", "reden": "y"}, format="json"), 403)[
            "detail"
        ].startswith("Deze reactie is vastgelegd namens Keurmerkinstituut")
        assert is_problem(inspectie.post(f"/api/v1/reacties/{pk}/vervallen", {"reden": "weg"}, format="json"), 403)
        zonder_reden = is_problem(kmi.patch(f"/api/v1/reacties/{pk}", {"tekst": "Aangevuld."}, format="json"), 400)
        assert zonder_reden["invalidParams"][0]["name"] == "reden"
        gecorrigeerd = kmi.patch(f"/api/v1/reacties/{pk}", {"tekst": "Aangevuld."}, format="json", HTTP_REDEN="aangevuld")
        assert gecorrigeerd.status_code == 200 and gecorrigeerd.json()["tekst"] == "Aangevuld."
        vervallen = kmi.post(f"/api/v1/reacties/{pk}/vervallen", {"reden": "onjuist signaal"}, format="json")
        assert vervallen.status_code == 200 and vervallen.json()["vervallen"] is True

    @pytest.mark.parametrize("rol, status", [("publiek", 401), ("rva_gebruiker", 403), ("beheerder", 403)])
    def test_andere_rollen_schrijven_niet(self, request, jbn, rol, status):
        gebruiker = None if rol == "publiek" else request.getfixturevalue(rol)
        body = {"instelling": "JBN", "jaar": 2025, "signaalcode": VERSCHERPT, "tekst": "t", "bron": "b"}
        is_problem(client_voor(gebruiker).post("/api/v1/reacties", body, format="json"), status)
        assert not Reactie.objects.exists()

    def test_de_wijzigingenfeed_noemt_de_reacties(self, jbn, kmi_gebruiker, inspecteur):
        reactie(inspecteur, jbn, tekst=INSPECTIE_TEKST)
        [item] = [w for w in client_voor().get("/api/v1/wijzigingen").json()["results"] if w["resource"] == "reacties"]
        assert item["organisatie"] == "Inspecties (IGJ / Inspectie JenV)"
        assert item["gegevens"]["tekst"] == INSPECTIE_TEKST and item["gegevens"]["instelling"] == "JBN"
        assert item["gegevens"]["organisatie"] == "inspectie"

    def test_openapi(self):
        schema = client_voor().get("/api/v1/openapi.json").json()
        lijst = schema["paths"]["/reacties"]
        assert {p["name"] for p in lijst["get"]["parameters"]} >= {"instelling", "jaar", "code", "vervallen"}
        assert {"get", "post"} <= set(lijst) and "patch" in schema["paths"]["/reacties/{id}"]
        assert "post" in schema["paths"]["/reacties/{id}/vervallen"]
        eigenschappen = schema["components"]["schemas"]["Reactie"]["properties"]
        assert eigenschappen["organisatie"]["readOnly"] is True
        codes = schema["components"]["schemas"][eigenschappen["signaalcode"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]["enum"]
        assert codes == [code for code, _ in signaalcodes()]
        assert "organisatie" not in schema["components"]["schemas"]["ReactieRequest"]["properties"]
