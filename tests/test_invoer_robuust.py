"""Bad input gives a clear 4xx and saves nothing, never a 500 (DESIGN.md §7): overlong text in any field
and in the Reden header, writes to read-only fields, oversized bodies, deeply nested JSON, NUL characters
(PostgreSQL cannot store them) and absurd numbers in admin filters. Run on SQLite and PostgreSQL."""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from certification.models import Audit, Certificaatbesluit
from register.models import KORTE_TEKST, LANGE_TEKST, Instelling
from register.services import corrigeren, laten_vervallen, registreren
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit
from tests.test_api_basis import client_voor, is_problem, wereld

DOMEIN_APPS = ("register", "certification", "supervision", "reports")


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    return wereld(beheerder, kmi_gebruiker, inspecteur)


@pytest.fixture
def rollen(kmi_gebruiker, inspecteur, beheerder):
    return {"kmi": kmi_gebruiker, "inspectie": inspecteur, "beheer": beheerder}


def namen(body: dict) -> set[str]:
    return {p["name"] for p in body.get("invalidParams", [])}


def historie(model):
    return model.history.count()


# -- a maximum length on every text field --------------------------------------------------------


def test_elk_tekstveld_van_het_register_heeft_een_maximale_lengte():
    """Also the copies simple-history keeps; only its own reason column is bounded by the doors that write it."""
    zonder = [
        f"{model._meta.label}.{veld.name}"
        for model in apps.get_models()
        if model._meta.app_label in DOMEIN_APPS
        for veld in model._meta.get_fields()
        if isinstance(veld, (models.TextField, models.CharField))
        and veld.max_length is None
        and veld.name != "history_change_reason"
    ]
    assert zonder == []


# (resource, model, camelCase field, model field, limit, writing role)
TEKSTVELDEN = [
    ("audits", Audit, "samenvatting", "samenvatting", LANGE_TEKST, "kmi"),
    ("certificaatbesluiten", Certificaatbesluit, "motiveringOpenbaar", "motivering_openbaar", LANGE_TEKST, "kmi"),
    ("certificaatbesluiten", Certificaatbesluit, "motiveringVertrouwelijk", "motivering_vertrouwelijk", LANGE_TEKST, "kmi"),
    ("toezichtbesluiten", Toezichtbesluit, "aanleiding", "aanleiding", LANGE_TEKST, "inspectie"),
    ("handhavingsmaatregelen", Handhavingsmaatregel, "zakelijkeWeergave", "zakelijke_weergave", LANGE_TEKST, "inspectie"),
    ("inspectieonderzoeken", Inspectieonderzoek, "samenvatting", "samenvatting", LANGE_TEKST, "inspectie"),
    ("themas", Thema, "omschrijving", "omschrijving", KORTE_TEKST, "beheer"),
]


@pytest.mark.parametrize("resource, model, veld, modelveld, limiet, rol", TEKSTVELDEN)
def test_api_weigert_te_lange_tekst_en_bewaart_niets(register, rollen, resource, model, veld, modelveld, limiet, rol):
    url = f"/api/v1/{resource}/{register[resource]}"
    client = client_voor(rollen[rol])
    voor = historie(model)

    body = is_problem(client.patch(url, {veld: "x" * (limiet + 1), "reden": "te lang"}, format="json"), 400)
    assert namen(body) == {veld}
    assert f"{limiet}" in body["invalidParams"][0]["reason"].replace(".", "")
    assert historie(model) == voor

    response = client.patch(url, {veld: "x" * limiet, "reden": "precies de grens"}, format="json")
    assert response.status_code == 200, response.content[:500]
    assert len(response.json()[veld]) == limiet


def test_api_weigert_te_lange_toelichting_bij_een_oordeel(register, inspecteur):
    url = f"/api/v1/inspectieonderzoeken/{register['inspectieonderzoeken']}"
    oordeel = {"thema": "goed_bestuur", "waarde": "onvoldoende", "toelichting": "x" * (LANGE_TEKST + 1)}
    body = is_problem(client_voor(inspecteur).patch(url, {"oordelen": [oordeel], "reden": "r"}, format="json"), 400)
    assert namen(body) == {"oordelen.0.toelichting"}
    assert Oordeel.objects.get().toelichting == ""


