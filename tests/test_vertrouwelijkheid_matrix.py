"""One confidentiality policy for every door (DESIGN.md §7).

Every confidential field × every door × every lookup, for the ministry and the public: the door either
refuses the question (400; the login page for the public in the admin) or answers byte for byte the same
whether or not the guess matches, and the confidential value never appears. Readers with the right
(KMI, inspecties, RvA, beheer) still see, search and follow what they should."""

from __future__ import annotations

import datetime as dt
import html
import re
from unittest import mock
from urllib.parse import quote, quote_plus

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import timezone

from register.camel import camel
from api.urls import router
from certification.models import Audit, Certificaatbesluit
from certification.services import audit_corrigeren, certificaatbesluit_corrigeren
from register import vertrouwelijkheid
from register.models import Instelling
from reports.services import aanleidingenoverzicht_genereren, kameroverzicht_genereren
from tests import maak
from tests.test_api_basis import client_voor
from tests.test_kameroverzicht_varianten import pdf_tekst

D = dt.date
pytestmark = pytest.mark.django_db

MARKER = "GEHEIM-MARKER-7Q"
WAARDEN = {
    ("certification.audit", "samenvatting"): f"{MARKER}-SAMENVATTING",
    ("certification.audit", "rapportkenmerk"): f"{MARKER}-RK",
    ("certification.certificaatbesluit", "motivering_vertrouwelijk"): f"{MARKER}-MOTIVERING",
    ("certification.certificaatbesluit", "afweging_vertrouwelijk"): f"{MARKER}-AFWEGING",
}
VELDEN = sorted(WAARDEN)
# The audit uitkomst (DESIGN.md §3, Audit): confidential fields that are not text, seeded with values whose guesses
# (equal, above, below) the lookups of UITKOMST_LOOKUPS try; the second audit holds UITKOMST_TWEEDE.
UITKOMST = {
    ("certification.audit", "aantal_kritische_afwijkingen"): 7,
    ("certification.audit", "aantal_afwijkingen"): 13,
    ("certification.audit", "hersteltermijn"): dt.date(2025, 3, 17),
}
UITKOMST_TWEEDE = {"aantal_kritische_afwijkingen": 2, "aantal_afwijkingen": 5, "hersteltermijn": dt.date(2025, 6, 30)}
UITKOMST_VELDEN = sorted(UITKOMST)
# A second audit with the same public fields, for the ordering doors.
TWEEDE = "AAAA-GEHEIM-MARKER-7Q-TWEEDE"
GEHEIME_REDEN = f"Bevindingen aangevuld: {MARKER}-REDEN"

# Every lookup an attacker might try, with a guess that matches the seeded value and one that does not.
LOOKUPS = {
    "": lambda w: (w, "ONJUIST-RADEN-3X"),
    "exact": lambda w: (w, "ONJUIST-RADEN-3X"),
    "iexact": lambda w: (w.lower(), "onjuist-raden-3x"),
    "in": lambda w: (w, "ONJUIST-RADEN-3X"),
    "contains": lambda w: ("MARKER-7Q", "RADEN-3X"),
    "icontains": lambda w: ("marker-7q", "raden-3x"),
    "startswith": lambda w: ("GEHEIM-MARKER", "ONJUIST-RADEN"),
    "istartswith": lambda w: ("geheim-marker", "onjuist-raden"),
    "endswith": lambda w: ("7Q" + w[len(MARKER):], "RADEN-3X"),
    "iendswith": lambda w: (("7Q" + w[len(MARKER):]).lower(), "raden-3x"),
    "regex": lambda w: ("GEHEIM.MARKER", "ONJUIST.RADEN"),
    "iregex": lambda w: ("geheim.marker", "onjuist.raden"),
    "gt": lambda w: ("BBBB-RADEN", "ZZZZ-RADEN"),
    "gte": lambda w: ("BBBB-RADEN", "ZZZZ-RADEN"),
    "lt": lambda w: ("ZZZZ-RADEN", "BBBB-RADEN"),
    "lte": lambda w: ("ZZZZ-RADEN", "BBBB-RADEN"),
}


def _naast(waarde, stap: int):
    return waarde + dt.timedelta(days=stap) if isinstance(waarde, dt.date) else waarde + stap


# The same for a count or a date: a guess that matches and one that does not.
UITKOMST_LOOKUPS = {
    "": lambda w: (str(w), str(_naast(w, 1))),
    "exact": lambda w: (str(w), str(_naast(w, 1))),
    "in": lambda w: (str(w), str(_naast(w, 1))),
    "gt": lambda w: (str(_naast(w, -1)), str(w)),
    "gte": lambda w: (str(w), str(_naast(w, 1))),
    "lt": lambda w: (str(_naast(w, 1)), str(w)),
    "lte": lambda w: (str(w), str(_naast(w, -1))),
    "isnull": lambda w: ("false", "true"),
    "range": lambda w: (f"{_naast(w, -1)},{_naast(w, 1)}", f"{_naast(w, 1)},{_naast(w, 2)}"),
}

