"""A report on several GI's (DESIGN.md §3, Inspectieonderzoek): entered once, with oordelen per GI and theme, each
oordeel with its oorzaken and each GI with its zienswijze. It appears once in the overview's list of such reports and
in each named GI's section with only that GI's oordelen; an oordeel for one GI fires signals for that GI only; every
door (API, import, open data, public pages, admin) reads and writes the GI's; the rules at their boundaries."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from historisch import importeren as imp
from opendata import exports
from register import klok
from reports.overzicht import kameroverzicht, signalen_per_instelling
from reports.pdf import render_pdf
from reports.renderers import render_csv, render_html, render_json
from reports.varianten import VARIANTEN
from signalen import selectors as stand_selectors
from signalen.regels import VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL
from supervision import services as inspecties
from supervision.models import Inspectieonderzoek, OnderzochteInstelling, Oordeel, Oorzaken, Thema
from tests import maak
from tests.test_api_basis import client_voor as api_client_voor
from tests.test_import import als_csv
from tests.test_kameroverzicht_schema import valideer
from tests.test_kameroverzicht_varianten import pdf_tekst
from tests.test_totaliteit import teruggedraaid

D = dt.date
TITEL = "Als zelfs overheidsingrijpen kinderen geen bescherming biedt"


@pytest.fixture
def vijf(beheerder, kmi_gebruiker):
    """Five GI's with a volledig certificaat through 2025, and a sixth that the report does not name."""
    gi_s = [maak.instelling(beheerder, a, actief_vanaf=D(2020, 1, 1)) for a in ("AAA", "BBB", "CCC", "DDD", "EEE", "ZZZ")]
    for gi in gi_s:
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1), D(2026, 12, 31))
    return gi_s


@pytest.fixture
def overkoepelend(vijf, inspecteur):
    """The overarching report on the first five, a critical goed-bestuur oordeel for AAA only."""
    aaa, bbb = vijf[0], vijf[1]
    return inspecties.inspectieonderzoek_registreren(
        actor=inspecteur, soort="thematisch", door="IGJ_IJenV", rapportdatum=D(2025, 9, 25), titel=TITEL,
        bron="Kamerstuk 31 839 nr. 1098",
        instellingen=[
            {"instelling": aaa, "zienswijze": "AAA herkent het beeld.", "zienswijze_bron": "bijlage 2 van het rapport"},
            *vijf[1:5],
        ],
        oordelen=[
            {"instelling": aaa, "thema": Thema.objects.get(code="goed_bestuur"), "waarde": "onvoldoende",
             "toelichting": "Sturing schiet tekort.", "oorzaken": Oorzaken.BINNEN},
            {"instelling": bbb, "thema": Thema.objects.get(code="goed_bestuur"), "waarde": "voldoende"},
        ],
    )


def _gi(data, afkorting):
    return next(gi for gi in data["instellingen"] if gi["afkorting"] == afkorting)