def _records(register):
    return {
        Instelling: Instelling.objects.get(afkorting=register["instellingen"]),
        Audit: Audit.objects.get(pk=register["audits"]),
        Certificaatbesluit: Certificaatbesluit.objects.get(pk=register["certificaatbesluiten"]),
        Toezichtbesluit: Toezichtbesluit.objects.get(pk=register["toezichtbesluiten"]),
        Handhavingsmaatregel: Handhavingsmaatregel.objects.get(pk=register["handhavingsmaatregelen"]),
        Inspectieonderzoek: Inspectieonderzoek.objects.get(pk=register["inspectieonderzoeken"]),
        Thema: Thema.objects.get(code="goed_bestuur"),
        Oordeel: Oordeel.objects.get(),
    }


def test_de_services_weigeren_te_lange_tekst_in_elk_tekstveld(register, rollen):
    """The services are the one door behind the admin, the API and the loaders: full_clean checks every limit."""
    schrijver = {Instelling: "beheer", Thema: "beheer", Audit: "kmi", Certificaatbesluit: "kmi"}
    gecontroleerd = set()
    for model, record in _records(register).items():
        for veld in model._meta.concrete_fields:
            if not isinstance(veld, models.TextField):
                continue
            actor = rollen[schrijver.get(model, "inspectie")]
            with pytest.raises(ValidationError) as fout:
                corrigeren(record, actor=actor, velden={veld.name: "x" * (veld.max_length + 1)}, reden="te lang")
            assert veld.name in fout.value.error_dict, (model, veld.name)
            record.refresh_from_db()
            assert len(getattr(record, veld.name)) <= veld.max_length
            gecontroleerd.add(f"{model.__name__}.{veld.name}")
    assert {"Audit.samenvatting", "Oordeel.toelichting", "Thema.omschrijving", "Instelling.vervalreden"} <= gecontroleerd


def test_laten_vervallen_weigert_een_te_lange_reden(register, kmi_gebruiker):
    audit = Audit.objects.get(pk=register["audits"])
    with pytest.raises(ValidationError) as fout:
        laten_vervallen(audit, actor=kmi_gebruiker, reden="x" * (KORTE_TEKST + 1))
    assert "reden" in fout.value.error_dict  # refused before it becomes the vervalreden
    audit.refresh_from_db()
    assert audit.vervallen is False


def test_admin_weigert_te_lange_tekst(register, kmi_gebruiker):
    client = Client()
    client.force_login(kmi_gebruiker)
    audit = Audit.objects.get(pk=register["audits"])
    response = client.post(f"/admin/certification/audit/{audit.pk}/change/", {
        "instelling": audit.instelling_id, "soort": audit.soort, "startdatum": "2024-11-04", "einddatum": "2024-11-06",
        "bron": audit.bron, "samenvatting": "x" * (LANGE_TEKST + 1), "rapportkenmerk": "", "wijzigingsreden": "te lang",
    })
    assert response.status_code == 200
    assert "(het zijn er nu 10001)" in response.content.decode()  # Django's Dutch max-length message
    audit.refresh_from_db()
    assert audit.samenvatting == ""


# -- the Reden header -----------------------------------------------------------------------------


def test_reden_header_heeft_dezelfde_grens_als_het_veld_reden(register, kmi_gebruiker):
    url = f"/api/v1/audits/{register['audits']}"
    client = client_voor(kmi_gebruiker)
    voor = historie(Audit)
    body = is_problem(client.patch(url, {"normenkaderVersie": "2.1"}, format="json", HTTP_REDEN="r" * (KORTE_TEKST + 1)), 400)
    assert namen(body) == {"Reden"}
    assert "2000" in body["detail"]
    assert historie(Audit) == voor

    response = client.patch(url, {"normenkaderVersie": "2.1"}, format="json", HTTP_REDEN="r" * KORTE_TEKST)
    assert response.status_code == 200
    assert Audit.history.latest("history_date").history_change_reason == "r" * KORTE_TEKST


def test_reden_header_met_nul_teken_geeft_400(register, kmi_gebruiker):
    url = f"/api/v1/audits/{register['audits']}"
    voor = historie(Audit)
    body = is_problem(client_voor(kmi_gebruiker).patch(url, {"normenkaderVersie": "2.1"}, format="json", HTTP_REDEN="fout%00"), 400)
    assert namen(body) == {"Reden"}
    assert historie(Audit) == voor