# Query-string paths to each confidential field, from every admin changelist that can reach it.
ADMIN_PADEN = {
    ("certification.audit", "samenvatting"): [
        ("certification/audit", "samenvatting"),
        ("certification/certificaatbesluit", "audits__samenvatting"),
        ("register/instelling", "audits__samenvatting"),
    ],
    ("certification.audit", "rapportkenmerk"): [
        ("certification/audit", "rapportkenmerk"),
        ("certification/certificaatbesluit", "audits__rapportkenmerk"),
        ("register/instelling", "audits__rapportkenmerk"),
    ],
    ("certification.certificaatbesluit", "motivering_vertrouwelijk"): [
        ("certification/certificaatbesluit", "motivering_vertrouwelijk"),
        ("certification/audit", "certificaatbesluiten__motivering_vertrouwelijk"),
        ("register/instelling", "certificaatbesluiten__motivering_vertrouwelijk"),
    ],
    ("certification.certificaatbesluit", "afweging_vertrouwelijk"): [
        ("certification/certificaatbesluit", "afweging_vertrouwelijk"),
        ("certification/audit", "certificaatbesluiten__afweging_vertrouwelijk"),
        ("register/instelling", "certificaatbesluiten__afweging_vertrouwelijk"),
    ],
    **{
        veld: [
            ("certification/audit", veld[1]),
            ("certification/certificaatbesluit", f"audits__{veld[1]}"),
            ("register/instelling", f"audits__{veld[1]}"),
        ]
        for veld in UITKOMST
    },
}
API_LIJST = {"certification.audit": "/api/v1/audits", "certification.certificaatbesluit": "/api/v1/certificaatbesluiten"}
OPENBARE_PAGINAS = ["/", "/instellingen/JBN", "/kameroverzicht/"]
ADMIN_ZOEKEN = [
    "/admin/certification/audit/", "/admin/certification/certificaatbesluit/", "/admin/register/instelling/",
    "/admin/supervision/inspectieonderzoek/",
]
ADMIN_LIJSTEN = ["/admin/certification/audit/", "/admin/certification/certificaatbesluit/", "/admin/register/instelling/"]


@pytest.fixture
def geheimen(beheerder, kmi_gebruiker, inspecteur):
    """JBN with two audits and a certificaatbesluit whose confidential fields hold the marker (the audit uitkomst:
    the values of UITKOMST)."""
    assert set(WAARDEN) | set(UITKOMST) == {
        (model, veld) for model in vertrouwelijkheid.VERTROUWELIJK for veld in vertrouwelijkheid.vertrouwelijke_velden(model)
    }, "every confidential field of the policy is in this matrix"
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    audit = maak.audit(
        kmi_gebruiker, gi, D(2024, 11, 4), D(2024, 11, 6),
        samenvatting=WAARDEN[("certification.audit", "samenvatting")],
        rapportkenmerk=WAARDEN[("certification.audit", "rapportkenmerk")],
        **{veld: waarde for (_, veld), waarde in UITKOMST.items()},
    )
    # same GI and startdatum (a tie in the admin's ordering), another soort: the register refuses the same audit twice
    tweede = maak.audit(
        kmi_gebruiker, gi, D(2024, 11, 4), D(2024, 11, 6), soort="extra", samenvatting=TWEEDE, rapportkenmerk=TWEEDE,
        **UITKOMST_TWEEDE,
    )
    besluit = maak.certificaat(
        kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15),
        motivering_openbaar="Kritische afwijkingen",
        motivering_vertrouwelijk=WAARDEN[("certification.certificaatbesluit", "motivering_vertrouwelijk")],
        afweging_vertrouwelijk=WAARDEN[("certification.certificaatbesluit", "afweging_vertrouwelijk")],
    )
    besluit.audits.set([audit])
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "grotendeels_onvoldoende"})
    return {"gi": gi, "audit": audit, "tweede": tweede, "besluit": besluit}


def admin_client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _actor(request, rol):
    return None if rol == "publiek" else request.getfixturevalue(f"{rol}_gebruiker")


def normaal(response, raden: str = "", *, als_waarde: bool = False) -> str:
    """The body with what differs per request for reasons other than the data left out: CSRF tokens,
    CSP nonces, and the guess itself where the page echoes the query string back. ``als_waarde``: only where the
    guess follows "=" (a short guess such as a count also occurs in ids and timestamps)."""
    tekst = response.content.decode("utf-8", errors="replace")
    tekst = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*"', r'\1"', tekst)
    tekst = re.sub(r'nonce="[^"]*"', 'nonce=""', tekst)
    if raden:
        for vorm in sorted({raden, quote(raden), quote_plus(raden), quote(raden, safe=""), html.escape(raden)}, key=len, reverse=True):
            if als_waarde:
                tekst = re.sub(r"(=|%3D|%3d)" + re.escape(vorm) + r"(?![0-9])", r"\1<RADEN>", tekst)
            else:
                tekst = tekst.replace(vorm, "<RADEN>")
    return tekst


def assert_geen_orakel(client, url, treffer: str, mis: str, *, admin_pagina: bool, anoniem: bool, als_waarde: bool = False):
    """The door refuses the question or answers the same for a matching and a non-matching guess.

    Both questions are asked at one instant: a pair asked across midnight in Amsterdam would otherwise differ in
    the day the register answers for (register/klok.py), not in anything the guess reveals."""
    moment = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=moment):
        antwoorden = [client.get(url.format(raden=quote(treffer))), client.get(url.format(raden=quote(mis)))]
    for antwoord in antwoorden:
        assert MARKER.encode() not in antwoord.content.replace(quote(treffer).encode(), b"").replace(treffer.encode(), b""), url
    if admin_pagina and anoniem:
        for antwoord in antwoorden:
            assert antwoord.status_code == 302 and "/admin/login/" in antwoord["Location"], url
        return
    if admin_pagina:
        assert [a.status_code for a in antwoorden] == [400, 400], f"{url}: the admin answers a lookup it does not offer"
        return
    assert antwoorden[0].status_code == antwoorden[1].status_code, url
    assert normaal(antwoorden[0], treffer, als_waarde=als_waarde) == normaal(antwoorden[1], mis, als_waarde=als_waarde), (
        f"{url}: the answer depends on the guess"
    )


# --- The policy itself ------------------------------------------------------------------------------