@pytest.mark.django_db
class TestOverzicht:
    def test_eenmaal_ingevoerd_staat_het_bij_elke_genoemde_gi_met_alleen_haar_oordelen(self, overkoepelend, vijf):
        data = kameroverzicht(2025, klok.vandaag())
        [eenmaal] = data["overkoepelende_rapporten"]
        assert (eenmaal["titel"], eenmaal["instellingen"]) == (TITEL, ["AAA", "BBB", "CCC", "DDD", "EEE"])
        for afkorting in ("AAA", "BBB", "CCC", "DDD", "EEE"):
            [rapport] = _gi(data, afkorting)["rapporten"]
            assert rapport["titel"] == TITEL and rapport["instellingen"] == eenmaal["instellingen"]
        assert [(o["thema"], o["waarde"], o["oorzaken"]) for o in _gi(data, "AAA")["rapporten"][0]["oordelen"]] == [
            ("goed_bestuur", "onvoldoende", "binnen_invloedssfeer")
        ]
        assert [(o["waarde"], o["oorzaken"]) for o in _gi(data, "BBB")["rapporten"][0]["oordelen"]] == [("voldoende", "onbekend")]
        assert _gi(data, "CCC")["rapporten"][0]["oordelen"] == []
        assert _gi(data, "ZZZ")["rapporten"] == [] and _gi(data, "ZZZ")["aantal_rapporten"] == 0
        assert _gi(data, "AAA")["rapporten"][0]["zienswijze"] == "AAA herkent het beeld."
        assert _gi(data, "BBB")["rapporten"][0]["zienswijze"] == ""
        valideer(data)

    def test_elk_formaat_toont_het_eenmaal_en_per_gi_de_zienswijze_of_dat_er_geen_is(self, overkoepelend):
        data = kameroverzicht(2025, klok.vandaag())
        html = render_html(data)
        assert html.count("Rapporten over meer instellingen") == 1
        assert "Zienswijze van de GI: AAA herkent het beeld. (bron: bijlage 2 van het rapport)" in html
        assert "Geen zienswijze van de GI vastgelegd." in html
        assert "Dit rapport gaat ook over AAA, CCC, DDD en EEE; hier staan alleen de oordelen over BBB." in html
        pdf = " ".join(" ".join(pdf_tekst(render_pdf(data))).split())
        assert "Rapporten over meer instellingen" in pdf and "Instellingen: AAA, BBB, CCC, DDD en EEE." in pdf
        assert "Zienswijze van de GI: AAA herkent het beeld." in pdf
        assert "binnen de invloedssfeer van de GI" in pdf
        assert json.loads(render_json(data))["overkoepelende_rapporten"][0]["titel"] == TITEL
        per_gi = {r["afkorting"]: r for r in csv.DictReader(io.StringIO(render_csv(data).decode("utf-8-sig")), delimiter=";")}
        assert {a: per_gi[a]["aantal_rapporten"] for a in ("AAA", "BBB", "EEE", "ZZZ")} == {"AAA": "1", "BBB": "1", "EEE": "1", "ZZZ": "0"}

    def test_een_kritisch_oordeel_voor_een_gi_geeft_alleen_die_gi_een_signaal(self, overkoepelend):
        signalen = {a: {s.code for s in lijst} for a, lijst in signalen_per_instelling(2025).items()}
        assert VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL in signalen["AAA"]
        for afkorting in ("BBB", "CCC", "DDD", "EEE", "ZZZ"):
            assert VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL not in signalen[afkorting], afkorting
        data = kameroverzicht(2025, klok.vandaag())
        assert _gi(data, "AAA")["pasoordeel"]["waarde"] == "niet_in_de_pas"
        assert _gi(data, "BBB")["laatste_oordeel_goed_bestuur"]["waarde"] == "voldoende"
        assert _gi(data, "CCC")["laatste_oordeel_goed_bestuur"] is None

    def test_het_jaar_van_de_rapportdatum_telt_op_de_grens(self, vijf, inspecteur):
        maak.onderzoek(inspecteur, vijf[:2], D(2024, 12, 31), titel="Oudjaar")
        maak.onderzoek(inspecteur, vijf[:2], D(2025, 1, 1), titel="Nieuwjaar")
        maak.onderzoek(inspecteur, vijf[:2], D(2024, 2, 29), titel="Schrikkeldag")
        assert [r["titel"] for r in kameroverzicht(2024, klok.vandaag())["overkoepelende_rapporten"]] == ["Schrikkeldag", "Oudjaar"]
        assert [r["titel"] for r in kameroverzicht(2025, klok.vandaag())["overkoepelende_rapporten"]] == ["Nieuwjaar"]

    def test_een_rapport_over_een_gi_staat_niet_bij_de_overkoepelende(self, vijf, inspecteur):
        maak.onderzoek(inspecteur, vijf[0], D(2025, 3, 1))
        data = kameroverzicht(2025, klok.vandaag())
        assert data["overkoepelende_rapporten"] == []
        assert _gi(data, "AAA")["rapporten"][0]["instellingen"] == ["AAA"]

    def test_zoals_vastgelegd_kent_een_later_toegevoegde_gi_pas_vanaf_dat_moment(self, vijf, inspecteur):
        onderzoek = maak.onderzoek(inspecteur, vijf[0], D(2025, 3, 1))
        inspecties.inspectieonderzoek_corrigeren(
            actor=inspecteur, onderzoek=onderzoek, reden="ook over BBB", instellingen=[vijf[0], vijf[1]]
        )
        nu = stand_selectors.registerstand_op(D(2099, 1, 1))
        assert sorted(k.instelling_id for k in nu["onderzochte_instellingen"]) == [vijf[0].pk, vijf[1].pk]
        koppeling = OnderzochteInstelling.objects.get(instelling=vijf[1])
        OnderzochteInstelling.history.filter(id=koppeling.pk).update(history_date=dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC))
        OnderzochteInstelling.history.filter(instelling=vijf[0]).update(history_date=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC))
        Inspectieonderzoek.history.update(history_date=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC))
        toen = stand_selectors.registerstand_op(D(2025, 5, 31))
        assert [k.instelling_id for k in toen["onderzochte_instellingen"]] == [vijf[0].pk]


