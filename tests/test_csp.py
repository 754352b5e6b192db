"""Content-Security-Policy (django-csp) on every kind of HTML page: public pages, the Kamer overview pages, the
admin (login, lists, forms, history), the lock-out page and the API documentation. Each page must still work under
its own policy: every inline script or style it contains is allowed by a nonce or hash, scripts and style sheets
come from the register itself, and those files are actually served."""

import base64
import datetime as dt
import hashlib
from html.parser import HTMLParser

import pytest
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from certification.models import Audit
from reports.services import kameroverzicht_genereren
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


def beleid(response) -> dict[str, list[str]]:
    kop = response.get("Content-Security-Policy")
    assert kop, f"{getattr(response, 'request', {}).get('PATH_INFO')} heeft geen Content-Security-Policy"
    directives = {}
    for deel in kop.split(";"):
        woorden = deel.split()
        if woorden:
            directives[woorden[0]] = woorden[1:]
    return directives


def bronnen(directives, *namen) -> list[str]:
    """The sources of the first directive present (CSP fallback, e.g. style-src-elem -> style-src -> default-src)."""
    for naam in (*namen, "default-src"):
        if naam in directives:
            return directives[naam]
    return []


def toegestaan_inline(sources, inhoud: str, nonce: str | None, attribuut: bool = False) -> bool:
    digest = "'sha256-%s'" % base64.b64encode(hashlib.sha256(inhoud.encode()).digest()).decode()
    heeft_nonce_of_hash = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in sources)
    if "'unsafe-inline'" in sources and not heeft_nonce_of_hash:
        return True
    if nonce and f"'nonce-{nonce}'" in sources and not attribuut:
        return True
    return digest in sources and (not attribuut or "'unsafe-hashes'" in sources)