def test_het_beleid_staat_op_een_plek(kmi_gebruiker, rva_gebruiker, inspecteur, beheerder, ministerie_gebruiker):
    import certification.models

    assert not hasattr(certification.models, "VERTROUWELIJKE_VELDEN"), "the confidential fields are listed in the policy only"
    uitkomst = ("aantal_kritische_afwijkingen", "aantal_afwijkingen", "hersteltermijn")
    assert vertrouwelijkheid.vertrouwelijke_velden(Audit) == (*uitkomst, "samenvatting", "rapportkenmerk")
    assert vertrouwelijkheid.vertrouwelijke_velden("certification.certificaatbesluit") == (
        "motivering_vertrouwelijk", "afweging_vertrouwelijk",
    )
    assert vertrouwelijkheid.vertrouwelijke_velden(Audit.history.model) == (*uitkomst, "samenvatting", "rapportkenmerk")
    assert vertrouwelijkheid.vertrouwelijke_velden(Instelling) == ()
    for lezer in (kmi_gebruiker, rva_gebruiker, inspecteur, beheerder):
        assert vertrouwelijkheid.mag_veld_lezen(lezer, Audit, "samenvatting")
        assert vertrouwelijkheid.verborgen_velden(lezer, Certificaatbesluit) == frozenset()
    for niet_lezer in (ministerie_gebruiker, AnonymousUser()):
        assert not vertrouwelijkheid.mag_veld_lezen(niet_lezer, Audit, "rapportkenmerk")
        assert vertrouwelijkheid.mag_veld_lezen(niet_lezer, Audit, "startdatum")
        # the moment of the latest change moves on a confidential-only edit, so it is hidden with the fields
        assert vertrouwelijkheid.verborgen_velden(niet_lezer, Audit) == {
            *uitkomst, "samenvatting", "rapportkenmerk", "gewijzigd_op", "vervalreden"
        }
        assert not vertrouwelijkheid.mag_veld_lezen(niet_lezer, Certificaatbesluit, "afweging_vertrouwelijk")
        assert vertrouwelijkheid.mag_veld_lezen(niet_lezer, Certificaatbesluit, "afweging")
        assert vertrouwelijkheid.verborgen_velden(niet_lezer, Instelling) == frozenset()
        assert vertrouwelijkheid.pad_verborgen(niet_lezer, Audit, "-gewijzigd_op")
        assert not vertrouwelijkheid.pad_verborgen(niet_lezer, Instelling, "-gewijzigd_op")
        for pad in ("samenvatting__icontains", "-rapportkenmerk", "^samenvatting", "pk", "instelling__naam",
                    "aantal_kritische_afwijkingen__gt", "-aantal_afwijkingen", "hersteltermijn__year", "startdatum"):
            assert vertrouwelijkheid.pad_verborgen(niet_lezer, Audit, pad) == (
                "samenvatting" in pad or "rapportkenmerk" in pad or "afwijkingen" in pad or "hersteltermijn" in pad
            )
        assert vertrouwelijkheid.pad_verborgen(niet_lezer, Instelling, "audits__samenvatting__regex")
        assert vertrouwelijkheid.pad_verborgen(niet_lezer, Audit, "certificaatbesluiten__motivering_vertrouwelijk")
        assert not vertrouwelijkheid.pad_verborgen(niet_lezer, Instelling, "certificaatbesluiten__motivering_openbaar")


def test_geen_api_filter_raakt_een_vertrouwelijk_veld():
    """django-filter FilterSets, ordering and search of every API resource: no confidential field."""
    gecontroleerd = 0
    for _, viewset, _ in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        for backend in getattr(viewset, "filter_backends", []) or []:
            assert "Ordering" not in backend.__name__ and "Search" not in backend.__name__, viewset
        if filterset is None:
            continue
        model = filterset._meta.model
        for naam, filter_ in filterset.base_filters.items():
            assert not vertrouwelijkheid.pad_verborgen(AnonymousUser(), model, filter_.field_name), (viewset, naam)
            gecontroleerd += 1
    assert gecontroleerd > 20


@pytest.mark.parametrize("modeladmin", list(admin.site._registry.values()), ids=lambda m: m.model._meta.label_lower)
def test_geen_admin_lijst_filter_zoekveld_of_sortering_raakt_een_vertrouwelijk_veld(modeladmin, ministerie_gebruiker):
    request = RequestFactory().get("/admin/")
    request.user = ministerie_gebruiker
    model = modeladmin.model
    paden = [
        *modeladmin.get_list_display(request), *modeladmin.get_list_filter(request),
        *modeladmin.get_search_fields(request), *(modeladmin.get_sortable_by(request) or []),
        *(modeladmin.get_ordering(request) or []), *modeladmin.get_fields(request),
        *modeladmin.get_readonly_fields(request), modeladmin.date_hierarchy or "",
    ]
    for pad in paden:
        if isinstance(pad, (list, tuple)):
            pad = pad[0]
        if isinstance(pad, str):
            assert not vertrouwelijkheid.pad_verborgen(ministerie_gebruiker, model, pad), (model, pad)