@pytest.mark.django_db
class TestGrenzen:
    def _registreer(self, inspecteur, instellingen, oordelen=()):
        return inspecties.inspectieonderzoek_registreren(
            actor=inspecteur, soort="thematisch", door="IGJ", rapportdatum=D(2025, 9, 25), titel="T", bron="b",
            instellingen=instellingen, oordelen=oordelen,
        )

    def test_een_oordeel_over_een_gi_buiten_het_rapport_wordt_geweigerd_en_niets_bewaard(self, vijf, inspecteur):
        goed_bestuur = Thema.objects.get(code="goed_bestuur")
        with pytest.raises(ValidationError) as exc:
            self._registreer(inspecteur, vijf[:2], [{"instelling": vijf[5], "thema": goed_bestuur, "waarde": "voldoende"}])
        assert "niet bij dit onderzoek hoort" in " ".join(exc.value.messages)
        assert "AAA, BBB" in " ".join(exc.value.messages)
        assert not Inspectieonderzoek.objects.exists() and not OnderzochteInstelling.objects.exists()

    def test_het_model_zelf_weigert_een_oordeel_over_een_andere_gi(self, overkoepelend, vijf):
        oordeel = Oordeel(onderzoek=overkoepelend, instelling=vijf[5], thema=Thema.objects.get(code="passende_hulp"), waarde="voldoende")
        with pytest.raises(ValidationError) as exc:
            oordeel.full_clean()
        assert "hoort niet bij het onderzoek" in exc.value.message_dict["instelling"][0]

    def test_zonder_instelling_of_met_een_instelling_twee_keer_geweigerd(self, vijf, inspecteur):
        with pytest.raises(ValidationError, match="ten minste één instelling"):
            self._registreer(inspecteur, [])
        with pytest.raises(ValidationError, match="twee keer"):
            self._registreer(inspecteur, [vijf[0], vijf[0]])
        assert not Inspectieonderzoek.objects.exists()

    def test_zonder_gi_bij_het_oordeel_geweigerd_als_het_rapport_meer_gi_s_heeft(self, vijf, inspecteur):
        with pytest.raises(ValidationError, match="geef bij elk oordeel de instelling"):
            self._registreer(inspecteur, vijf[:2], [{"thema": Thema.objects.get(code="goed_bestuur"), "waarde": "voldoende"}])

    def test_dezelfde_gi_en_thema_twee_keer_geweigerd_maar_hetzelfde_thema_voor_twee_gi_s_mag(self, vijf, inspecteur):
        goed_bestuur = Thema.objects.get(code="goed_bestuur")
        with pytest.raises(ValidationError, match="twee keer"):
            self._registreer(inspecteur, vijf[:2], [
                {"instelling": vijf[0], "thema": goed_bestuur, "waarde": "voldoende"},
                {"instelling": vijf[0], "thema": goed_bestuur, "waarde": "onvoldoende"},
            ])
        onderzoek = self._registreer(inspecteur, vijf[:2], [
            {"instelling": vijf[0], "thema": goed_bestuur, "waarde": "voldoende"},
            {"instelling": vijf[1], "thema": goed_bestuur, "waarde": "onvoldoende"},
        ])
        assert onderzoek.oordelen.count() == 2

    def test_een_gi_met_oordelen_gaat_er_niet_uit_een_zonder_wel_met_historie(self, overkoepelend, vijf, inspecteur):
        with pytest.raises(ValidationError, match="heeft oordelen in dit onderzoek"):
            inspecties.inspectieonderzoek_corrigeren(actor=inspecteur, onderzoek=overkoepelend, reden="r", instellingen=vijf[1:5])
        assert overkoepelend.onderzochte_instellingen.count() == 5
        inspecties.inspectieonderzoek_corrigeren(actor=inspecteur, onderzoek=overkoepelend, reden="EEE hoort er niet bij",
                                                 instellingen=vijf[:4])
        assert overkoepelend.onderzochte_instellingen.count() == 4
        [weg] = OnderzochteInstelling.history.filter(instelling=vijf[4], history_type="-")
        assert weg.history_change_reason == "EEE hoort er niet bij" and weg.history_user == inspecteur

    def test_een_zienswijze_zonder_bron_of_een_bron_zonder_tekst_geweigerd(self, vijf, inspecteur):
        with pytest.raises(ValidationError, match="waar de zienswijze is gepubliceerd"):
            self._registreer(inspecteur, [{"instelling": vijf[0], "zienswijze": "tekst"}])
        with pytest.raises(ValidationError, match="geen tekst"):
            self._registreer(inspecteur, [{"instelling": vijf[0], "zienswijze_bron": "bijlage"}])

    def test_oorzaken_zijn_onbekend_tenzij_gegeven(self, overkoepelend):
        assert set(overkoepelend.oordelen.values_list("oorzaken", flat=True)) == {"binnen_invloedssfeer", "onbekend"}


