"""Control characters are refused at input, at every door, with a clear Dutch message, and nothing is saved
(DESIGN.md §7; register/tekens.py): the C0 control characters other than tab, LF and CR, U+FFFE, U+FFFF and lone
surrogates, in any text field (``ZonderStuurtekens.clean_fields``, which every service's ``full_clean`` runs), in
the reason of a change, in a JSON body (key or value) and in the Reden header. Also the two server errors of odd
JSON bodies: a key that is a lone surrogate, and a body of very many unknown keys."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from certification.models import Audit
from historisch import importeren as imp
from register import tekens
from register.services import corrigeren, laten_vervallen, registreren
from supervision.models import Thema, Toezichtbesluit
from tests.test_api_basis import client_voor, is_problem
from tests.test_import import als_csv
from tests.test_invoer_robuust import _records, historie, namen

pytestmark = pytest.mark.django_db

GEWEIGERD = ["\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff", "\ud800"]
TOEGESTAAN = "regel 1\tkolom\nregel 2\r\nregel 3 – é ✓ \x7f \u2028"


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    from tests.test_api_basis import wereld

    return wereld(beheerder, kmi_gebruiker, inspecteur)


@pytest.fixture
def rollen(kmi_gebruiker, inspecteur, beheerder):
    return {"kmi": kmi_gebruiker, "inspectie": inspecteur, "beheer": beheerder}


# -- the services: every text field of every record -----------------------------------------------


def test_de_services_weigeren_een_stuurteken_in_elk_tekstveld_en_bewaren_niets(register, rollen):
    schrijver = {"Instelling": "beheer", "Thema": "beheer", "Audit": "kmi", "Certificaatbesluit": "kmi"}
    gecontroleerd = set()
    for model, record in _records(register).items():
        actor = rollen[schrijver.get(model.__name__, "inspectie")]
        for veld in model._meta.concrete_fields:
            if not isinstance(veld, (models.CharField, models.TextField)) or veld.choices or veld.name == "vervalreden":
                continue  # the vervalreden is the reason given when declaring void: tested below
            oud, voor = getattr(record, veld.name), historie(model)
            with pytest.raises(ValidationError) as fout:
                corrigeren(record, actor=actor, velden={veld.name: f"{oud}a\x0bb"}, reden="stuurteken")
            assert veld.name in fout.value.error_dict, (model, veld.name)
            melding = fout.value.error_dict[veld.name][0].messages[0]
            if not [v for v in veld.validators if type(v).__name__ != "MaxLengthValidator"]:  # else its own message
                assert "stuurteken (U+000B)" in melding and "verwijder" in melding, melding
            record.refresh_from_db()
            assert (getattr(record, veld.name), historie(model)) == (oud, voor)
            gecontroleerd.add(f"{model.__name__}.{veld.name}")
    assert {
        "Instelling.naam", "Audit.samenvatting", "Audit.rapportkenmerk", "Oordeel.toelichting",
        "Thema.naam", "Inspectieonderzoek.titel", "Certificaatbesluit.motivering_openbaar",
    } <= gecontroleerd


@pytest.mark.parametrize("teken", GEWEIGERD, ids=lambda t: f"U+{ord(t):04X}")
def test_elk_geweigerd_teken_wordt_geweigerd_met_zijn_code(register, inspecteur, teken):
    besluit = Toezichtbesluit.objects.get(pk=register["toezichtbesluiten"])
    with pytest.raises(ValidationError) as fout:
        corrigeren(besluit, actor=inspecteur, velden={"aanleiding": f"ab{teken}"}, reden="r")
    fout = fout.value.error_dict["aanleiding"][0]
    assert f"U+{ord(teken):04X}) op positie 3" in fout.messages[0]
    assert fout.code == tekens.CODE  # the code the API names, as for a refusal by its parser


def test_tab_regeleinden_en_gewone_tekens_blijven_toegestaan(register, inspecteur):
    besluit = Toezichtbesluit.objects.get(pk=register["toezichtbesluiten"])
    besluit = corrigeren(besluit, actor=inspecteur, velden={"aanleiding": TOEGESTAAN}, reden="regels\tmet tab")
    besluit.refresh_from_db()
    assert besluit.aanleiding == TOEGESTAAN


def test_de_reden_van_een_wijziging_met_een_stuurteken_wordt_geweigerd(register, beheerder):
    voor = Thema.history.count()
    with pytest.raises(ValidationError) as fout:
        registreren(Thema, actor=beheerder, velden={"code": "nieuw", "naam": "Nieuw"}, reden="re\x0bden")
    assert "reden" in fout.value.error_dict
    assert Thema.history.count() == voor


def test_laten_vervallen_weigert_een_reden_met_een_stuurteken(register, kmi_gebruiker):
    audit = Audit.objects.get(pk=register["audits"])
    with pytest.raises(ValidationError) as fout:
        laten_vervallen(audit, actor=kmi_gebruiker, reden="dubbel\x1bingevoerd")
    assert "reden" in fout.value.error_dict  # refused before it becomes the vervalreden
    audit.refresh_from_db()
    assert (audit.vervallen, audit.vervalreden) == (False, "")


# -- the API --------------------------------------------------------------------------------------


def test_api_weigert_een_stuurteken_in_een_tekstveld_en_bewaart_niets(register, kmi_gebruiker):
    client = client_voor(kmi_gebruiker)
    voor = historie(Audit)
    body = {"instelling": "JBN", "soort": "extra", "startdatum": "2025-05-01", "einddatum": "2025-05-01", "bron": "a\x0bb"}
    probleem = is_problem(client.post("/api/v1/audits", body, format="json"), 400)
    assert probleem["invalidParams"] == [{"name": "bron", "code": tekens.CODE, "reason": probleem["detail"]}]
    assert "stuurteken (U+000B) op positie 2" in probleem["detail"]
    url = f"/api/v1/audits/{register['audits']}"
    probleem = is_problem(client.patch(url, {"samenvatting": "x\x1f", "reden": "r"}, format="json"), 400)
    assert namen(probleem) == {"samenvatting"}
    assert historie(Audit) == voor and Audit.objects.get(pk=register["audits"]).samenvatting == ""


def test_api_weigert_een_stuurteken_in_de_reden_header(register, kmi_gebruiker):
    voor = historie(Audit)
    response = client_voor(kmi_gebruiker).patch(
        f"/api/v1/audits/{register['audits']}", {"normenkaderVersie": "2.1"}, format="json", HTTP_REDEN="fout%0B"
    )
    assert namen(is_problem(response, 400)) == {"Reden"}
    assert historie(Audit) == voor


@pytest.mark.parametrize("ruw", [b'{"\\ud800":1}', b'{"bron":"\\udfff"}', b'{"a\\ud800b":{"\\ud800":1}}', b'"\\ud800"'])
def test_een_losse_surrogaat_in_json_geeft_400_geen_500(register, kmi_gebruiker, ruw):
    """The finding: a key that is a lone surrogate gave 500 (the answer naming it could not be encoded)."""
    response = client_voor(kmi_gebruiker).generic("POST", "/api/v1/audits", ruw, content_type="application/json")
    probleem = is_problem(response, 400)
    assert "ongeldig teken (U+D" in probleem["detail"] or "fouten" in probleem["detail"]
    assert all("\\ud" in p["name"] or p["name"] in ("bron", "body") for p in probleem["invalidParams"])
    assert Audit.objects.count() == 1


def test_veel_onbekende_velden_geven_een_kort_antwoord(register, kmi_gebruiker):
    """The finding: 160,000 unknown keys took 21 s and a 22 MB answer naming every one. Now the first 20 are named
    and the rest counted, in one pass."""
    body = json.dumps({f"k{i}": 1 for i in range(160_000)})
    response = client_voor(kmi_gebruiker).generic("POST", "/api/v1/audits", body, content_type="application/json")
    probleem = is_problem(response, 400)
    assert len(response.content) < 10_000
    genoemd = [p for p in probleem["invalidParams"] if p["code"] == "unknown_field"]
    assert len(genoemd) == 21
    assert genoemd[-1]["name"] == "nonFieldErrors" and "nog 159980 andere" in genoemd[-1]["reason"]
    assert Audit.objects.count() == 1


def test_veel_stuurtekens_in_json_geven_een_kort_antwoord(register, kmi_gebruiker):
    body = json.dumps({"bron": "a", "oordelen": [f"x\x0b{i}" for i in range(50_000)]})
    response = client_voor(kmi_gebruiker).generic("POST", "/api/v1/audits", body, content_type="application/json")
    probleem = is_problem(response, 400)
    assert len(response.content) < 10_000
    assert len(probleem["invalidParams"]) == 21
    assert "nog 49980 andere plaatsen" in probleem["invalidParams"][-1]["reason"]


# -- the admin ------------------------------------------------------------------------------------


def test_admin_weigert_een_stuurteken_en_laat_het_formulier_staan(register, kmi_gebruiker):
    client = Client()
    client.force_login(kmi_gebruiker)
    audit = Audit.objects.get(pk=register["audits"])
    voor = historie(Audit)
    response = client.post(f"/admin/certification/audit/{audit.pk}/change/", {
        "instelling": audit.instelling_id, "soort": audit.soort, "startdatum": "2024-11-04", "einddatum": "2024-11-06",
        "bron": audit.bron, "samenvatting": "eerste regel\x0btweede", "rapportkenmerk": "", "wijzigingsreden": "r",
    })
    assert response.status_code == 200  # the form again, with what was typed
    tekst = response.content.decode()
    assert "onzichtbaar stuurteken (U+000B)" in tekst
    assert "eerste regel" in tekst
    audit.refresh_from_db()
    assert audit.samenvatting == "" and historie(Audit) == voor


# -- the import -----------------------------------------------------------------------------------


def test_import_weigert_een_rij_met_een_stuurteken_en_slaat_niets_op(inspecteur, register):
    rijen = [
        {"instelling": "JBN", "niveau": "geintensiveerd", "door": "IGJ", "besluitdatum": "2023-01-20",
         "ingangsdatum": "2023-02-01", "aanleiding": "rap\x0bport", "bron": "brief"},
    ]
    voor = (Toezichtbesluit.objects.count(), historie(Toezichtbesluit))
    verslag = imp.importeren(actor=inspecteur, soort="toezichtbesluiten", bestandsnaam="t.csv", inhoud=als_csv(rijen), opslaan=True)
    assert [r.status for r in verslag.rijen] == [imp.GEWEIGERD]
    kolom, melding = verslag.rijen[0].fouten[0]
    assert kolom == "aanleiding" and "stuurteken (U+000B)" in melding
    assert (Toezichtbesluit.objects.count(), historie(Toezichtbesluit)) == voor
