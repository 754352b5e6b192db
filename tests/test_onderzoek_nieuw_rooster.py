"""A new report on several GI's in the admin (README, Inspectieonderzoek): the grid of oordelen gets a row per chosen GI
and theme before anything is saved, without JavaScript. Saving with two GI's while the grid has no rows for them
shows the form again (200, nothing saved, every input kept) with those rows and a message saying what to do; saving
again with the rows filled in saves the report and its oordelen per GI."""

import re

import pytest
from django.test import Client

from supervision.admin import AANGEVULD
from supervision.models import Inspectieonderzoek, Oordeel, Thema
from tests import maak

pytestmark = pytest.mark.django_db
URL = "/admin/supervision/inspectieonderzoek/add/"


@pytest.fixture
def gi_s(beheerder):
    return [maak.instelling(beheerder, a) for a in ("AAA", "BBB")]


@pytest.fixture
def client(inspecteur):
    client = Client()
    client.force_login(inspecteur)
    return client


def _rapport(gi_s) -> dict:
    return {
        "instellingen": [gi.pk for gi in gi_s], "soort": "thematisch", "door": "IGJ_IJenV", "rapportdatum": "2025-09-25",
        "titel": "Overkoepelend rapport", "vertrouwen_verbeterkracht": "onbekend", "bron": "Kamerstuk",
        "datumkwaliteit": "exact",
    }


def _rooster(html: str) -> list[dict]:
    """The rows of the grid as the page gives them: per row its GI and theme (hidden fields)."""
    totaal = int(re.search(r'name="oordelen-TOTAL_FORMS" value="(\d+)"', html).group(1))
    rijen = []
    for i in range(totaal):
        rij = {}
        for veld in ("instelling", "thema"):
            gevonden = re.search(rf'<input type="hidden" name="oordelen-{i}-{veld}"(?: value="(\d*)")?', html)
            rij[veld] = gevonden.group(1) or "" if gevonden else ""
        rijen.append(rij)
    return rijen


def _post_data(rapport: dict, rijen: list[dict]) -> dict:
    data = {**rapport, "oordelen-TOTAL_FORMS": str(len(rijen)), "oordelen-INITIAL_FORMS": "0",
            "oordelen-MIN_NUM_FORMS": "0", "oordelen-MAX_NUM_FORMS": "1000"}
    for i, rij in enumerate(rijen):
        for veld, waarde in {"waarde": "", "toelichting": "", "oorzaken": "onbekend", **rij}.items():
            data[f"oordelen-{i}-{veld}"] = waarde
    return data


def test_twee_gi_s_zonder_rijen_geeft_het_rooster_per_gi_en_slaat_niets_op(client, gi_s):
    themas = list(Thema.objects.filter(actief=True).order_by("volgorde", "naam"))
    rijen = _rooster(client.get(URL).content.decode())
    assert len(rijen) == len(themas) and {r["instelling"] for r in rijen} == {""}  # the grid of a new report

    antwoord = client.post(URL, _post_data(_rapport(gi_s), rijen))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert not Inspectieonderzoek.objects.exists() and not Oordeel.objects.exists()
    assert AANGEVULD.split(".")[0] in html.replace("&#x27;", "'")
    opnieuw = _rooster(html)
    assert [(r["instelling"], r["thema"]) for r in opnieuw] == [
        (str(gi.pk), str(t.pk)) for gi in gi_s for t in themas
    ]
    for afkorting in ("AAA", "BBB"):
        assert f'<th scope="row">{afkorting}: {themas[0].naam}' in html
        assert re.search(rf'<label[^>]*for="id_oordelen-\d+-waarde">Oordeel over {themas[0].naam} voor {afkorting}</label>', html)
    assert 'value="Overkoepelend rapport"' in html  # the report's own input is kept

    # the rows filled in: saved, each oordeel with its GI
    bbb_bestuur = next(i for i, r in enumerate(opnieuw) if r["instelling"] == str(gi_s[1].pk) and r["thema"] == str(themas[0].pk))
    opnieuw[bbb_bestuur].update(waarde="onvoldoende", toelichting="Sturing ontbreekt", oorzaken="deels")
    antwoord = client.post(URL, _post_data(_rapport(gi_s), opnieuw))
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    onderzoek = Inspectieonderzoek.objects.get()
    assert sorted(k.instelling.afkorting for k in onderzoek.onderzochte_instellingen.all()) == ["AAA", "BBB"]
    assert [(o.instelling.afkorting, o.thema_id, o.waarde, o.oorzaken) for o in onderzoek.oordelen.all()] == [
        ("BBB", themas[0].pk, "onvoldoende", "deels")
    ]


def test_een_oordeel_in_een_rij_zonder_gi_blijft_staan_tot_de_gebruiker_het_verplaatst(client, gi_s):
    themas = list(Thema.objects.filter(actief=True).order_by("volgorde", "naam"))
    rijen = _rooster(client.get(URL).content.decode())
    rijen[0].update(waarde="voldoende", toelichting="Voor wie?")
    html = client.post(URL, _post_data(_rapport(gi_s), rijen)).content.decode()
    opnieuw = _rooster(html)
    # the row with input comes first, unchanged; then a row per GI and theme
    assert opnieuw[0] == {"instelling": "", "thema": str(themas[0].pk)}
    assert "Voor wie?" in html and len(opnieuw) == 1 + 2 * len(themas)
    assert not Inspectieonderzoek.objects.exists()
    # saved again without moving it: the row says what to do, still nothing saved
    opnieuw[0].update(waarde="voldoende", toelichting="Voor wie?")
    antwoord = client.post(URL, _post_data(_rapport(gi_s), opnieuw))
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "bij welke hoort dit oordeel?" in tekst
    assert 'aria-describedby="id_oordelen-0-waarde_error"' in tekst and 'aria-invalid="true"' in tekst
    assert not Inspectieonderzoek.objects.exists()


def test_een_gi_blijft_zoals_het_was(client, gi_s):
    """One GI: the rows without a GI are that GI's, saved at once (no second round)."""
    themas = list(Thema.objects.filter(actief=True).order_by("volgorde", "naam"))
    rijen = _rooster(client.get(URL).content.decode())
    rijen[0].update(waarde="voldoende")
    antwoord = client.post(URL, _post_data(_rapport(gi_s[:1]), rijen))
    assert antwoord.status_code == 302
    assert [(o.instelling.afkorting, o.thema_id) for o in Oordeel.objects.all()] == [("AAA", themas[0].pk)]