# --- Lookups: every field × every lookup × admin, API and public pages -------------------------------


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
@pytest.mark.parametrize("lookup", list(LOOKUPS))
@pytest.mark.parametrize("veld", VELDEN, ids=lambda v: v[1])
def test_geen_lookup_op_een_vertrouwelijk_veld_verraadt_iets(request, geheimen, rol, lookup, veld):
    actor = _actor(request, rol)
    treffer, mis = LOOKUPS[lookup](WAARDEN[veld])
    achter = f"__{lookup}" if lookup else ""
    model, naam = veld

    client = admin_client(actor)
    for lijst, pad in ADMIN_PADEN[veld]:
        url = f"/admin/{lijst}/?{pad}{achter}={{raden}}"
        assert_geen_orakel(client, url, treffer, mis, admin_pagina=True, anoniem=actor is None)

    api = client_voor(actor)
    record = geheimen["audit" if model == "certification.audit" else "besluit"]
    for parameter in {f"{naam}{achter}", f"{camel(naam)}{achter}", camel(f"{naam}{achter}")}:
        for url in (
            API_LIJST[model], f"{API_LIJST[model]}/{record.pk}", "/api/v1/instellingen", "/api/v1/instellingen/JBN/tijdlijn",
            "/api/v1/wijzigingen",
        ):
            assert_geen_orakel(api, f"{url}?{parameter}={{raden}}", treffer, mis, admin_pagina=False, anoniem=actor is None)
    openbaar = Client()
    for pagina in OPENBARE_PAGINAS:
        assert_geen_orakel(openbaar, f"{pagina}?{naam}{achter}={{raden}}", treffer, mis, admin_pagina=False, anoniem=True)


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
@pytest.mark.parametrize("veld", VELDEN, ids=lambda v: v[1])
def test_zoeken_verraadt_geen_vertrouwelijk_veld(request, geheimen, rol, veld):
    actor = _actor(request, rol)
    treffer, mis = LOOKUPS["icontains"](WAARDEN[veld])
    for volledig in (WAARDEN[veld], treffer):
        client = admin_client(actor)
        for lijst in ADMIN_ZOEKEN:
            url = f"{lijst}?q={{raden}}"
            if actor is None:
                assert_geen_orakel(client, url, volledig, mis, admin_pagina=True, anoniem=True)
            else:
                assert_geen_orakel(client, url, volledig, mis, admin_pagina=False, anoniem=False)
        autocomplete = "/admin/autocomplete/?app_label=certification&model_name=certificaatbesluit&field_name=audits&term={raden}"
        if actor is not None:
            assert_geen_orakel(client, autocomplete, volledig, mis, admin_pagina=False, anoniem=False)
        api = client_voor(actor)
        for url in (API_LIJST[veld[0]], "/api/v1/instellingen", "/api/v1/wijzigingen"):
            for parameter in ("search", "q", "zoek", "query"):
                assert_geen_orakel(api, f"{url}?{parameter}={{raden}}", volledig, mis, admin_pagina=False, anoniem=False)
        for pagina in OPENBARE_PAGINAS:
            assert_geen_orakel(Client(), f"{pagina}?q={{raden}}", volledig, mis, admin_pagina=False, anoniem=True)


@pytest.mark.parametrize("veld", VELDEN, ids=lambda v: v[1])
def test_popup_kan_geen_vertrouwelijk_veld_als_sleutel_gebruiken(geheimen, ministerie_gebruiker, veld):
    """``_to_field`` would make the changelist popup show the field's value as the key of every row."""
    model, naam = veld
    url = f"/admin/{model.replace('.', '/')}/?_popup=1&_to_field={naam}"
    antwoord = admin_client(ministerie_gebruiker).get(url)
    assert antwoord.status_code == 400 and MARKER not in antwoord.content.decode()


def _wissel_geheimen(geheimen):
    """Swap the confidential values of the two audits (their public fields are equal), without history."""
    een, twee = geheimen["audit"], geheimen["tweede"]
    Audit.objects.filter(pk=een.pk).update(samenvatting=TWEEDE, rapportkenmerk=TWEEDE, **UITKOMST_TWEEDE)
    Audit.objects.filter(pk=twee.pk).update(
        samenvatting=WAARDEN[("certification.audit", "samenvatting")], rapportkenmerk=WAARDEN[("certification.audit", "rapportkenmerk")],
        **{veld: waarde for (_, veld), waarde in UITKOMST.items()},
    )


SORTERINGEN = [str(i) for i in range(-1, 12)] + [f"-{i}" for i in range(12)] + ["0.1", "1.-0", "samenvatting", "-rapportkenmerk"]


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
def test_sorteren_verraadt_geen_vertrouwelijke_volgorde(request, geheimen, rol):
    """Ordering by any column (admin ``o``) or any API ordering parameter gives the same page whatever
    the confidential values are: swapping them between two audits changes nothing."""
    actor = _actor(request, rol)
    client, api = admin_client(actor), client_voor(actor)
    urls = [(client, f"{lijst}?o={o}") for lijst in ADMIN_LIJSTEN for o in SORTERINGEN] if actor else []
    for parameter in ("ordering", "sort", "o", "order_by", "sorteer"):
        # five values: the public's requests stay within the API's rate limit
        for waarde in ("samenvatting", "-rapportkenmerk", "motiveringVertrouwelijk", "-aantalKritischeAfwijkingen",
                       "hersteltermijn"):
            urls += [(api, f"/api/v1/audits?{parameter}={waarde}"), (api, f"/api/v1/certificaatbesluiten?{parameter}={waarde}")]
    voor = [(url, c.get(url)) for c, url in urls]
    _wissel_geheimen(geheimen)
    for (url, eerst), (c, _) in zip(voor, urls):
        daarna = c.get(url)
        assert (eerst.status_code, normaal(eerst)) == (daarna.status_code, normaal(daarna)), url
        assert MARKER not in normaal(daarna), url


# --- Forms, history pages and the change feed -------------------------------------------------------


def _vertrouwelijk_bijwerken(geheimen, kmi):
    """KMI edits only confidential fields (with a reason that quotes them): the findings, the audit uitkomst and the
    vertrouwelijke motivering and afweging."""
    audit_corrigeren(
        actor=kmi, audit=geheimen["audit"], reden=GEHEIME_REDEN, samenvatting=f"{MARKER}-NIEUW",
        aantal_kritische_afwijkingen=0, aantal_afwijkingen=None, hersteltermijn=dt.date(2025, 4, 1),
    )
    certificaatbesluit_corrigeren(
        actor=kmi, besluit=geheimen["besluit"], reden=GEHEIME_REDEN, motivering_vertrouwelijk=f"{MARKER}-NIEUW",
        afweging_vertrouwelijk=f"{MARKER}-AFWEGING-NIEUW",
    )