# -- read-only fields -----------------------------------------------------------------------------

ALLEEN_LEZEN = {
    "id": 999,
    "vervallen": True,
    "vervalreden": "zomaar",
    "aangemaaktOp": "2020-01-01T00:00:00Z",
    "gewijzigdOp": "2020-01-01T00:00:00Z",
}


@pytest.mark.parametrize("veld", sorted(ALLEEN_LEZEN))
def test_patch_met_alleen_lezen_veld_geeft_400_met_de_veldnaam(register, kmi_gebruiker, veld):
    url = f"/api/v1/audits/{register['audits']}"
    voor = historie(Audit)
    response = client_voor(kmi_gebruiker).patch(url, {veld: ALLEEN_LEZEN[veld], "normenkaderVersie": "2.1", "reden": "r"}, format="json")
    body = is_problem(response, 400)
    assert namen(body) == {veld}
    assert veld in body["invalidParams"][0]["reason"]
    assert historie(Audit) == voor
    audit = Audit.objects.get(pk=register["audits"])
    assert (audit.vervallen, audit.normenkader_versie) == (False, "")


@pytest.mark.parametrize("veld", sorted(ALLEEN_LEZEN))
def test_post_met_alleen_lezen_veld_geeft_400(register, inspecteur, veld):
    body = {"instelling": "JBN", "soort": "aanwijzing", "door": "IGJ", "datum": "2025-09-01", "bron": "t", veld: ALLEEN_LEZEN[veld]}
    probleem = is_problem(client_voor(inspecteur).post("/api/v1/handhavingsmaatregelen", body, format="json"), 400)
    assert namen(probleem) == {veld}
    assert Handhavingsmaatregel.objects.count() == 1


def test_vervallen_via_patch_wijst_naar_de_vervallen_actie(register, kmi_gebruiker):
    url = f"/api/v1/audits/{register['audits']}"
    body = is_problem(client_voor(kmi_gebruiker).patch(url, {"vervallen": True, "reden": "r"}, format="json"), 400)
    assert "/vervallen" in body["invalidParams"][0]["reason"]


def test_alleen_lezen_veld_in_een_genest_oordeel_geeft_400(register, inspecteur):
    url = f"/api/v1/inspectieonderzoeken/{register['inspectieonderzoeken']}"
    oordeel = {"id": 5, "thema": "goed_bestuur", "waarde": "voldoende"}
    body = is_problem(client_voor(inspecteur).patch(url, {"oordelen": [oordeel], "reden": "r"}, format="json"), 400)
    assert namen(body) == {"oordelen.0.id"}
    assert Oordeel.objects.get().waarde == "grotendeels_onvoldoende"


# -- oversized bodies -----------------------------------------------------------------------------

TE_GROOT = 2_621_440 + 1  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) plus one byte


def test_te_grote_body_in_de_api_geeft_413_problem(register, kmi_gebruiker):
    body = json.dumps({"instelling": "JBN", "soort": "extra", "startdatum": "2025-05-01", "einddatum": "2025-05-01",
                       "bron": "t", "samenvatting": "x" * TE_GROOT})
    response = client_voor(kmi_gebruiker).generic("POST", "/api/v1/audits", body, content_type="application/json")
    probleem = is_problem(response, 413)
    assert "2,5 MB" in probleem["detail"]
    assert response["API-Version"] == "1.0.0"
    assert Audit.objects.count() == 1


def test_te_grote_body_buiten_de_api_geeft_413(db):
    response = Client().post("/admin/login/", {"username": "x", "password": "y" * TE_GROOT})
    assert response.status_code == 413
    assert "te groot" in response.content.decode()


def test_body_op_de_grens_wordt_gewoon_verwerkt(register, kmi_gebruiker):
    """Just under the limit, the request reaches the API (and is refused for its content, not its size)."""
    body = json.dumps({"instelling": "JBN", "soort": "extra", "startdatum": "2025-05-01", "einddatum": "2025-05-01",
                       "bron": "t", "samenvatting": "x" * (2_621_440 - 200)})
    response = client_voor(kmi_gebruiker).generic("POST", "/api/v1/audits", body, content_type="application/json")
    assert namen(is_problem(response, 400)) == {"samenvatting"}


