"""The registry of domain models (register/domein.py) is the one list of what the register holds: every model with
a history is in it, and the API routes, the change feed, the write rule and the confidentiality policy all speak
of the same models by the same names."""

import datetime as dt

import pytest
from django.apps import apps

from register import domein, roles, vertrouwelijkheid
from tests import maak
from tests.test_api_basis import client_voor

EIGEN_APPS = ("register", "certification", "supervision", "wederhoor")


def test_elk_model_met_historie_staat_in_het_register_van_domeinmodellen():
    met_historie = {
        model._meta.label_lower
        for app in EIGEN_APPS
        for model in apps.get_app_config(app).get_models()
        if hasattr(model, "history") and not model._meta.label_lower.startswith(f"{app}.historical")
    }
    assert met_historie == {d.label for d in domein.DOMEINMODELLEN}


def test_elk_domeinmodel_heeft_een_unieke_naam_een_bestaand_model_en_een_schrijvende_rol():
    namen = [d.naam for d in domein.DOMEINMODELLEN]
    assert len(set(namen)) == len(namen)
    for d in domein.DOMEINMODELLEN:
        assert d.model._meta.label_lower == d.label
        assert d.schrijver in roles.ROLLEN
        assert d.sleutel == "id" or d.model._meta.get_field(d.sleutel).unique


def test_het_vertrouwelijkheidsbeleid_spreekt_alleen_over_domeinmodellen_en_hun_velden():
    for label, velden in vertrouwelijkheid.VERTROUWELIJK.items():
        d = domein.van(label)
        assert d.vertrouwelijke_velden == tuple(velden)
        for veld in velden:
            d.model._meta.get_field(veld)


def test_elke_rol_schrijft_alleen_haar_eigen_modellen(kmi_gebruiker, inspecteur, beheerder, ministerie_gebruiker, rva_gebruiker):
    gebruiker = {roles.KMI: kmi_gebruiker, roles.INSPECTIE: inspecteur, roles.BEHEER: beheerder,
                 roles.MINISTERIE: ministerie_gebruiker}
    for d in domein.DOMEINMODELLEN:
        assert all(domein.mag_schrijven(gebruiker[rol], d.model) for rol in d.schrijvers), d.naam
        andere = [g for rol, g in gebruiker.items() if rol not in d.schrijvers] + [rva_gebruiker]
        assert not any(domein.mag_schrijven(g, d.model) for g in andere), d.naam


def test_een_model_per_organisatie_wordt_door_elke_organisatie_alleen_voor_zich_geschreven(kmi_gebruiker, inspecteur):
    """Wederhoor: KMI, inspecties and ministerie each record reacties, each only its own (register/domein.py
    ``organisaties``)."""
    reacties = domein.van("wederhoor.reactie")
    assert reacties.schrijvers == (roles.KMI, roles.INSPECTIE, roles.MINISTERIE)
    assert domein.organisatie_van(kmi_gebruiker, reacties.model) == roles.KMI
    assert domein.organisatie_van(inspecteur, reacties.model) == roles.INSPECTIE
    van_kmi = reacties.model(organisatie=roles.KMI)
    assert domein.mag_wijzigen(kmi_gebruiker, van_kmi) and not domein.mag_wijzigen(inspecteur, van_kmi)
    assert all(not d.organisaties for d in domein.DOMEINMODELLEN if d.naam != "reacties")


@pytest.mark.django_db
def test_de_api_en_de_wijzigingenfeed_noemen_elk_domeinmodel_bij_dezelfde_naam(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "NAAM")
    maak.certificaat(kmi_gebruiker, gi, "volledig", dt.date(2025, 1, 1))
    maak.onderzoek(inspecteur, gi, dt.date(2025, 3, 1), {"goed_bestuur": "voldoende"})
    client = client_voor(beheerder)

    in_de_feed = {w["resource"] for w in client.get("/api/v1/wijzigingen?pageSize=100").json()["results"]}

    assert in_de_feed == {"instellingen", "certificaatbesluiten", "inspectieonderzoeken", "onderzochte_instellingen", "oordelen"}
    # oordelen and the GI's of a report (with their zienswijze): inside their onderzoek
    binnen_onderzoek = {"oordelen", "onderzochte_instellingen"}
    eigen_resource = [d.naam for d in domein.DOMEINMODELLEN if d.naam not in binnen_onderzoek]
    assert all(client.get(f"/api/v1/{naam}").status_code == 200 for naam in eigen_resource)
    assert all(client.get(f"/api/v1/{naam}").status_code == 404 for naam in binnen_onderzoek)