def _historie_urls(geheimen):
    audit, besluit = geheimen["audit"], geheimen["besluit"]
    return [
        f"/admin/certification/audit/{audit.pk}/change/",
        f"/admin/certification/audit/{audit.pk}/history/",
        f"/admin/certification/certificaatbesluit/{besluit.pk}/change/",
        f"/admin/certification/certificaatbesluit/{besluit.pk}/history/",
        *[f"/admin/certification/audit/{audit.pk}/history/{h.history_id}/" for h in audit.history.all()],
        *[f"/admin/certification/certificaatbesluit/{besluit.pk}/history/{h.history_id}/" for h in besluit.history.all()],
        f"/admin/register/instelling/{geheimen['gi'].pk}/change/",
    ]


def test_admin_formulieren_en_historie_tonen_het_ministerie_niets_vertrouwelijks(geheimen, kmi_gebruiker, ministerie_gebruiker):
    client = admin_client(ministerie_gebruiker)
    voor = {url: client.get(url) for url in _historie_urls(geheimen)}
    _vertrouwelijk_bijwerken(geheimen, kmi_gebruiker)
    for url, eerst in voor.items():
        assert eerst.status_code == 200, url
        daarna = client.get(url)
        for veld in ("samenvatting", "rapportkenmerk", "motivering_vertrouwelijk", "afweging_vertrouwelijk",
                     "aantal_kritische_afwijkingen", "aantal_afwijkingen", "hersteltermijn"):
            assert f'name="{veld}"' not in normaal(daarna), (url, veld)
        assert MARKER not in normaal(daarna), url
        if "/change/" not in url:  # the change form shows 'gewijzigd op'; the history is unchanged
            assert normaal(eerst) == normaal(daarna), f"{url}: a confidential-only edit shows in the history"
    # The version made by the confidential-only edit does not exist for the ministry.
    verborgen = geheimen["audit"].history.latest("history_id")
    antwoord = client.get(f"/admin/certification/audit/{geheimen['audit'].pk}/history/{verborgen.history_id}/")
    onbekend = client.get(f"/admin/certification/audit/{geheimen['audit'].pk}/history/{verborgen.history_id + 999}/")
    assert antwoord.status_code == onbekend.status_code == 404


def test_admin_historie_van_een_gemengde_correctie_zonder_reden(geheimen, kmi_gebruiker, ministerie_gebruiker):
    audit_corrigeren(
        actor=kmi_gebruiker, audit=geheimen["audit"], reden=GEHEIME_REDEN, samenvatting=f"{MARKER}-NIEUW", normenkader_versie="2024"
    )
    body = normaal(admin_client(ministerie_gebruiker).get(f"/admin/certification/audit/{geheimen['audit'].pk}/history/"))
    assert "Normenkader-versie" in body and MARKER not in body
    lezer = normaal(admin_client(kmi_gebruiker).get(f"/admin/certification/audit/{geheimen['audit'].pk}/history/"))
    assert GEHEIME_REDEN in lezer and f"{MARKER}-NIEUW" in lezer


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
def test_wijzigingenstroom_toont_geen_vertrouwelijke_wijziging(request, geheimen, kmi_gebruiker, rol):
    api = client_voor(_actor(request, rol))
    voor = api.get("/api/v1/wijzigingen?pageSize=200")
    _vertrouwelijk_bijwerken(geheimen, kmi_gebruiker)
    daarna = api.get("/api/v1/wijzigingen?pageSize=200")
    assert daarna.status_code == 200
    assert normaal(voor) == normaal(daarna), "a confidential-only edit must not show in the feed"
    assert MARKER not in daarna.content.decode()
    # Page counts stay right: small pages hold exactly the visible items.
    klein = api.get("/api/v1/wijzigingen?pageSize=3").json()
    assert klein["count"] == daarna.json()["count"] and len(klein["results"]) == 3


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
def test_wijzigingenstroom_noemt_de_organisatie_niet_de_gebruiker(request, geheimen, kmi_gebruiker, inspecteur, beheerder, rol):
    body = client_voor(_actor(request, rol)).get("/api/v1/wijzigingen?pageSize=200")
    tekst = body.content.decode()
    for naam in (kmi_gebruiker.username, inspecteur.username, beheerder.username):
        assert naam not in tekst
    items = body.json()["results"]
    assert all("gebruiker" not in w for w in items)
    per_resource = {w["resource"]: w["organisatie"] for w in items}
    assert per_resource["audits"] == "Keurmerkinstituut"
    assert per_resource["toezichtbesluiten"] == "Inspecties (IGJ / Inspectie JenV)"
    assert per_resource["instellingen"] == "Functioneel beheer"


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
def test_wijzigingenstroom_gemengde_correctie_zonder_reden(request, geheimen, kmi_gebruiker, rol):
    audit_corrigeren(
        actor=kmi_gebruiker, audit=geheimen["audit"], reden=GEHEIME_REDEN, samenvatting=f"{MARKER}-NIEUW", normenkader_versie="2024"
    )
    items = client_voor(_actor(request, rol)).get("/api/v1/wijzigingen?pageSize=200").json()["results"]
    laatste = [w for w in items if w["resource"] == "audits" and w["id"] == geheimen["audit"].pk][-1]
    assert laatste["gegevens"] == {"normenkaderVersie": "2024"}
    assert laatste["reden"] is None


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
def test_wijzigingenstroom_redenen_alleen_waar_geen_vertrouwelijk_veld_is(request, geheimen, kmi_gebruiker, inspecteur, rol):
    """The reason of a change to an audit or certificaatbesluit is free text that may quote a confidential
    field: withheld for every such change alike. Reasons of other records stay public."""
    audit_corrigeren(actor=kmi_gebruiker, audit=geheimen["audit"], reden="Aantal afwijkingen gecorrigeerd", normenkader_versie="2024")
    items = client_voor(_actor(request, rol)).get("/api/v1/wijzigingen?pageSize=200").json()["results"]
    redenen = {(w["resource"], w["type"]): w["reden"] for w in items}
    assert redenen[("audits", "update")] is None and redenen[("audits", "create")] is None
    assert redenen[("certificaatbesluiten", "create")] is None
    assert redenen[("toezichtbesluiten", "create")] == "Geregistreerd"
    lezer = client_voor(kmi_gebruiker).get("/api/v1/wijzigingen?pageSize=200").json()["results"]
    assert [w["reden"] for w in lezer if w["resource"] == "audits"][-1] == "Aantal afwijkingen gecorrigeerd"


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
def test_wijzigingenstroom_toont_gekoppelde_audits_ook_na_een_vertrouwelijke_correctie(request, geheimen, kmi_gebruiker, rol):
    """Linking an audit is a public change, also when the same correction changed a confidential field."""
    api = client_voor(_actor(request, rol))
    voor = api.get("/api/v1/wijzigingen?pageSize=200").json()
    besluit, audit, tweede = geheimen["besluit"], geheimen["audit"], geheimen["tweede"]
    certificaatbesluit_corrigeren(
        actor=kmi_gebruiker, besluit=besluit, reden=GEHEIME_REDEN, motivering_vertrouwelijk=f"{MARKER}-NIEUW",
        audits=[audit, tweede],
    )
    daarna = api.get("/api/v1/wijzigingen?pageSize=200")
    assert MARKER not in daarna.content.decode()
    nieuw = daarna.json()["results"][len(voor["results"]):]
    assert daarna.json()["count"] == voor["count"] + 1
    assert [(w["resource"], w["gegevens"], w["reden"]) for w in nieuw] == [
        ("certificaatbesluiten", {"audits": sorted([audit.pk, tweede.pk])}, None)
    ]