@pytest.mark.django_db
class TestDeuren:
    def test_api_schrijft_en_leest_de_gi_s_met_zienswijze_en_oordelen_per_gi(self, vijf, inspecteur):
        api = api_client_voor(inspecteur)
        antwoord = api.post("/api/v1/inspectieonderzoeken", {
            "instellingen": [{"instelling": "AAA", "zienswijze": "Eens.", "zienswijzeBron": "bijlage"}, {"instelling": "BBB"}],
            "soort": "thematisch", "door": "IGJ", "rapportdatum": "2025-09-25", "titel": TITEL, "bron": "b",
            "oordelen": [{"instelling": "BBB", "thema": "goed_bestuur", "waarde": "onvoldoende", "oorzaken": "deels"}],
        }, format="json")
        assert antwoord.status_code == 201, antwoord.content
        body = antwoord.json()
        assert [(i["instelling"], i["zienswijze"]) for i in body["instellingen"]] == [("AAA", "Eens."), ("BBB", "")]
        assert [(o["instelling"], o["oorzaken"]) for o in body["oordelen"]] == [("BBB", "deels")]
        # the old filter: the reports that concern this GI
        assert [r["titel"] for r in api.get("/api/v1/inspectieonderzoeken?instelling=BBB").json()["results"]] == [TITEL]
        assert api.get("/api/v1/inspectieonderzoeken?instelling=CCC").json()["results"] == []

    def test_api_weigert_een_oordeel_over_een_gi_buiten_het_rapport_in_het_nederlands(self, vijf, inspecteur):
        antwoord = api_client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", {
            "instellingen": [{"instelling": "AAA"}], "soort": "thematisch", "door": "IGJ", "rapportdatum": "2025-09-25",
            "titel": "T", "bron": "b", "oordelen": [{"instelling": "ZZZ", "thema": "goed_bestuur", "waarde": "voldoende"}],
        }, format="json")
        assert antwoord.status_code == 400
        assert "niet bij dit onderzoek hoort" in antwoord.content.decode()
        assert not Inspectieonderzoek.objects.exists()
        leeg = api_client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", {
            "instellingen": [], "soort": "thematisch", "door": "IGJ", "rapportdatum": "2025-09-25", "titel": "T", "bron": "b",
        }, format="json")
        assert leeg.status_code == 400 and "ten minste één instelling" in leeg.content.decode()

    def test_de_import_leest_een_rij_per_gi_en_nog_steeds_het_oude_formaat(self, vijf, inspecteur):
        basis = {"rapportdatum": "2025-09-25", "titel": TITEL, "soort": "thematisch", "door": "IGJ", "bron": "b",
                 "instellingen": "AAA, BBB"}
        rijen = [
            {**basis, "instelling": "AAA", "oordeel_goed_bestuur": "onvoldoende", "oorzaken_goed_bestuur": "deels",
             "zienswijze": "Eens.", "zienswijze_bron": "bijlage"},
            {**basis, "instelling": "BBB", "oordeel_goed_bestuur": "voldoende", "oorzaken_goed_bestuur": "",
             "zienswijze": "", "zienswijze_bron": ""},
        ]
        verslag = imp.importeren(actor=inspecteur, soort="inspectieonderzoeken", bestandsnaam="o.csv", inhoud=als_csv(rijen), opslaan=True)
        assert not verslag.geweigerd, [r.fouten for r in verslag.rijen]
        [onderzoek] = Inspectieonderzoek.objects.all()
        assert sorted((o.instelling.afkorting, o.waarde, o.oorzaken) for o in onderzoek.oordelen.all()) == [
            ("AAA", "onvoldoende", "deels"), ("BBB", "voldoende", "onbekend")
        ]
        assert onderzoek.onderzochte_instellingen.get(instelling=vijf[0]).zienswijze == "Eens."
        # a second import of the same file changes nothing
        opnieuw = imp.importeren(actor=inspecteur, soort="inspectieonderzoeken", bestandsnaam="o.csv", inhoud=als_csv(rijen), opslaan=True)
        assert opnieuw.aantal(imp.ONGEWIJZIGD) == 2, [(r.status, r.fouten) for r in opnieuw.rijen]
        # the layout before reports on several GI's: one GI per row, no instellingen, zienswijze or oorzaken columns
        oud = [{"instelling": "CCC", "rapportdatum": "2025-03-01", "titel": "Oud", "soort": "regulier", "door": "IGJ",
                "bron": "b", "oordeel_goed_bestuur": "voldoende", "toelichting_goed_bestuur": "Goed."}]
        verslag = imp.importeren(actor=inspecteur, soort="inspectieonderzoeken", bestandsnaam="oud.csv", inhoud=als_csv(oud), opslaan=True)
        assert not verslag.geweigerd, [r.fouten for r in verslag.rijen]
        nieuw = Inspectieonderzoek.objects.get(titel="Oud")
        assert [k.instelling.afkorting for k in nieuw.onderzochte_instellingen.all()] == ["CCC"]
        assert [(o.instelling.afkorting, o.oorzaken) for o in nieuw.oordelen.all()] == [("CCC", "onbekend")]

    def test_de_import_weigert_een_rij_waarvan_de_gi_niet_in_instellingen_staat(self, vijf, inspecteur):
        rij = {"instelling": "CCC", "instellingen": "AAA, BBB", "rapportdatum": "2025-09-25", "titel": "T",
               "soort": "thematisch", "door": "IGJ", "bron": "b"}
        verslag = imp.importeren(actor=inspecteur, soort="inspectieonderzoeken", bestandsnaam="o.csv", inhoud=als_csv([rij]), opslaan=True)
        assert verslag.geweigerd
        assert "staat niet in de kolom instellingen" in " ".join(m for r in verslag.rijen for _, m in r.fouten)
        assert not Inspectieonderzoek.objects.exists()

    def test_open_data_geeft_het_rapport_per_gi_en_het_oordeel_met_zijn_gi(self, overkoepelend):
        rijen = exports.registraties()
        rapport = [r for r in rijen if r["soort"] == "inspectieonderzoek"]
        assert sorted(r["instelling"] for r in rapport) == ["AAA", "BBB", "CCC", "DDD", "EEE"]
        assert {r["id"] for r in rapport} == {overkoepelend.pk}
        assert all(r["instellingen"] == "AAA,BBB,CCC,DDD,EEE" for r in rapport)
        assert next(r for r in rapport if r["instelling"] == "AAA")["zienswijze"] == "AAA herkent het beeld."
        oordelen = sorted((r["instelling"], r["oorzaken"]) for r in rijen if r["soort"] == "oordeel")
        assert oordelen == [("AAA", "binnen_invloedssfeer"), ("BBB", "onbekend")]
        csv_tekst = exports.als_csv(exports.REGISTRATIE_KOLOMMEN, rijen).decode("utf-8-sig")
        assert csv_tekst.count(TITEL) == 5

    def test_de_openbare_gi_pagina_toont_alleen_haar_eigen_oordelen_en_zienswijze(self, overkoepelend):
        aaa = Client().get("/instellingen/AAA?jaar=2025").content.decode()
        bbb = Client().get("/instellingen/BBB?jaar=2025").content.decode()
        assert TITEL in aaa and TITEL in bbb
        assert "Zienswijze van de GI: AAA herkent het beeld." in aaa and "AAA herkent" not in bbb
        assert "Geen zienswijze van de GI vastgelegd." in bbb
        assert "Onvoldoende (oorzaken: binnen de invloedssfeer van de GI)" in aaa or "onvoldoende (oorzaken: binnen" in aaa
        assert "Dit rapport gaat ook over" in bbb

    def test_de_atom_feed_noemt_het_rapport_en_elke_gi_erbij(self, overkoepelend):
        tekst = Client().get("/open-data/wijzigingen.atom").content.decode()
        assert f"rapport “{TITEL}” over AAA, BBB, CCC, DDD en EEE, 25 september 2025" in tekst
        # the five GI's of the report, registered at once, are one entry
        assert "5 onderzochte instellingen vastgelegd (AAA, BBB, CCC, DDD, EEE)" in tekst
        assert "over de instelling" not in tekst

    def test_de_tijdlijn_in_de_api_toont_per_gi_alleen_haar_oordelen(self, overkoepelend):
        lijn = api_client_voor().get("/api/v1/instellingen/BBB/tijdlijn").json()
        [rapport] = [g["gegevens"] for g in lijn["gebeurtenissen"] if g["soort"] == "inspectieonderzoek"]
        assert [o["instelling"] for o in rapport["oordelen"]] == ["BBB"]
        assert len(rapport["instellingen"]) == 5