# -- deeply nested JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize("diepte", [40, 1_000, 100_000])
def test_diep_geneste_json_geeft_400(register, kmi_gebruiker, diepte):
    body = '{"instelling": "JBN", "samenvatting": ' + "[" * diepte + "]" * diepte + "}"
    response = client_voor(kmi_gebruiker).generic("POST", "/api/v1/audits", body, content_type="application/json")
    probleem = is_problem(response, 400)
    assert "genest" in probleem["detail"]
    assert Audit.objects.count() == 1


def test_gewone_nesting_blijft_werken(register, inspecteur):
    body = {"instellingen": [{"instelling": "JBN"}], "soort": "regulier", "door": "IGJ", "rapportdatum": "2025-10-01", "titel": "R", "bron": "t",
            "oordelen": [{"thema": "goed_bestuur", "waarde": "voldoende"}]}
    assert client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", body, format="json").status_code == 201


# -- NUL characters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, naam",
    [
        ("/api/v1/instellingen/JB%00N", "pad"),
        ("/api/v1/instellingen/JB%00N/status", "pad"),
        ("/api/v1/audits?instelling=JB%00N", "instelling"),
        ("/api/v1/certificaatbesluiten?status=%00", "status"),
        ("/api/v1/wijzigingen?sinds=%00", "sinds"),
        ("/api/v1/instellingen?%00=1", "\x00"),
    ],
)
def test_nul_teken_in_url_van_de_api_geeft_400_problem(register, kmi_gebruiker, url, naam):
    response = client_voor(kmi_gebruiker).get(url)
    body = is_problem(response, 400)
    assert namen(body) == {naam}
    assert "NUL" in body["detail"]
    assert response["API-Version"] == "1.0.0"


def test_nul_teken_in_een_header_geeft_400(register, kmi_gebruiker):
    response = client_voor(kmi_gebruiker).get("/api/v1/audits", HTTP_X_EXTRA="a\x00b")
    assert namen(is_problem(response, 400)) == {"X-Extra"}


@pytest.mark.parametrize(
    "body, naam",
    [
        ({"instelling": "JB\x00N"}, "instelling"),
        ({"bron": "bron\x00"}, "bron"),
        ({"samenvatting": "a\x00b"}, "samenvatting"),
        ({"rapportkenmerk\x00": "x"}, "rapportkenmerk\x00"),
        ({"reden": "\x00"}, "reden"),
    ],
)
def test_nul_teken_in_json_geeft_400_en_bewaart_niets(register, kmi_gebruiker, body, naam):
    volledig = {"instelling": "JBN", "soort": "extra", "startdatum": "2025-05-01", "einddatum": "2025-05-01", "bron": "t", **body}
    response = client_voor(kmi_gebruiker).post("/api/v1/audits", volledig, format="json")
    probleem = is_problem(response, 400)
    assert naam in namen(probleem)
    assert Audit.objects.count() == 1


def test_nul_teken_in_json_van_een_genest_oordeel(register, inspecteur):
    url = f"/api/v1/inspectieonderzoeken/{register['inspectieonderzoeken']}"
    body = {"oordelen": [{"thema": "goed_\x00bestuur", "waarde": "voldoende"}], "reden": "r"}
    assert namen(is_problem(client_voor(inspecteur).patch(url, body, format="json"), 400)) == {"oordelen.0.thema"}


@pytest.fixture
def kmi_admin(kmi_gebruiker):
    client = Client()
    client.force_login(kmi_gebruiker)
    return client


def is_nederlandse_400(response):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    tekst = response.content.decode()
    assert 'lang="nl"' in tekst and "Ongeldig verzoek" in tekst
    return tekst


@pytest.mark.parametrize(
    "url",
    [
        "/admin/certification/audit/?bron=%00",
        "/admin/certification/audit/?q=%00",
        "/admin/certification/audit/?instelling__id__exact=%00",
        "/admin/certification/audit/%00/change/",
        "/instellingen/JB%00N",
        "/kameroverzicht/?jaar=%00",
    ],
)
def test_nul_teken_buiten_de_api_geeft_een_nederlandse_400_pagina(register, kmi_admin, url):
    tekst = is_nederlandse_400(kmi_admin.get(url))
    assert "NUL" in tekst