# --- Public pages, exports and renderers -------------------------------------------------------------


def test_openbare_paginas_veranderen_niet_door_een_vertrouwelijke_wijziging(geheimen, kmi_gebruiker):
    voor = {url: Client().get(url) for url in OPENBARE_PAGINAS}
    _vertrouwelijk_bijwerken(geheimen, kmi_gebruiker)
    for url, eerst in voor.items():
        daarna = Client().get(url)
        assert eerst.status_code == daarna.status_code == 200, url
        assert normaal(eerst) == normaal(daarna), url
        assert MARKER not in normaal(daarna), url


def test_openbaar_kameroverzicht_in_elk_formaat_zonder_vertrouwelijke_velden(geheimen, ministerie_gebruiker, kmi_gebruiker):
    overzicht = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2024, variant="openbaar")
    web, api = admin_client(ministerie_gebruiker), client_voor(ministerie_gebruiker)
    uitvoer = {
        "api-json": api.get(f"/api/v1/kameroverzichten/{overzicht.pk}/json").content.decode(),
        "api-pdf": "\n".join(pdf_tekst(api.get(f"/api/v1/kameroverzichten/{overzicht.pk}/pdf").content)),
        "api-detail": api.get(f"/api/v1/kameroverzichten/{overzicht.pk}").content.decode(),
        "openbare-html": Client().get("/kameroverzicht/?jaar=2024").content.decode(),
    }
    for formaat in ("json", "csv", "html"):
        uitvoer[f"web-{formaat}"] = web.get(f"/kameroverzicht/archief/{overzicht.pk}/{formaat}").content.decode("utf-8-sig")
    uitvoer["web-pdf"] = "\n".join(pdf_tekst(web.get(f"/kameroverzicht/archief/{overzicht.pk}/pdf").content))
    for formaat, tekst in uitvoer.items():
        assert "JBN" in tekst or formaat == "api-detail", formaat
        assert MARKER not in tekst, formaat
    # An edit of confidential fields only leaves the openbaar overview byte for byte the same.
    _vertrouwelijk_bijwerken(geheimen, kmi_gebruiker)
    daarna = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2024, variant="openbaar")
    assert (daarna.data_sha256, daarna.pdf_sha256) == (overzicht.data_sha256, overzicht.pdf_sha256)
    gi = next(gi for gi in overzicht.data["instellingen"] if gi["afkorting"] == "JBN")
    geheim = set(vertrouwelijkheid.vertrouwelijke_velden(Audit)) | set(vertrouwelijkheid.vertrouwelijke_velden(Certificaatbesluit))
    assert gi["audits"] and gi["certificaatbesluiten"]
    assert not geheim & {k for item in gi["audits"] + gi["certificaatbesluiten"] for k in item}