class Pagina(HTMLParser):
    """What a browser would load or execute from a page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.inline_scripts, self.inline_styles, self.style_attributen = [], [], []
        self.handlers, self.scripts, self.stylesheets, self.afbeeldingen = [], [], [], []
        self._open, self._tekst = None, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for naam, waarde in attrs:
            if naam.startswith("on"):
                self.handlers.append(f"<{tag} {naam}>")
            if naam == "style":
                self.style_attributen.append(waarde or "")
            if naam in ("href", "src", "action") and (waarde or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {naam}=javascript:>")
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "script" and (a.get("type") or "text/javascript") not in ("application/json", "application/ld+json"):
            self._open, self._tekst = ("script", a.get("nonce")), []
        elif tag == "style":
            self._open, self._tekst = ("style", a.get("nonce")), []
        elif tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.stylesheets.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.afbeeldingen.append(a["src"])

    def handle_data(self, data):
        if self._open:
            self._tekst.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            lijst = self.inline_scripts if tag == "script" else self.inline_styles
            lijst.append(("".join(self._tekst), self._open[1]))
            self._open = None


def eigen_bron(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") or url.startswith("http://testserver/")


def controleer(response) -> Pagina:
    """The page carries a policy under which everything in it works, and loads nothing from elsewhere."""
    pad = response.request["PATH_INFO"]
    assert response["Content-Type"].startswith("text/html"), pad
    directives = beleid(response)
    script_src = bronnen(directives, "script-src-elem", "script-src")
    assert "'unsafe-inline'" not in bronnen(directives, "script-src") and "'unsafe-eval'" not in script_src, pad
    assert directives.get("frame-ancestors") == ["'none'"] and directives.get("base-uri") == ["'none'"], pad
    pagina = Pagina(response.content.decode())
    assert not pagina.handlers, (pad, pagina.handlers)
    for inhoud, nonce in pagina.inline_scripts:
        assert toegestaan_inline(script_src, inhoud, nonce), (pad, "inline script", inhoud[:80])
    for inhoud, nonce in pagina.inline_styles:
        assert toegestaan_inline(bronnen(directives, "style-src-elem", "style-src"), inhoud, nonce), (pad, inhoud[:80])
    for inhoud in pagina.style_attributen:
        assert toegestaan_inline(bronnen(directives, "style-src-attr", "style-src"), inhoud, None, attribuut=True), (pad, inhoud)
    for url in pagina.scripts + pagina.stylesheets:
        assert eigen_bron(url), (pad, url)
    for url in pagina.afbeeldingen:
        assert eigen_bron(url) or url.startswith("data:") and "data:" in bronnen(directives, "img-src"), (pad, url)
    return pagina


def laadt_alles(client, pagina: Pagina, scripts_verplicht: bool = True):
    """The scripts and style sheets a page references are served by the register itself."""
    assert pagina.stylesheets or pagina.inline_styles
    assert pagina.scripts or not scripts_verplicht
    for url in pagina.scripts + pagina.stylesheets:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            assert b"".join(response.streaming_content), url  # read to the end, which also closes the file


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
    audit = maak.audit(kmi_gebruiker, gi, D(2024, 12, 1), samenvatting="bevindingen")
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), audits=[audit])
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "grotendeels_onvoldoende"})
    return gi


@pytest.mark.parametrize("url", ["/", "/?datum=2025-08-01", "/instellingen/JBN", "/toegankelijkheid", "/kameroverzicht/"])
def test_openbare_paginas(register, url):
    client = Client()
    response = client.get(url)
    assert response.status_code == 200
    laadt_alles(client, controleer(response), scripts_verplicht=False)


def test_kameroverzicht_archief_detail_en_webpagina(register, ministerie_gebruiker):
    overzicht = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, variant="openbaar")
    client = Client()
    client.force_login(ministerie_gebruiker)
    for url in ["/kameroverzicht/archief/", f"/kameroverzicht/archief/{overzicht.pk}/", f"/kameroverzicht/archief/{overzicht.pk}/html"]:
        response = client.get(url)
        assert response.status_code == 200, url
        controleer(response)


def test_een_inline_style_met_de_nonce_van_het_verzoek_mag_en_de_nonce_verschilt_per_verzoek():
    middleware = CSPMiddleware(lambda request: HttpResponse())
    nonces = []
    for _ in range(2):
        request = RequestFactory().get("/")
        middleware.process_request(request)
        nonce = str(request.csp_nonce)  # what a template writes in nonce="{{ request.csp_nonce }}"
        response = middleware.process_response(request, HttpResponse())
        assert f"'nonce-{nonce}'" in beleid(response)["style-src"]
        assert "'nonce-" not in " ".join(beleid(response)["script-src"])  # inline scripts stay forbidden
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_admin_inlogpagina_en_blokkadepagina(kmi_gebruiker):
    client = Client()
    controleer(client.get("/admin/login/"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/admin/login/", {"username": kmi_gebruiker.username, "password": "fout"})
    assert response.status_code == 429
    controleer(response)


def _admin_urls(superuser):
    """Every kind of admin page: index, and per registered model its list, add form, change form and history."""
    urls = ["/admin/", "/admin/password_change/"]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:%s_%s_changelist" % info))
        object = model._default_manager.first()
        if object is not None:
            urls.append(reverse("admin:%s_%s_change" % info, args=[object.pk]))
            urls.append(reverse("admin:%s_%s_history" % info, args=[object.pk]))
    for app in admin.site.get_app_list(_verzoek(superuser)):
        for model in app["models"]:
            if model.get("add_url"):
                urls.append(model["add_url"])
    return urls


def _verzoek(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_elke_adminpagina(register, ministerie_gebruiker, beheerder, kmi_gebruiker, inspecteur, rva_gebruiker):
    """Each admin page as the first of these users that may open it (who may see what is not this test's concern)."""
    kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, variant="openbaar")
    superuser = User.objects.create_superuser("superbeheer", password="geheim-wachtwoord-123")
    clients = []
    for user in (superuser, beheerder, kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker):
        client = Client()
        client.force_login(user)
        clients.append(client)
    bekeken = set()
    for url in _admin_urls(superuser):
        for client in clients:
            response = client.get(url)
            if response.status_code == 200:
                controleer(response)
                bekeken.add(url)
                break
    soorten = {"/change/": 0, "/history/": 0, "/add/": 0}
    for url in bekeken:
        for soort in soorten:
            soorten[soort] += soort in url
    assert len(bekeken) > 20 and all(soorten.values()), (sorted(bekeken), soorten)


def test_admin_wijzigformulier_laadt_zijn_scripts_en_opmaak_van_het_register_zelf(register, kmi_gebruiker):
    client = Client()
    client.force_login(kmi_gebruiker)
    audit = Audit.objects.get()
    response = client.get(reverse("admin:certification_audit_change", args=[audit.pk]))
    assert response.status_code == 200
    pagina = controleer(response)
    assert any(url.endswith("admin/css/base.css") for url in pagina.stylesheets)
    laadt_alles(client, pagina)


def test_api_documentatie_werkt_onder_haar_eigen_beleid():
    client = Client()
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    pagina = controleer(response)
    directives = beleid(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]  # Swagger UI fetches openapi.json from the register itself
    assert len(response.headers.get("Content-Security-Policy").split(",")) == 1  # one policy, not two
    laadt_alles(client, pagina)