@pytest.mark.django_db
class TestAdminRooster:
    def _client(self, user):
        client = Client()
        client.force_login(user)
        return client

    def test_het_rooster_heeft_per_gi_en_thema_een_rij_met_labels(self, overkoepelend, inspecteur):
        html = self._client(inspecteur).get(f"/admin/supervision/inspectieonderzoek/{overkoepelend.pk}/change/").content.decode()
        themas = Thema.objects.filter(actief=True).count()
        assert f'name="oordelen-TOTAL_FORMS" value="{5 * themas}"' in html
        for afkorting in ("AAA", "BBB", "CCC", "DDD", "EEE"):
            assert f"<th scope=\"row\">{afkorting}: Goed bestuur" in html, afkorting
        assert html.count("Oordeel over Goed bestuur voor ") == 5
        assert "Oorzaken bij Goed bestuur voor CCC" in html
        assert "AAA herkent het beeld." in html  # the zienswijze per GI

    def test_een_rol_die_alleen_inziet_ziet_de_gi_s_oordelen_en_zienswijze_zonder_invoervelden(self, overkoepelend, kmi_gebruiker):
        antwoord = self._client(kmi_gebruiker).get(f"/admin/supervision/inspectieonderzoek/{overkoepelend.pk}/change/")
        html = antwoord.content.decode()
        assert antwoord.status_code == 200
        assert "AAA herkent het beeld." in html and "binnen de invloedssfeer van de GI" in html
        assert 'name="oordelen-0-waarde"' not in html and 'name="instellingen"' not in html

    def test_een_fout_in_het_rooster_staat_bij_het_veld_en_de_invoer_blijft(self, overkoepelend, inspecteur, vijf):
        client = self._client(inspecteur)
        url = f"/admin/supervision/inspectieonderzoek/{overkoepelend.pk}/change/"
        html = client.get(url).content.decode()
        velden = dict(re.findall(r'<(?:input|textarea)[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
        data = {k: v for k, v in velden.items() if k.startswith(("oordelen-", "onderzochte_instellingen-"))}
        data.update({
            "instellingen": [gi.pk for gi in vijf[:5]], "soort": "thematisch", "door": "IGJ_IJenV", "rapportdatum": "2025-09-25",
            "titel": TITEL, "bron": "Kamerstuk 31 839 nr. 1098", "vertrouwen_verbeterkracht": "onbekend",
            "datumkwaliteit": "exact", "wijzigingsreden": "oordeel CCC",
        })
        rij = next(i for i in range(int(data["oordelen-TOTAL_FORMS"]))
                   if "CCC" in html.split(f'id="oordelen-{i}"')[1][:200] and data.get(f"oordelen-{i}-thema"))
        data[f"oordelen-{rij}-toelichting"] = "Toelichting zonder oordeel"
        for i in range(int(data["oordelen-TOTAL_FORMS"])):
            data.setdefault(f"oordelen-{i}-oorzaken", "onbekend")
        antwoord = client.post(url, data)
        tekst = antwoord.content.decode()
        assert antwoord.status_code == 200
        assert "CCC, Goed bestuur: kies een oordeel" in tekst or "CCC, " in tekst and "kies een oordeel" in tekst
        assert "Toelichting zonder oordeel" in tekst
        assert f'aria-describedby="id_oordelen-{rij}-waarde_error"' in tekst and 'aria-invalid="true"' in tekst
        assert not Oordeel.objects.filter(instelling=vijf[2]).exists()


TEKST = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co")), max_size=60)


@st.composite
def rapporten(draw):
    aantal = draw(st.integers(min_value=2, max_value=4))
    return {
        "gi_s": aantal,
        "titel": draw(TEKST.filter(lambda t: t.strip())),
        "rapportdatum": draw(st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 31))),
        "oordelen": draw(st.lists(
            st.tuples(st.integers(0, aantal - 1), st.integers(0, 4), st.sampled_from(list(Oordeel.Waarde.values)),
                      st.sampled_from(list(Oorzaken.values)), TEKST),
            max_size=6, unique_by=lambda t: (t[0], t[1]),
        )),
        "zienswijzen": draw(st.lists(st.tuples(TEKST, TEKST), min_size=aantal, max_size=aantal)),
    }