def test_openbaar_aanleidingenoverzicht_in_elk_formaat_zonder_vertrouwelijke_velden(geheimen, ministerie_gebruiker, kmi_gebruiker):
    """The aanleidingenoverzicht (DESIGN.md §5a) through every door: the archive pages, the API and the command's
    files hold no confidential value (audit samenvatting, rapportkenmerk and uitkomst, motivering and afweging
    vertrouwelijk), also after an edit of only those fields (byte for byte the same)."""
    van, tot = dt.date(2024, 11, 1), dt.date(2025, 12, 31)
    overzicht = aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=van, tot=tot, variant="openbaar")
    web, api = admin_client(ministerie_gebruiker), client_voor(ministerie_gebruiker)
    uitvoer = {
        "api-json": api.get(f"/api/v1/aanleidingenoverzichten/{overzicht.pk}/json").content.decode(),
        "api-csv": api.get(f"/api/v1/aanleidingenoverzichten/{overzicht.pk}/csv").content.decode("utf-8-sig"),
        "api-pdf": "\n".join(pdf_tekst(api.get(f"/api/v1/aanleidingenoverzichten/{overzicht.pk}/pdf").content)),
        "api-detail": api.get(f"/api/v1/aanleidingenoverzichten/{overzicht.pk}").content.decode(),
        "api-lijst": api.get("/api/v1/aanleidingenoverzichten").content.decode(),
        "web-archief": web.get("/kameroverzicht/aanleidingen/").content.decode(),
        "web-detail": web.get(f"/kameroverzicht/aanleidingen/{overzicht.pk}/").content.decode(),
        "admin": web.get(f"/admin/reports/aanleidingenoverzicht/{overzicht.pk}/change/").content.decode(),
    }
    for formaat in ("json", "csv", "html"):
        uitvoer[f"web-{formaat}"] = web.get(f"/kameroverzicht/aanleidingen/{overzicht.pk}/{formaat}").content.decode("utf-8-sig")
    uitvoer["web-pdf"] = "\n".join(pdf_tekst(web.get(f"/kameroverzicht/aanleidingen/{overzicht.pk}/pdf").content))
    for formaat, tekst in uitvoer.items():
        assert "JBN" in tekst or formaat in ("api-detail", "api-lijst", "web-archief", "web-detail", "admin"), formaat
        assert MARKER not in tekst and TWEEDE not in tekst, formaat
        assert "hersteltermijn" not in tekst.lower() and "17-03-2025" not in tekst and "2025-03-17" not in tekst, formaat
    assert "Afweging vastgelegd (vertrouwelijk)" in " ".join(uitvoer["web-pdf"].split())  # that it exists, never its text
    _vertrouwelijk_bijwerken(geheimen, kmi_gebruiker)
    daarna = aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=van, tot=tot, variant="openbaar")
    assert (daarna.data_sha256, daarna.pdf_sha256) == (overzicht.data_sha256, overzicht.pdf_sha256)
    # the vertrouwelijk variant of a toezichthouder holds them
    geheim = aanleidingenoverzicht_genereren(actor=kmi_gebruiker, van=van, tot=tot, variant="vertrouwelijk")
    tekst = "\n".join(pdf_tekst(bytes(geheim.pdf)))
    for waarde in (f"Vertrouwelijke motivering: {MARKER}-NIEUW", f"Afweging (vertrouwelijk): {MARKER}-AFWEGING-NIEUW"):
        assert waarde in " ".join(tekst.split()), waarde


# --- Readers with the right still see and follow what they should -------------------------------------


@pytest.mark.parametrize("rol", ["kmi", "rva"])
def test_lezers_zien_en_zoeken_vertrouwelijke_velden(request, geheimen, kmi_gebruiker, rol):
    lezer = _actor(request, rol)
    client = admin_client(lezer)
    audit = geheimen["audit"]
    formulier = client.get(f"/admin/certification/audit/{audit.pk}/change/").content.decode()
    assert WAARDEN[("certification.audit", "samenvatting")] in formulier
    assert WAARDEN[("certification.audit", "rapportkenmerk")] in formulier
    # Searching on the rapportkenmerk is offered to readers: it finds the audit, a wrong guess does not.
    raak = client.get("/admin/certification/audit/", {"q": WAARDEN[("certification.audit", "rapportkenmerk")]}).content.decode()
    mis = client.get("/admin/certification/audit/", {"q": "ONJUIST-RADEN-3X"}).content.decode()
    assert f"/admin/certification/audit/{audit.pk}/change/" in raak
    assert f"/admin/certification/audit/{audit.pk}/change/" not in mis
    # The filters the admin offers still work, for every role; other lookups are refused for everyone.
    gefilterd = client.get("/admin/certification/audit/", {"instelling__id__exact": geheimen["gi"].pk, "startdatum__year": 2024})
    assert gefilterd.status_code == 200 and f"/admin/certification/audit/{audit.pk}/change/" in gefilterd.content.decode()
    assert client.get("/admin/certification/audit/", {"samenvatting__contains": "MARKER"}).status_code == 400
    # API and change feed: values, a confidential-only edit with its reason, and who made it.
    api = client_voor(lezer)
    assert api.get(f"/api/v1/audits/{audit.pk}").json()["samenvatting"] == WAARDEN[("certification.audit", "samenvatting")]
    _vertrouwelijk_bijwerken(geheimen, kmi_gebruiker)
    items = api.get("/api/v1/wijzigingen?pageSize=200").json()["results"]
    laatste = [w for w in items if w["resource"] == "audits" and w["id"] == audit.pk][-1]
    assert laatste["gegevens"] == {
        "samenvatting": f"{MARKER}-NIEUW", "aantalKritischeAfwijkingen": 0, "aantalAfwijkingen": None,
        "hersteltermijn": "2025-04-01",
    } and laatste["reden"] == GEHEIME_REDEN
    assert laatste["gebruiker"] == kmi_gebruiker.username and laatste["organisatie"] == "Keurmerkinstituut"
    historie = client.get(f"/admin/certification/audit/{audit.pk}/history/").content.decode()
    assert GEHEIME_REDEN in historie


# --- The audit uitkomst and the vertrouwelijke afweging (DESIGN.md §3, Audit and Afweging) -------------------------


