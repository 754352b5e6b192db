"""Every API endpoint and public page answers in a fixed number of queries: as many with N GI's as with 2N, and as
many for a GI with N events of each kind as with 2N (CONVENTIONS.md: selectors use a fixed number of queries).

The count is taken with an empty derived-state cache (register/cache.py), so it is the count of a first request;
tests/test_afgeleid_cache.py counts the repeated ones.
"""

import datetime as dt
import itertools
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from register.services import monitormeting_registreren
from reports.services import kameroverzicht_genereren
from supervision.services import handhavingsmaatregel_registreren
from tests import maak
from wederhoor.services import reactie_registreren

D = dt.date
JAAR = 2025
N = 2
# No page needs more; a page that grows with the register would pass N but not 2N anyway.
BOVENGRENS = 30
_dag = itertools.count(1)
# One reactie per (GI, year, code, organisation), each on a signal that exists (wederhoor/services.py): the GI's are
# active since 2020 without a certificate before JAAR (GEEN_GELDIG_CERTIFICAAT in 2020-2024); in JAAR a volledig
# certificate under verscherpt toezicht and a kritisch oordeel on goed bestuur.
_signaal = itertools.cycle(
    [(organisatie, JAAR, code) for code in ("VOLLEDIG_TIJDENS_VERSCHERPT", "VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL")
     for organisatie in ("kmi", "inspectie", "ministerie")]
    + [(organisatie, jaar, "GEEN_GELDIG_CERTIFICAAT") for jaar in range(JAAR - 1, 2019, -1)
       for organisatie in ("kmi", "inspectie", "ministerie")]
)


@pytest.fixture(autouse=True)
def klok():
    """1 March 2026, 12:00 in Amsterdam."""
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, 1, 11, 0, tzinfo=dt.timezone.utc)):
        yield


@pytest.fixture
def actoren(beheerder, kmi_gebruiker, inspecteur, ministerie_gebruiker):
    return {"beheer": beheerder, "kmi": kmi_gebruiker, "inspectie": inspecteur, "ministerie": ministerie_gebruiker}


def _datum() -> dt.date:
    """A new day in JAAR for every event, so no two decisions of a GI share an ingangsdatum."""
    return D(JAAR, 1, 1) + dt.timedelta(days=next(_dag) % 360)


def _gebeurtenissen(a, gi, aantal: int) -> None:
    """``aantal`` events of every kind for ``gi``: audits, certificaatbesluiten resting on them, toezichtbesluiten,
    maatregelen, reports with oordelen, monitor figures and reacties."""
    for _ in range(aantal):
        dag = _datum()
        audit = maak.audit(a["kmi"], gi, dag, samenvatting="vertrouwelijke bevinding", rapportkenmerk="KMI-1")
        maak.certificaat(a["kmi"], gi, "volledig", dag, dag + dt.timedelta(days=300), audits=[audit], afweging="Herstel aangetoond.")
        maak.toezicht(a["inspectie"], gi, "verscherpt", dag, dag + dt.timedelta(days=100))
        handhavingsmaatregel_registreren(actor=a["inspectie"], instelling=gi, soort="aanwijzing", door="IGJ", datum=dag, bron="test")
        maak.onderzoek(a["inspectie"], gi, dag, {"goed_bestuur": "onvoldoende", "betekenisvol_contact": "voldoende"})
        monitormeting_registreren(actor=a["beheer"], instelling=gi, peildatum=dag, aantal_kinderen_met_maatregel=10, bron="test")
        organisatie, jaar, code = next(_signaal)
        reactie_registreren(actor=a[organisatie], instelling=gi, jaar=jaar, signaalcode=code, tekst="Reactie", bron="brief")


def _gi(a, afkorting: str, gebeurtenissen: int = 1):
    gi = maak.instelling(a["beheer"], afkorting, actief_vanaf=D(2020, 1, 1))
    _gebeurtenissen(a, gi, gebeurtenissen)
    return gi


