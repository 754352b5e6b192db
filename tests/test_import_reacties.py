"""Importing reacties (README, "Historische gegevens importeren", kind reacties; DESIGN.md §3 Reactie, issue 22): a
row goes through the services of wederhoor, so a reactie on a signal that does not exist for that GI and year (as
the importer's variant sees it) is refused with the admin's Dutch message in column signaalcode and nothing of the
file is saved; the organisation follows from the importer's role, never from a cell; the same file read in again
changes nothing; an export reads back in; only the roles that write reacties import them."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from historisch import importeren as imp
from register import roles, vertrouwelijkheid
from register.services import GeenSchrijfrecht
from signalen import regels
from tests import maak
from tests.test_import import _upload, als_csv, client_voor
from wederhoor.models import Reactie
from wederhoor.services import signaal_controleren

D = dt.date
pytestmark = pytest.mark.django_db
VV = regels.VOLLEDIG_TIJDENS_VERSCHERPT
GEEN = regels.GEEN_GELDIG_CERTIFICAAT
AFWEGING = regels.AFWEGING_ONTBREEKT

RIJEN = [
    {"instelling": "JBN", "jaar": "2025", "signaalcode": VV, "tekst": "Het KMI heeft de GI gehoord.", "bron": "brief"},
    {"instelling": "wss", "jaar": "2025", "signaalcode": VV, "tekst": "Herbeoordeling gepland.", "bron": "brief 2"},
]


@pytest.fixture(autouse=True)
def klok():
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, 1, 11, tzinfo=dt.timezone.utc)):
        yield


@pytest.fixture
def gis(beheerder, kmi_gebruiker, inspecteur):
    """JBN and WSS: volledig certificaat during verscherpt toezicht in 2025 (VOLLEDIG_TIJDENS_VERSCHERPT), not in 2026;
    ZETA: certified, no signal."""
    jbn = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2024, 1, 1))
    maak.toezicht(inspecteur, jbn, "verscherpt", D(2025, 1, 1), D(2025, 12, 31))
    maak.toezicht(inspecteur, jbn, "regulier", D(2026, 1, 1), besluitdatum=D(2025, 12, 20))
    wss = maak.instelling(beheerder, "WSS", naam="William Schrikker Stichting", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, wss, "volledig", D(2024, 1, 1))
    maak.toezicht(inspecteur, wss, "verscherpt", D(2025, 3, 1), D(2025, 9, 30))
    zeta = maak.instelling(beheerder, "ZETA", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, zeta, "volledig", D(2024, 1, 1))
    return {"JBN": jbn, "WSS": wss, "ZETA": zeta}


def _importeer(actor, rijen, *, naam="reacties.csv", opslaan=True, inhoud=None):
    return imp.importeren(actor=actor, soort="reacties", bestandsnaam=naam, inhoud=inhoud or als_csv(rijen),
                          opslaan=opslaan)


def _melding_van_de_admin(actor, gi, jaar, code) -> str:
    """The message the admin and the API give (both ask wederhoor/services.py ``signaal_controleren``)."""
    with pytest.raises(ValidationError) as exc:
        signaal_controleren(actor=actor, instelling=gi, jaar=jaar, signaalcode=code)
    [melding] = exc.value.message_dict["signaalcode"]
    return melding


def test_een_goed_bestand_wordt_via_de_services_opgeslagen_namens_de_organisatie_van_de_importeur(kmi_gebruiker, gis):
    verslag = _importeer(kmi_gebruiker, RIJEN, naam="C:\\oud\\reacties 2025.csv")
    assert not verslag.geweigerd, [r.fouten for r in verslag.rijen]
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW] and verslag.opgeslagen
    assert verslag.rijen[0].sleutel == f"JBN 2025 {VV}"
    reacties = list(Reactie.objects.order_by("instelling__afkorting"))
    assert [(r.instelling.afkorting, r.jaar, r.signaalcode, r.organisatie, r.tekst) for r in reacties] == [
        ("JBN", 2025, VV, "kmi", "Het KMI heeft de GI gehoord."), ("WSS", 2025, VV, "kmi", "Herbeoordeling gepland."),
    ]
    for reactie in reacties:
        [versie] = reactie.history.all()  # one version per row
        assert (versie.history_change_reason, versie.history_user) == ("import reacties 2025.csv", kmi_gebruiker)


def test_de_voorvertoning_slaat_niets_op(inspecteur, gis):
    verslag = _importeer(inspecteur, RIJEN, opslaan=False)
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW] and not verslag.opgeslagen
    assert (Reactie.objects.count(), Reactie.history.count()) == (0, 0)


def test_een_reactie_op_een_signaal_dat_niet_bestaat_weigert_de_rij_en_het_hele_bestand(kmi_gebruiker, gis):
    rijen = [
        RIJEN[0],
        {**RIJEN[0], "signaalcode": GEEN},  # a code that never fired for JBN in 2025
        {**RIJEN[0], "instelling": "ZETA"},  # a GI without a signal in 2025
        {**RIJEN[0], "jaar": "2026"},  # JBN's signal is in 2025, not in 2026
    ]
    verslag = _importeer(kmi_gebruiker, rijen)
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.GEWEIGERD, imp.GEWEIGERD, imp.GEWEIGERD]
    assert [r.nummer for r in verslag.geweigerde_rijen] == [3, 4, 5]
    assert [r.fouten for r in verslag.geweigerde_rijen] == [
        [("signaalcode", _melding_van_de_admin(kmi_gebruiker, gis["JBN"], 2025, GEEN))],
        [("signaalcode", _melding_van_de_admin(kmi_gebruiker, gis["ZETA"], 2025, VV))],
        [("signaalcode", _melding_van_de_admin(kmi_gebruiker, gis["JBN"], 2026, VV))],
    ]
    nooit, zonder, ander_jaar = (r.fouten[0][1] for r in verslag.geweigerde_rijen)
    assert nooit.startswith(f"Het signaal 'Geen geldig certificaat' ({GEEN}) bestaat niet voor JBN in 2025;")
    assert ("Wel geldt in 2025 voor JBN: 'Volledig certificaat tijdens verscherpt toezicht' "
            f"({VV}). Kies een van die signalen.") in nooit
    assert "ZETA heeft in 2025 geen signaal met ernst hoog of aandacht" in zonder
    assert f"({VV}) bestaat niet voor JBN in 2026" in ander_jaar and "JBN heeft in 2026 geen signaal" in ander_jaar
    assert not verslag.opgeslagen and "Er is niets opgeslagen" in verslag.samenvatting
    assert (Reactie.objects.count(), Reactie.history.count()) == (0, 0)


def test_de_admin_geeft_dezelfde_melding(kmi_gebruiker, gis):
    melding = _importeer(kmi_gebruiker, [{**RIJEN[0], "signaalcode": GEEN}]).rijen[0].fouten[0][1]
    antwoord = client_voor(kmi_gebruiker).post("/admin/wederhoor/reactie/add/", {
        "instelling": gis["JBN"].pk, "jaar": 2025, "signaalcode": GEEN, "tekst": "Reactie.", "bron": "brief",
    })
    assert antwoord.status_code == 200
    assert antwoord.context["adminform"].form.errors["signaalcode"] == [melding]


def test_de_import_op_de_pagina_noemt_rij_en_kolom(kmi_gebruiker, gis):
    client = client_voor(kmi_gebruiker)
    inhoud = als_csv([RIJEN[1], {**RIJEN[0], "jaar": "2026"}])
    pagina = client.post("/admin/historisch/reacties/importeren/", {"bestand": _upload("reacties", inhoud)})
    assert pagina.status_code == 200 and pagina.context["bevestiging"] is None
    tekst = pagina.content.decode()
    assert 'id="rij-3"' in tekst and "signaalcode" in tekst and "bestaat niet voor JBN in 2026" in tekst
    assert not Reactie.objects.exists()


def test_de_ministerie_reageert_alleen_op_openbare_signalen(beheerder, kmi_gebruiker, ministerie_gebruiker):
    """As tests/test_wederhoor_signaal.py: a signal resting on a confidential fact (the audit's count of kritische
    afwijkingen, made confidential here) exists in the toezichthouders' variant, not in the ministerie's."""
    gi = maak.instelling(beheerder, "JBX", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
    maak.audit(kmi_gebruiker, gi, D(2025, 9, 1), D(2025, 9, 3), aantal_kritische_afwijkingen=2)
    beleid = {**vertrouwelijkheid.VERTROUWELIJK["certification.audit"],
              "aantal_kritische_afwijkingen": roles.LEZERS_VERTROUWELIJK}
    rij = {"instelling": "JBX", "jaar": "2025", "signaalcode": AFWEGING, "tekst": "Reactie.", "bron": "brief"}
    with mock.patch.dict(vertrouwelijkheid.VERTROUWELIJK, {"certification.audit": beleid}):
        geweigerd = _importeer(ministerie_gebruiker, [rij])
        assert [r.status for r in geweigerd.rijen] == [imp.GEWEIGERD]
        assert geweigerd.rijen[0].fouten == [
            ("signaalcode", _melding_van_de_admin(ministerie_gebruiker, gi, 2025, AFWEGING))
        ]
        assert geweigerd.rijen[0].fouten[0][1].startswith(
            f"Het signaal 'Afweging van het KMI ontbreekt' ({AFWEGING}) bestaat niet voor JBX in 2025;")
        assert not Reactie.objects.exists()
        aanvaard = _importeer(kmi_gebruiker, [rij])
    assert [r.status for r in aanvaard.rijen] == [imp.NIEUW]
    assert Reactie.objects.get().organisatie == "kmi"


def test_hetzelfde_bestand_opnieuw_verandert_niets_en_een_andere_tekst_corrigeert(kmi_gebruiker, gis):
    _importeer(kmi_gebruiker, RIJEN)
    historie = Reactie.history.count()
    verslag = _importeer(kmi_gebruiker, RIJEN)
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    assert "verandert niets" in verslag.samenvatting and not verslag.opgeslagen
    assert (Reactie.objects.count(), Reactie.history.count()) == (2, historie)

    aangevuld = {**RIJEN[1], "tekst": "Herbeoordeling afgerond."}
    verslag = _importeer(kmi_gebruiker, [RIJEN[0], aangevuld], naam="aangevuld.csv")
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD, imp.GEWIJZIGD]
    wss = Reactie.objects.get(instelling__afkorting="WSS")
    assert [(h.tekst, h.history_change_reason) for h in wss.history.order_by("history_id")] == [
        ("Herbeoordeling gepland.", "import reacties.csv"), ("Herbeoordeling afgerond.", "import aangevuld.csv"),
    ]
    assert Reactie.objects.count() == 2


def test_de_organisatie_hoort_bij_de_identiteit_van_een_rij(kmi_gebruiker, inspecteur, gis):
    """The same file read in by the inspecties records their own reacties beside the KMI's, never changes the KMI's;
    read in again by either, it changes nothing."""
    _importeer(kmi_gebruiker, RIJEN)
    verslag = _importeer(inspecteur, [{**r, "tekst": "De inspecties: " + r["tekst"]} for r in RIJEN])
    assert [r.status for r in verslag.rijen] == [imp.NIEUW, imp.NIEUW]
    assert sorted(Reactie.objects.values_list("organisatie", flat=True)) == ["inspectie", "inspectie", "kmi", "kmi"]
    assert set(Reactie.objects.filter(organisatie="kmi").values_list("tekst", flat=True)) == {r["tekst"] for r in RIJEN}
    historie = Reactie.history.count()
    assert [r.status for r in _importeer(kmi_gebruiker, RIJEN).rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    assert [r.status for r in _importeer(inspecteur, [{**r, "tekst": "De inspecties: " + r["tekst"]} for r in RIJEN]).rijen
            ] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    assert Reactie.history.count() == historie


def test_een_kolom_organisatie_legt_de_organisatie_niet_vast(kmi_gebruiker, inspecteur, gis):
    verslag = _importeer(kmi_gebruiker, [{**RIJEN[0], "organisatie": "inspectie"}, {**RIJEN[1], "organisatie": "x"}])
    assert [r.status for r in verslag.rijen] == [imp.GEWEIGERD, imp.GEWEIGERD]
    assert verslag.rijen[0].fouten == [("organisatie", (
        "Deze reactie is van Inspecties (IGJ / Inspectie JenV); u legt reacties vast namens Keurmerkinstituut, en een "
        "import legt nooit een reactie namens een andere organisatie vast. Haal de rij weg, of exporteer alleen de "
        "reacties van uw organisatie (filter de lijst op organisatie)."
    ))]
    assert verslag.rijen[1].fouten[0][0] == "organisatie" and "Kies een van: kmi, inspectie, ministerie" in \
        verslag.rijen[1].fouten[0][1]
    assert not Reactie.objects.exists()
    eigen = _importeer(inspecteur, [{**RIJEN[0], "organisatie": "inspectie"}, {**RIJEN[1], "organisatie": ""}])
    assert [r.status for r in eigen.rijen] == [imp.NIEUW, imp.NIEUW]
    assert set(Reactie.objects.values_list("organisatie", flat=True)) == {"inspectie"}


def test_sjabloon_knop_en_export_die_weer_kan_worden_ingelezen(kmi_gebruiker, inspecteur, gis):
    client = client_voor(kmi_gebruiker)
    lijst = client.get("/admin/wederhoor/reactie/").content.decode()
    assert 'href="/admin/historisch/reacties/importeren/"' in lijst
    assert client.get("/admin/historisch/reacties/importeren/").status_code == 200
    kop = client.get("/admin/historisch/reacties/sjabloon.csv").content.decode("utf-8-sig").strip().split(";")
    assert kop == ["instelling", "jaar", "signaalcode", "tekst", "bron"]  # no column organisatie to fill in
    _importeer(kmi_gebruiker, RIJEN)
    _importeer(inspecteur, RIJEN[:1])

    eigen = client.get("/admin/historisch/reacties/exporteren.csv?organisatie__exact=kmi")
    assert eigen.status_code == 200
    regels_ = eigen.content.decode("utf-8-sig").strip().splitlines()
    assert regels_[0].split(";") == ["instelling", "jaar", "signaalcode", "organisatie", "tekst", "bron", "vervallen"]
    assert len(regels_) == 3 and all(";kmi;" in r for r in regels_[1:])
    historie = Reactie.history.count()
    verslag = _importeer(kmi_gebruiker, [], naam="export.csv", inhoud=eigen.content)
    assert [r.status for r in verslag.rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    xlsx = client.get("/admin/historisch/reacties/exporteren.xlsx?organisatie__exact=kmi")
    assert [r.status for r in _importeer(kmi_gebruiker, [], naam="export.xlsx", inhoud=xlsx.content).rijen] == [
        imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]

    # Everyone's reacties: the inspecties' row is refused for the KMI, and nothing changes.
    alles = client.get("/admin/historisch/reacties/exporteren.csv")
    verslag = _importeer(kmi_gebruiker, [], naam="alles.csv", inhoud=alles.content)
    assert sorted(r.status for r in verslag.rijen) == [imp.GEWEIGERD, imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    assert [k for r in verslag.geweigerde_rijen for k, _ in r.fouten] == ["organisatie"]
    assert (Reactie.objects.count(), Reactie.history.count()) == (3, historie)


@pytest.mark.parametrize("rol,mag", [("kmi", True), ("inspectie", True), ("ministerie", True), ("beheer", False),
                                     ("rva", False)])
def test_rechten_per_rol(rol, mag, gis, kmi_gebruiker, inspecteur, ministerie_gebruiker, beheerder, rva_gebruiker):
    gebruiker = {"kmi": kmi_gebruiker, "inspectie": inspecteur, "ministerie": ministerie_gebruiker,
                 "beheer": beheerder, "rva": rva_gebruiker}[rol]
    client = client_voor(gebruiker)
    lijst = client.get("/admin/wederhoor/reactie/")
    assert lijst.status_code == 200
    assert ('href="/admin/historisch/reacties/importeren/"' in lijst.content.decode()) is mag
    assert client.get("/admin/historisch/reacties/exporteren.csv").status_code == 200  # every role exports
    if mag:
        assert [r.status for r in _importeer(gebruiker, RIJEN).rijen] == [imp.NIEUW, imp.NIEUW]
        assert set(Reactie.objects.values_list("organisatie", flat=True)) == {rol}
        return
    with pytest.raises(GeenSchrijfrecht, match="voorbehouden aan de rol 'kmi'"):
        _importeer(gebruiker, RIJEN)
    pagina = client.post("/admin/historisch/reacties/importeren/", {"bestand": _upload("reacties", als_csv(RIJEN))})
    assert pagina.status_code == 403
    assert client.get("/admin/historisch/reacties/sjabloon.csv").status_code == 403
    assert not Reactie.objects.exists()


def test_een_reactie_waarvan_het_signaal_verdween_kan_opnieuw_worden_ingelezen(kmi_gebruiker, inspecteur, gis):
    """As in the admin: the text of a reactie whose signal no longer stands can be corrected; a row of a new reactie
    on that signal is refused."""
    from supervision.services import toezichtbesluit_corrigeren

    _importeer(kmi_gebruiker, RIJEN)
    verscherpt = gis["JBN"].toezichtbesluiten.get(niveau="verscherpt")
    toezichtbesluit_corrigeren(actor=inspecteur, besluit=verscherpt, niveau="geintensiveerd", reden="onjuist niveau")
    assert [r.status for r in _importeer(kmi_gebruiker, RIJEN).rijen] == [imp.ONGEWIJZIGD, imp.ONGEWIJZIGD]
    verslag = _importeer(kmi_gebruiker, [{**RIJEN[0], "tekst": "Aangevuld."}])
    assert [r.status for r in verslag.rijen] == [imp.GEWIJZIGD]
    assert Reactie.objects.get(instelling__afkorting="JBN").tekst == "Aangevuld."
    nieuw = _importeer(inspecteur, [RIJEN[0]])
    assert [r.status for r in nieuw.rijen] == [imp.GEWEIGERD] and nieuw.rijen[0].fouten[0][0] == "signaalcode"
    assert not Reactie.objects.filter(organisatie="inspectie").exists()