@pytest.mark.parametrize("rol", ["ministerie", "publiek"])
@pytest.mark.parametrize("lookup", list(UITKOMST_LOOKUPS))
@pytest.mark.parametrize("veld", UITKOMST_VELDEN, ids=lambda v: v[1])
def test_geen_lookup_op_de_audituitkomst_verraadt_iets(request, geheimen, rol, lookup, veld):
    """A count or the hersteltermijn guessed (equal, above, below, null or not) through the admin, the API and the
    public pages: refused or answered the same."""
    actor = _actor(request, rol)
    treffer, mis = UITKOMST_LOOKUPS[lookup](UITKOMST[veld])
    achter = f"__{lookup}" if lookup else ""
    _, naam = veld
    client = admin_client(actor)
    for lijst, pad in ADMIN_PADEN[veld]:
        assert_geen_orakel(client, f"/admin/{lijst}/?{pad}{achter}={{raden}}", treffer, mis, admin_pagina=True,
                           anoniem=actor is None)
    api = client_voor(actor)
    for parameter in {f"{naam}{achter}", f"{camel(naam)}{achter}", camel(f"{naam}{achter}")}:
        for url in (API_LIJST["certification.audit"], f"{API_LIJST['certification.audit']}/{geheimen['audit'].pk}",
                    "/api/v1/instellingen", "/api/v1/instellingen/JBN/tijdlijn", "/api/v1/wijzigingen"):
            assert_geen_orakel(api, f"{url}?{parameter}={{raden}}", treffer, mis, admin_pagina=False, anoniem=actor is None,
                               als_waarde=True)
    for pagina in OPENBARE_PAGINAS:
        assert_geen_orakel(Client(), f"{pagina}?{naam}{achter}={{raden}}", treffer, mis, admin_pagina=False, anoniem=True,
                           als_waarde=True)


UITKOMST_CAMEL = ("aantalKritischeAfwijkingen", "aantalAfwijkingen", "hersteltermijn")


@pytest.mark.parametrize("rol, leest", [("publiek", False), ("ministerie", False), ("kmi", True), ("rva", True)])
def test_audituitkomst_en_vertrouwelijke_afweging_per_rol_in_de_api(request, geheimen, rol, leest):
    """Anonymous and the ministry: the keys are absent (not null) from the audits, the certificaatbesluiten, the
    timeline's records and the change feed; KMI and RvA read the values."""
    api = client_voor(_actor(request, rol))
    audit = api.get(f"/api/v1/audits/{geheimen['audit'].pk}").json()
    besluit = api.get(f"/api/v1/certificaatbesluiten/{geheimen['besluit'].pk}").json()
    lijst = api.get("/api/v1/audits").json()
    feed = api.get("/api/v1/wijzigingen?pageSize=200").json()["results"]
    audit_feed = [w["gegevens"] for w in feed if w["resource"] == "audits"]
    besluit_feed = [w["gegevens"] for w in feed if w["resource"] == "certificaatbesluiten"]
    for sleutel in UITKOMST_CAMEL:
        assert (sleutel in audit) is leest, sleutel
        assert all((sleutel in a) is leest for a in lijst["results"]), sleutel
        assert any(sleutel in g for g in audit_feed) is leest, sleutel
    assert ("afwegingVertrouwelijk" in besluit) is leest
    assert any("afwegingVertrouwelijk" in g for g in besluit_feed) is leest
    if leest:
        assert audit["aantalKritischeAfwijkingen"] == 7 and audit["hersteltermijn"] == "2025-03-17"
        assert besluit["afwegingVertrouwelijk"] == WAARDEN[("certification.certificaatbesluit", "afweging_vertrouwelijk")]
    # what the public may know of the afweging: none of the KMI's public text, and its herkomst
    assert besluit["afweging"] == "" and besluit["afwegingHerkomst"] == "kmi"


def test_openapi_noemt_onbekend_bij_de_audituitkomst():
    """The API gives a count that was not recorded as null; the description says that null is onbekend, and who
    may read it."""
    schema = client_voor().get("/api/v1/openapi.json").json()["components"]["schemas"]["Audit"]["properties"]
    for sleutel in UITKOMST_CAMEL:
        assert "onbekend" in schema[sleutel]["description"] and "Vertrouwelijk" in schema[sleutel]["description"]


def test_open_data_heeft_geen_kolom_voor_de_audituitkomst(geheimen):
    from opendata import exports

    assert not {"aantal_kritische_afwijkingen", "aantal_afwijkingen", "hersteltermijn"} & set(exports.REGISTRATIE_KOLOMMEN)
    audits = [r for r in exports.registraties() if r["soort"] == "audit"]
    assert audits and all(set(r) == set(exports.REGISTRATIE_KOLOMMEN) for r in audits)


@pytest.mark.parametrize("variant, toont", [("openbaar", False), ("vertrouwelijk", True)])
def test_kameroverzicht_toont_de_audituitkomst_alleen_vertrouwelijk(geheimen, kmi_gebruiker, variant, toont):
    overzicht = kameroverzicht_genereren(actor=kmi_gebruiker, jaar=2024, variant=variant)
    [audit, _] = next(gi for gi in overzicht.data["instellingen"] if gi["afkorting"] == "JBN")["audits"]
    assert ("aantal_kritische_afwijkingen" in audit) is toont
    pdf = "\n".join(pdf_tekst(bytes(overzicht.pdf)))
    assert ("kritische afwijkingen: 7" in pdf) is toont
    assert ("uitkomst vertrouwelijk" in pdf) is not toont
    besluit = next(gi for gi in overzicht.data["instellingen"] if gi["afkorting"] == "JBN")["certificaatbesluiten"][0]
    assert besluit["afweging_vertrouwelijk_vastgelegd"] is True
    assert ("afweging_vertrouwelijk" in besluit) is toont
    if not toont:
        assert "Afweging vastgelegd (vertrouwelijk)." in pdf