def _adressen(gi, ids: dict) -> list[str]:
    """Every list and detail endpoint under /api/v1 (the routers of api/urls.py), the change feed, signals,
    archive, open data and the public pages; ``gi`` is the GI whose records the details name."""
    a = gi.afkorting
    return [
        "/api/v1/instellingen",
        f"/api/v1/instellingen/{a}",
        f"/api/v1/instellingen/{a}/tijdlijn",
        f"/api/v1/instellingen/{a}/status?datum=2025-06-01",
        "/api/v1/audits",
        f"/api/v1/audits/{ids['audit']}",
        "/api/v1/certificaatbesluiten",
        f"/api/v1/certificaatbesluiten/{ids['certificaatbesluit']}",
        "/api/v1/toezichtbesluiten",
        f"/api/v1/toezichtbesluiten/{ids['toezichtbesluit']}",
        "/api/v1/handhavingsmaatregelen",
        f"/api/v1/handhavingsmaatregelen/{ids['handhavingsmaatregel']}",
        "/api/v1/inspectieonderzoeken",
        f"/api/v1/inspectieonderzoeken/{ids['inspectieonderzoek']}",
        "/api/v1/themas",
        "/api/v1/themas/goed_bestuur",
        "/api/v1/monitormetingen",
        f"/api/v1/monitormetingen/{ids['monitormeting']}",
        "/api/v1/reacties",
        f"/api/v1/reacties/{ids['reactie']}",
        "/api/v1/wijzigingen",
        f"/api/v1/signalen?jaar={JAAR}",
        "/api/v1/kameroverzichten",
        f"/api/v1/kameroverzichten/{ids['kameroverzicht']}",
        "/api/v1/tokens",
        "/open-data/",
        "/open-data/stand.csv",
        "/open-data/stand.json",
        "/open-data/registraties.csv",
        "/open-data/registraties.json",
        "/open-data/wijzigingen.atom",
        "/",
        f"/instellingen/{a}",
        f"/instellingen/{a}?datum=2025-06-01&jaar={JAAR}",
        f"/kameroverzicht/?jaar={JAAR}",
        f"/kameroverzicht/{JAAR}/{a}",
        "/toegankelijkheid",
    ]


def _ids(gi) -> dict:
    ids = {}
    for naam in ("audits", "certificaatbesluiten", "toezichtbesluiten", "handhavingsmaatregelen", "inspectieonderzoeken",
                 "monitormetingen", "reacties"):
        ids[getattr(gi, naam).model._meta.model_name] = getattr(gi, naam).order_by("id").first().id
    return ids


def _tel(client: Client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code, antwoord.content[:300])
    return len(queries.captured_queries)


def _clients(a) -> dict:
    """The public, a reader of confidential fields (beheer, who also sees the tokens) and the ministry."""
    clients = {"publiek": Client()}
    for rol in ("beheer", "ministerie"):
        clients[rol] = Client()
        clients[rol].force_login(a[rol])
    return clients


def _toegankelijk(rol: str, url: str) -> bool:
    if url.startswith("/api/v1/tokens"):
        return rol == "beheer"
    if url.startswith("/api/v1/kameroverzichten"):
        return rol != "publiek"
    return True


# The change feeds read, per model with rows on the page, its rows and their previous versions (register/wijzigingen.py):
# which models the latest page holds varies, the count stays under 3 + 2 per domain model whatever the register holds.
WISSELEND = ("/api/v1/wijzigingen", "/open-data/wijzigingen.atom")


def _vergelijk(a, gi, klein: dict, groot: dict):
    verschil = {k: (klein[k], groot[k]) for k in klein if klein[k] != groot[k] and not k[1].startswith(WISSELEND)}
    assert verschil == {}, "aantal queries groeit met het register: " + str(verschil)
    te_veel = {k: v for k, v in groot.items() if v > BOVENGRENS}
    assert te_veel == {}


def _meet(a, gi, ids):
    clients = _clients(a)
    urls = _adressen(gi, ids)
    for rol, client in clients.items():  # warm up what Django keeps per process (content types, permissions)
        for url in urls:
            if _toegankelijk(rol, url):
                client.get(url)
    return {
        (rol, url): _tel(client, url) for rol, client in clients.items() for url in urls if _toegankelijk(rol, url)
    }


@pytest.mark.django_db
def test_evenveel_queries_bij_n_en_2n_instellingen(actoren):
    a = actoren
    gis = [_gi(a, f"GI{i}") for i in range(N)]
    ids = _ids(gis[0]) | {"kameroverzicht": kameroverzicht_genereren(actor=a["ministerie"], jaar=JAAR, peildatum=D(2026, 3, 1), variant="openbaar").pk}
    klein = _meet(a, gis[0], ids)
    gis += [_gi(a, f"GI{i}") for i in range(N, 2 * N)]
    groot = _meet(a, gis[0], ids)
    _vergelijk(a, gis[0], klein, groot)


@pytest.mark.django_db
def test_evenveel_queries_bij_n_en_2n_gebeurtenissen_van_een_instelling(actoren):
    a = actoren
    gi = _gi(a, "JBN", gebeurtenissen=N)
    _gi(a, "JBG")
    ids = _ids(gi) | {"kameroverzicht": kameroverzicht_genereren(actor=a["ministerie"], jaar=JAAR, peildatum=D(2026, 3, 1), variant="openbaar").pk}
    klein = _meet(a, gi, ids)
    _gebeurtenissen(a, gi, N)
    groot = _meet(a, gi, ids)
    _vergelijk(a, gi, klein, groot)