def test_nul_teken_in_een_formulier_geeft_400(register, kmi_admin):
    audit = Audit.objects.get(pk=register["audits"])
    response = kmi_admin.post(f"/admin/certification/audit/{audit.pk}/change/", {"bron": "a\x00b", "wijzigingsreden": "r"})
    is_nederlandse_400(response)
    audit.refresh_from_db()
    assert audit.bron != "a\x00b"


# -- absurd numbers in admin filters --------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "startdatum__year=99999999999999999999",
        "startdatum__year=2024&startdatum__month=99999999999999999999",
        "startdatum__year=2024&startdatum__month=11&startdatum__day=99999999999999999999",
        "startdatum__year=9999",
        "startdatum__year=9999&startdatum__month=12&startdatum__day=31",
    ],
)
def test_absurde_datum_in_admin_filter_geeft_400(register, kmi_admin, query):
    tekst = is_nederlandse_400(kmi_admin.get(f"/admin/certification/audit/?{query}"))
    assert "Kies het filter opnieuw" in tekst


@pytest.mark.parametrize("query", ["startdatum__year=0", "startdatum__year=-5", "startdatum__year=2024&startdatum__month=13"])
def test_onmogelijke_datum_in_admin_filter_geeft_de_foutmelding_van_de_admin(register, kmi_admin, query):
    """Django's admin itself sends an impossible (but not overflowing) date to its own error notice."""
    response = kmi_admin.get(f"/admin/certification/audit/?{query}")
    assert (response.status_code, response["Location"]) == (302, "/admin/certification/audit/?e=1")


@pytest.mark.parametrize("query", ["instelling__id__exact=99999999999999999999", "instelling__id__exact=abc"])
def test_onzinnig_getal_in_admin_filter_geeft_geen_500(register, kmi_admin, query):
    response = kmi_admin.get(f"/admin/certification/audit/?{query}")
    assert response.status_code in (200, 302, 400)


def test_geldig_datumfilter_in_de_admin_werkt(register, kmi_admin):
    response = kmi_admin.get("/admin/certification/audit/?startdatum__year=2024&startdatum__month=11")
    assert response.status_code == 200


# -- the reason of a change, at every door -----------------------------------------------------------


def test_service_weigert_een_te_lange_reden_en_bewaart_niets(register, kmi_gebruiker):
    audit = Audit.objects.get(pk=register["audits"])
    voor = historie(Audit)
    with pytest.raises(ValidationError) as fout:
        corrigeren(audit, actor=kmi_gebruiker, velden={"normenkader_versie": "2.1"}, reden="r" * (KORTE_TEKST + 1))
    assert "hoogstens 2000" in " ".join(fout.value.message_dict["reden"])
    with pytest.raises(ValidationError):
        registreren(Audit, actor=kmi_gebruiker, reden="r" * (KORTE_TEKST + 1), velden={
            "instelling": audit.instelling, "soort": "extra", "startdatum": audit.startdatum,
            "einddatum": audit.einddatum, "bron": "x"})
    assert historie(Audit) == voor
    audit = corrigeren(audit, actor=kmi_gebruiker, velden={"normenkader_versie": "2.1"}, reden="r" * KORTE_TEKST)
    assert audit.history.first().history_change_reason == "r" * KORTE_TEKST


def test_admin_weigert_een_te_lange_reden(register, kmi_gebruiker):
    client = Client()
    client.force_login(kmi_gebruiker)
    audit = Audit.objects.get(pk=register["audits"])
    voor = historie(Audit)
    response = client.post(f"/admin/certification/audit/{audit.pk}/change/", {
        "instelling": audit.instelling_id, "soort": audit.soort, "startdatum": audit.startdatum.isoformat(),
        "einddatum": audit.einddatum.isoformat(), "bron": "nieuwe bron", "normenkader_versie": "2.1",
        "wijzigingsreden": "r" * (KORTE_TEKST + 1),
    })
    assert response.status_code == 200
    assert "(het zijn er nu 2001)" in response.content.decode()
    assert historie(Audit) == voor