@pytest.mark.django_db
@settings(max_examples=8, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rapport=rapporten())
def test_elk_geaccepteerd_rapport_over_meer_gi_s_overleeft_elk_formaat_en_elke_pagina(rapport, vijf, inspecteur):
    themas = list(Thema.objects.order_by("volgorde"))
    with teruggedraaid():
        gi_s = vijf[:rapport["gi_s"]]
        try:
            inspecties.inspectieonderzoek_registreren(
                actor=inspecteur, soort="thematisch", door="IGJ", rapportdatum=rapport["rapportdatum"], titel=rapport["titel"],
                bron="b",
                instellingen=[
                    {"instelling": gi, "zienswijze": z, "zienswijze_bron": b if z.strip() else ""}
                    if z.strip() and b.strip() else gi
                    for gi, (z, b) in zip(gi_s, rapport["zienswijzen"])
                ],
                oordelen=[
                    {"instelling": gi_s[g], "thema": themas[t], "waarde": w, "oorzaken": o, "toelichting": x}
                    for g, t, w, o, x in rapport["oordelen"]
                ],
            )
        except ValidationError:
            return  # refused input is not the subject here: only what the register accepts must render
        for variant in VARIANTEN:
            data = kameroverzicht(2025, klok.vandaag(), variant)
            valideer(data)
            assert len(data["overkoepelende_rapporten"]) == 1
            assert render_pdf(data).startswith(b"%PDF")
            render_json(data), render_csv(data), render_html(data)
        web = Client()
        for gi in gi_s:
            assert web.get(f"/instellingen/{gi.afkorting}?jaar=2025").status_code == 200
            assert web.get(f"/kameroverzicht/2025/{gi.afkorting}").status_code == 200
        assert web.get("/open-data/registraties.csv").status_code == 200
        assert api_client_voor().get("/api/v1/inspectieonderzoeken").status_code == 200
        assert io.BytesIO(exports.als_json("registraties", exports.REGISTRATIE_KOLOMMEN, exports.registraties())).getvalue()
