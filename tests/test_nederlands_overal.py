"""No English word of Django's admin or django-simple-history on a page of the register, whatever language the
browser asks for: the public pages and every admin page of every role (index, each list, each add form, a change
form and its history, a form and a login in their error state). The strings below are the ones an English browser
found before the register carried its own Dutch for them (locale/nl)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from tests.conftest import _gebruiker

ENGELS = [
    "View history",
    "<th scope=\"col\">Object</th>",
    "<th scope=\"col\">Comment</th>",
    "Changed by",
    "Change reason",
    "<th scope=\"col\">Changes</th>",
    "<td>Changed</td>",
    "<td>Created</td>",
    "Error:",
    "Model name",
    "Add link",
    "Change or view list link",
    " entries",
    " entry\n",
    "Not Found",
    "Log out",
]
ENGELSE_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
ROLLEN = ["kmi", "inspectie", "rva", "ministerie", "beheer"]


def _hrefs(html: str, patroon: str) -> set[str]:
    return {h for h in re.findall(r'href="([^"]+)"', html) if re.fullmatch(patroon, h)}


def _adminpaginas(client: Client) -> list[str]:
    index = client.get("/admin/", **ENGELSE_BROWSER).content.decode()
    lijsten = sorted(_hrefs(index, r"/admin/\w+/\w+/"))
    paginas = ["/admin/", *lijsten, *sorted(_hrefs(index, r"/admin/\w+/\w+/add/"))]
    for lijst in lijsten:
        html = client.get(lijst, **ENGELSE_BROWSER).content.decode()
        wijzig = sorted(_hrefs(html, r"/admin/\w+/\w+/\d+/change/"))
        if wijzig:
            paginas += [wijzig[0], wijzig[0].replace("/change/", "/history/")]
    return paginas


def _engels(html: str) -> list[str]:
    return [woord for woord in ENGELS if woord in html]


@pytest.fixture
def voorbeelddata(db):
    call_command("load_voorbeelddata")


@pytest.mark.parametrize("rol", ROLLEN)
def test_geen_engels_in_het_beheer_per_rol(voorbeelddata, client, rol):
    gebruiker = _gebruiker(f"taal-{rol}", rol)
    client.force_login(gebruiker)
    gevonden = {}
    paginas = _adminpaginas(client)
    assert any(p.endswith("/history/") for p in paginas)
    for pad in paginas:
        response = client.get(pad, **ENGELSE_BROWSER)
        assert response.status_code == 200, pad
        if woorden := _engels(response.content.decode()):
            gevonden[pad] = woorden
    assert not gevonden


def test_geen_engels_in_een_formulier_met_fouten(voorbeelddata, client):
    client.force_login(_gebruiker("taal-kmi", "kmi"))
    response = client.post("/admin/certification/audit/add/", {}, **ENGELSE_BROWSER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert not _engels(html)


def test_geen_engels_na_een_mislukte_login(db, client):
    response = client.post("/admin/login/", {"username": "niemand", "password": "fout-wachtwoord-123"}, **ENGELSE_BROWSER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert not _engels(html)


@pytest.mark.parametrize("pad", ["/", "/instellingen/JBN", "/toegankelijkheid", "/open-data/", "/kameroverzicht/", "/bestaat-niet"])
def test_geen_engels_op_openbare_paginas(voorbeelddata, client, pad):
    assert not _engels(client.get(pad, **ENGELSE_BROWSER).content.decode())


def _po(pad: Path) -> dict[str, str]:
    """msgid -> msgstr of the singular entries of a .po file (the register's own file is plain: one line each)."""
    tekst = pad.read_text()
    return dict(re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', tekst, flags=re.M))


def test_de_mo_bevat_elke_vertaling_van_de_po():
    """The compiled catalogue is what Django reads: it must hold every entry of the .po it was made from."""
    map_ = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES"
    catalogus = gettext.GNUTranslations((map_ / "django.mo").open("rb"))
    po = _po(map_ / "django.po")
    assert len(po) > 20
    for msgid, msgstr in po.items():
        assert catalogus.gettext(msgid) == msgstr, msgid
    with translation.override("nl"):
        assert translation.gettext("Error:") == "Fout:"
