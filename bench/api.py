"""Benchmark of the API and the public pages under load, on PostgreSQL, served as in production (scripts/serve).

    .venv/bin/python bench/api.py --gi 13 --jaren 10 --seconden 5 --herhaal 3
    .venv/bin/python bench/api.py --gi 500 --jaren 10 --database-url postgres://postgres@127.0.0.1:5432/bench_api_500

1. Drops and creates the PostgreSQL database of --database-url (never the environment's DATABASE_URL), migrates it
   and fills it with the synthetic register of bench/kameroverzicht.py (N GI's × J years × E events a year).
   --hergebruik keeps a database that an earlier run filled with as many GI's.
2. Starts scripts/serve (gunicorn, WEB_CONCURRENCY workers, DEBUG=0, a throw-away SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1) on a free port of 127.0.0.1, with three benchmark-only settings:
   - BENCH_VLOER=1 mounts the two floor views of api/vloer.py on the same stack (gunicorn, Django's middleware,
     the PostgreSQL connection): a constant JSON body, and one SELECT of 100 rows returned as JSON;
   - API_RATE_ANON and API_RATE_USER of 100000/s, so the rate limits never refuse the benchmark's anonymous
     clients while their counters are still read and written in the database cache on every API request, as in
     production;
   - MELDINGEN_DAGELIJKS=0: the daily evaluation of the signals, which scripts/serve starts beside gunicorn, does
     not run (at the start it would fall on the first paths only);
   - with --gzip every request also carries Accept-Encoding: gzip, as browsers and most HTTP libraries send it: a
     public page then comes as the cache keeps it (gzip), a tenth of its size; the clients do not unpack it. Without
     it (the default, as in every earlier measurement) a page is unpacked for each request and sent whole;
   - every request carries X-Forwarded-Proto: https with SECURE_PROXY_SSL_HEADER set, as behind the TLS proxy of
     production (so no redirect to HTTPS, and HSTS and secure cookies stay on).
   DATABASE_CONN_MAX_AGE is what scripts/serve makes of the environment (60 unless set).
3. Requests every path once (the first request: caches, lazy imports; with --schrijven also two first writes of
   every resource, printed apart), then for every path lets --clients threads
   (http.client, stdlib only, loopback only) request it for --seconden seconds, each as fast as answers come. The
   paths take turns of --plak seconds (floors, path 1, path 2, …, floors, path 1, …), so a burst of other work on
   the machine falls on every path and on the floors alike. Paths: the two floors, then the API reads and the
   public pages, all anonymous.
   Beside them a bare floor outside the project (bench/vloer_wsgi.py: the same SELECT of 100 rows in a WSGI app of
   its own, no Django, served by gunicorn with the workers and timeout of scripts/serve on another port), in the
   same turns; and the API reads with the token of a KMI account (``kmi:`` before the path).
   Mixed mode (--schrijven R): meanwhile a writer corrects, through the API with tokens, R records a second
   (certificaatbesluiten by the KMI, toezichtbesluiten and inspectieonderzoeken by the inspectie, of GI's taken in
   turn: a public field, so every write makes that GI's answers behind), and the report adds the writes per second
   reached and their p50/p99. Then, with no other load, the first read after a write: per path --na-schrijven
   times a write to the measured GI followed by one read of the path (the median and the maximum).
4. Prints per path: requests, requests per second, p50, p99 and the longest answer (max: a stall shows there; and the
   longest of the whole measurement) in milliseconds, and p99 as a multiple of the
   floors' p99 in the same run (also of the bare floor). With --herhaal K the measurement runs K times and every cell shows the minimum and
   the median over the runs. Non-200 answers are counted as errors (and fail the run).

The report names the git commit measured (BENCH_GIT_HEAD names it when the code is not a git checkout, such as
an export made with `git archive`). The server stops when the benchmark ends, also on Ctrl-C or an error. The clients and the server share the
machine's cores, as do other processes: repeat (--herhaal) and compare with the floors rather than across machines.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASIS))

VLOER_CONSTANT = "/api/bench-vloer/constant"
VLOER_SELECT100 = "/api/bench-vloer/select100"
VLOER_KAAL = "kaal:/select100"  # bench/vloer_wsgi.py, outside the project
PADEN = (
    "/api/v1/instellingen/{afkorting}/tijdlijn",
    "/api/v1/signalen?jaar={jaar}",
    "/",
    "/instellingen/{afkorting}",
    "/kameroverzicht/?jaar={jaar}",
    "/api/v1/certificaatbesluiten?pageSize=100",
    "/api/v1/instellingen/{afkorting}/status",
    "/api/v1/instellingen",
    "kmi:/api/v1/instellingen/{afkorting}/status",
    "kmi:/api/v1/instellingen/{afkorting}/tijdlijn",
)
KOPPEN = {"X-Forwarded-Proto": "https", "Accept": "*/*"}
# Where a path goes: the port of the bare floor, the token of a path that names an account (filled in by main).
POORTEN: dict[str, int] = {}
TOKENS: dict[str, str] = {}


def _opties():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gi", type=int, default=13, help="aantal instellingen (standaard 13)")
    parser.add_argument("--jaren", type=int, default=10, help="jaren gegevens per instelling (standaard 10)")
    parser.add_argument("--events", type=int, default=6, help="gebeurtenissen per instelling per jaar (standaard 6)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_api",
                        help="eigen PostgreSQL-database; wordt leeggemaakt (standaard %(default)s)")
    parser.add_argument("--hergebruik", action="store_true",
                        help="een eerder gevulde database met evenveel instellingen houden in plaats van opnieuw vullen")
    parser.add_argument("--seconden", type=float, default=10, help="meetduur per pad in seconden (standaard 10)")
    parser.add_argument("--herhaal", type=int, default=1, help="zo vaak de hele meting; toont minimum en mediaan")
    parser.add_argument("--plak", type=float, default=1.0,
                        help="de paden komen om beurten aan bod, zo veel seconden per beurt (standaard 1)")
    parser.add_argument("--clients", type=int, default=8, help="gelijktijdige clients (standaard 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-workers, WEB_CONCURRENCY (standaard 2)")
    parser.add_argument("--schrijven", type=float, default=0,
                        help="correcties per seconde via de API tijdens de meting (standaard 0: alleen lezen)")
    parser.add_argument("--na-schrijven", type=int, default=3,
                        help="zo vaak per pad een schrijving gevolgd door één lezing (standaard 3; 0: overslaan)")
    parser.add_argument("--gzip", action="store_true",
                        help="elk verzoek met Accept-Encoding: gzip, zoals een browser en de meeste HTTP-bibliotheken "
                             "het sturen (de openbare pagina's komen dan ingepakt zoals bewaard; de clients pakken niet uit)")
    opties = parser.parse_args()
    if opties.gzip:
        KOPPEN["Accept-Encoding"] = "gzip"
    if opties.schrijven < 0 or opties.na_schrijven < 0:
        parser.error("--schrijven en --na-schrijven mogen niet negatief zijn.")
    if opties.gi < 1 or opties.jaren < 1 or opties.seconden <= 0 or opties.plak <= 0 or opties.herhaal < 1 or opties.clients < 1:
        parser.error("--gi, --jaren, --herhaal en --clients moeten minstens 1 zijn, --seconden en --plak positief.")
    if not opties.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url moet een PostgreSQL-database zijn (postgres://…/naam).")
    return opties


# -- the database ---------------------------------------------------------------------------------------------------


def _django_omgeving(database_url: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1"}


def vullen(opties) -> tuple[str, int, str]:
    """(afkorting of the first GI, the overview year, a line about the data) after filling or reusing the database."""
    from kameroverzicht import _vullen, lege_postgres

    if not opties.hergebruik:
        lege_postgres(opties.database_url)
    os.environ.update(_django_omgeving(opties.database_url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "register.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from register.klok import vandaag
    from register.models import Instelling

    laatste_jaar = vandaag().year - 1
    call_command("migrate", verbosity=0)
    aantal = Instelling.objects.count()
    if opties.hergebruik and aantal == opties.gi:
        regel = f"bestaande database met {aantal} instellingen"
    else:
        if aantal:
            sys.exit(f"De database bevat al {aantal} instellingen; laat --hergebruik weg om haar leeg te maken.")
        begin = time.perf_counter()
        aantallen = _vullen(opties.gi, opties.jaren, opties.events, laatste_jaar)
        regel = (f"{sum(aantallen.values()) + opties.gi} records "
                 f"({', '.join(f'{k} {v}' for k, v in aantallen.items())}), gevuld in {time.perf_counter() - begin:.1f} s")
    afkorting = Instelling.objects.order_by("afkorting").values_list("afkorting", flat=True).first()
    _schrijvers_en_records(afkorting)
    connections.close_all()
    return afkorting, laatste_jaar, regel


# The records the writer corrects, per resource (the role whose token writes it): (id, afkorting of its GI).
RECORDS: dict[str, list[tuple[int, str]]] = {}
SCHRIJVER = {"certificaatbesluiten": "kmi", "toezichtbesluiten": "inspectie", "inspectieonderzoeken": "inspectie"}


def _schrijvers_en_records(afkorting: str) -> None:
    """An account with a token for the KMI and the inspectie (a password, so not a system account; new tokens each
    run), and the records the writer corrects, per resource."""
    from django.contrib.auth.models import Group, User

    from certification.models import Certificaatbesluit
    from gebruikers.models import ApiToken
    from register import roles
    from supervision.models import OnderzochteInstelling, Toezichtbesluit

    for rol in ("kmi", "inspectie"):
        user, _ = User.objects.get_or_create(username=f"bench-{rol}")
        user.set_password(secrets.token_urlsafe(24))
        user.save()
        user.groups.set([Group.objects.get(name={"kmi": roles.KMI, "inspectie": roles.INSPECTIE}[rol])])
        ApiToken.objects.filter(gebruiker=user).delete()
        TOKENS[rol] = ApiToken.nieuw(user).sleutel
    for naam, model in (("certificaatbesluiten", Certificaatbesluit), ("toezichtbesluiten", Toezichtbesluit)):
        RECORDS[naam] = list(model.objects.filter(vervallen=False).order_by("instelling__afkorting", "id")
                             .values_list("id", "instelling__afkorting"))
    # A report concerns one or more GI's (OnderzochteInstelling): a report is listed under each GI it names.
    RECORDS["inspectieonderzoeken"] = list(
        OnderzochteInstelling.objects.filter(onderzoek__vervallen=False).order_by("instelling__afkorting", "onderzoek_id")
        .values_list("onderzoek_id", "instelling__afkorting")
    )


# -- the server -----------------------------------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """scripts/serve in a session of its own; stopped (gunicorn's master stops its workers) by ``stop``."""

    def __init__(self, database_url: str, workers: int):
        self.poort = _vrije_poort()
        self.log = tempfile.NamedTemporaryFile(prefix="bench-api-serve-", suffix=".log", delete=False)
        omgeving = {
            **os.environ,
            **_django_omgeving(database_url),
            "BIND": f"127.0.0.1:{self.poort}",
            "WEB_CONCURRENCY": str(workers),
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
            "BENCH_VLOER": "1",
            "API_RATE_ANON": "100000/s",
            "API_RATE_USER": "100000/s",
            # The daily evaluation of the signals (all GI's, at the server's start and after midnight) is no part of
            # what is measured; at the start it would fall on the first paths only.
            "MELDINGEN_DAGELIJKS": "0",
        }
        omgeving.pop("DJANGO_SETTINGS_MODULE", None)
        self.proces = subprocess.Popen(
            [str(BASIS / "scripts" / "serve")], cwd=BASIS, env=omgeving, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wacht_tot_gereed(self, maximaal: float = 180) -> None:
        einde = time.monotonic() + maximaal
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                raise RuntimeError(f"scripts/serve stopte (code {self.proces.returncode}).\n{self.logstaart()}")
            try:
                status, _, _ = verzoek(self.poort, "/gezondheid/gereed", timeout=5)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"scripts/serve was na {maximaal:.0f} s niet gereed.\n{self.logstaart()}")

    def logstaart(self, regels: int = 40) -> str:
        tekst = Path(self.log.name).read_text(errors="replace").splitlines()
        return "\n".join(tekst[-regels:])

    def fouten_in_log(self) -> list[str]:
        return [r for r in Path(self.log.name).read_text(errors="replace").splitlines()
                if "Traceback" in r or '" 50' in r or "[CRITICAL]" in r]

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.send_signal(signal.SIGTERM)
            try:
                self.proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait()
        Path(self.log.name).unlink(missing_ok=True)


class KaleVloer:
    """bench/vloer_wsgi.py under gunicorn with the settings of scripts/serve (workers, timeout), on its own port."""

    def __init__(self, database_url: str, workers: int):
        self.poort = _vrije_poort()
        self.log = tempfile.NamedTemporaryFile(prefix="bench-api-vloer-", suffix=".log", delete=False)
        self.proces = subprocess.Popen(
            [str(BASIS / ".venv" / "bin" / "gunicorn"), "--chdir", str(BASIS / "bench"), "vloer_wsgi:app",
             "--bind", f"127.0.0.1:{self.poort}", "--workers", str(workers), "--timeout", "120"],
            cwd=BASIS, env={**os.environ, "DATABASE_URL": database_url}, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wacht_tot_gereed(self, maximaal: float = 60) -> None:
        einde = time.monotonic() + maximaal
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                raise RuntimeError(f"de kale vloer stopte: {Path(self.log.name).read_text(errors='replace')[-2000:]}")
            try:
                if verzoek(self.poort, "/select100", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("de kale vloer was niet gereed")

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.send_signal(signal.SIGTERM)
            try:
                self.proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait()
        Path(self.log.name).unlink(missing_ok=True)


# -- the clients ----------------------------------------------------------------------------------------------------


def _doel(poort: int, pad: str) -> tuple[int, str, dict]:
    """(port, path, headers) of a path of the benchmark: ``kaal:`` the bare floor, ``kmi:`` with the KMI's token."""
    koppen = dict(KOPPEN)
    if pad.startswith("kaal:"):
        return POORTEN["kaal"], pad.removeprefix("kaal:"), koppen
    if pad.startswith("kmi:"):
        koppen["Authorization"] = f"Token {TOKENS['kmi']}"
        return poort, pad.removeprefix("kmi:"), koppen
    return poort, pad, koppen


def verzoek(poort: int, pad: str, timeout: float = 130, verbinding: http.client.HTTPConnection | None = None):
    """(status, seconds, body) of one GET; reuses ``verbinding`` while the server keeps it open."""
    poort, pad, koppen = _doel(poort, pad)
    verbinding = verbinding or http.client.HTTPConnection("127.0.0.1", poort, timeout=timeout)
    begin = time.perf_counter()
    verbinding.request("GET", pad, headers=koppen)
    antwoord = verbinding.getresponse()
    body = antwoord.read()
    return antwoord.status, time.perf_counter() - begin, body


def belasting(poort: int, pad: str, clients: int, seconden: float) -> dict:
    """``clients`` threads request ``pad`` until ``seconden`` have passed: the latencies, the time and the errors."""
    tijden: list[list[float]] = [[] for _ in range(clients)]
    fouten = [0] * clients
    start = threading.Barrier(clients + 1)
    einde = [0.0]

    def client(i: int) -> None:
        verbinding = http.client.HTTPConnection("127.0.0.1", _doel(poort, pad)[0], timeout=130)
        start.wait()
        while time.perf_counter() < einde[0]:
            try:
                status, duur, _ = verzoek(poort, pad, verbinding=verbinding)
            except (OSError, http.client.HTTPException):
                verbinding.close()
                fouten[i] += 1
                continue
            tijden[i].append(duur)
            if status != 200:
                fouten[i] += 1
        verbinding.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    begin = time.perf_counter()
    einde[0] = begin + seconden
    start.wait()
    for t in threads:
        t.join()
    return {"tijden": [t for lijst in tijden for t in lijst], "duur": time.perf_counter() - begin, "fouten": sum(fouten)}


def ronde(poort: int, paden: list[str], clients: int, seconden: float, plak: float) -> dict[str, dict]:
    """One measurement of every path for ``seconden`` each, taken in turns of ``plak`` seconds (path 1, path 2, …,
    path 1, …), so a burst of other work on the machine falls on every path and its floors alike."""
    plakken = max(1, round(seconden / plak))
    ruw = {pad: {"tijden": [], "duur": 0.0, "fouten": 0} for pad in paden}
    for _ in range(plakken):
        for pad in paden:
            meting = belasting(poort, pad, clients, seconden / plakken)
            ruw[pad]["tijden"] += meting["tijden"]
            ruw[pad]["duur"] += meting["duur"]
            ruw[pad]["fouten"] += meting["fouten"]
    uitkomst = {}
    for pad, meting in ruw.items():
        alle = sorted(meting["tijden"])
        uitkomst[pad] = {
            "verzoeken": len(alle),
            "rps": len(alle) / meting["duur"],
            "p50": statistics.median(alle) * 1000 if alle else math.nan,
            "p99": alle[max(0, math.ceil(0.99 * len(alle)) - 1)] * 1000 if alle else math.nan,
            "max": alle[-1] * 1000 if alle else math.nan,  # the longest single answer: a stall shows here
            "fouten": meting["fouten"],
        }
    for pad in paden:
        uitkomst[pad]["p99/kaal"] = uitkomst[pad]["p99"] / uitkomst[VLOER_KAAL]["p99"]
        uitkomst[pad]["p50/kaal"] = uitkomst[pad]["p50"] / uitkomst[VLOER_KAAL]["p50"]
        uitkomst[pad]["p99/select100"] = uitkomst[pad]["p99"] / uitkomst[VLOER_SELECT100]["p99"]
    return uitkomst


# -- the writer -----------------------------------------------------------------------------------------------------


def schrijf(poort: int, nummer: int, afkorting: str | None = None) -> tuple[int, float]:
    """One correction through the API (PATCH of the public field ``bron``, with a reason): (status, seconds). The
    resource and the GI in turn by ``nummer``; ``afkorting``: a record of that GI."""
    naam = tuple(SCHRIJVER)[nummer % len(SCHRIJVER)]
    records = RECORDS[naam]
    if afkorting is not None:
        records = [r for r in records if r[1] == afkorting] or records
    pk, _ = records[(nummer // len(SCHRIJVER)) % len(records)]
    velden = {"bron": f"benchmark-correctie {nummer} {time.time():.3f}", "reden": "benchmark"}
    if naam == "certificaatbesluiten":  # a besluit under aanleiding needs the KMI's afweging (DESIGN.md §3)
        velden |= {"afweging": "Benchmark: het KMI woog de afwijkingen.", "afwegingHerkomst": "kmi"}
    body = json.dumps(velden).encode()
    koppen = {**KOPPEN, "Content-Type": "application/json", "Authorization": f"Token {TOKENS[SCHRIJVER[naam]]}"}
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=130)
    begin = time.perf_counter()
    try:
        verbinding.request("PATCH", f"/api/v1/{naam}/{pk}", body=body, headers=koppen)
        antwoord = verbinding.getresponse()
        body = antwoord.read()
        if antwoord.status != 200:
            print(f"schrijven: {naam}/{pk} gaf {antwoord.status}: {body[:300]!r}", file=sys.stderr)
        return antwoord.status, time.perf_counter() - begin
    finally:
        verbinding.close()


class Schrijver(threading.Thread):
    """Writes ``per_seconde`` corrections a second (on a fixed schedule; a write that takes longer than its slot
    delays the next, so the rate reached is what the register keeps up with) until stopped."""

    def __init__(self, poort: int, per_seconde: float):
        super().__init__(daemon=True)
        self.poort, self.interval = poort, 1 / per_seconde
        self.tijden: list[float] = []
        self.fouten = 0
        self.stoppen = threading.Event()
        self.begin = self.einde = 0.0

    def run(self) -> None:
        self.begin = volgende = time.perf_counter()
        nummer = 0
        while not self.stoppen.is_set():
            try:
                status, duur = schrijf(self.poort, nummer)
                self.tijden.append(duur)
                self.fouten += status != 200
            except (OSError, http.client.HTTPException):
                self.fouten += 1
            nummer += 1
            volgende += self.interval
            self.stoppen.wait(max(0.0, volgende - time.perf_counter()))
        self.einde = time.perf_counter()

    def uitkomst(self) -> dict:
        alle = sorted(self.tijden)
        return {
            "schrijvingen": len(alle),
            "per_seconde": len(alle) / max(self.einde - self.begin, 1e-9),
            "p50": statistics.median(alle) * 1000 if alle else math.nan,
            "p99": alle[max(0, math.ceil(0.99 * len(alle)) - 1)] * 1000 if alle else math.nan,
            "fouten": self.fouten,
        }


def na_schrijven(poort: int, paden: list[str], afkorting: str, keer: int) -> dict[str, list[float]]:
    """Per path, ``keer`` times: a write to a record of ``afkorting`` (waited for), then one read of the path: its
    milliseconds. Nothing else runs meanwhile."""
    uitkomst: dict[str, list[float]] = {}
    nummer = 0
    for pad in paden:
        uitkomst[pad] = []
        for _ in range(keer):
            status, _ = schrijf(poort, nummer, afkorting)
            nummer += 1
            if status != 200:
                raise RuntimeError(f"schrijven gaf {status}")
            status, duur, body = verzoek(poort, pad)
            if status != 200:
                raise RuntimeError(f"{pad} gaf {status} na een schrijving: {body[:200]!r}")
            uitkomst[pad].append(duur * 1000)
    return uitkomst


def cachegrootte(database_url: str) -> str:
    """The database cache after the run: rows, the values' size and the table's size on disk."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as verbinding:
        rijen, inhoud = verbinding.execute("SELECT COUNT(*), COALESCE(SUM(LENGTH(value)), 0) FROM register_cache").fetchone()
        schijf = verbinding.execute("SELECT pg_total_relation_size('register_cache')").fetchone()[0]
    return f"{rijen} rijen, waarden {inhoud / 1e6:.1f} MB, tabel {schijf / 1e6:.1f} MB"


# -- the report -----------------------------------------------------------------------------------------------------

KOLOMMEN = (("verzoeken", "verzoeken", "{:.0f}"), ("rps", "rps", "{:.0f}"), ("p50", "p50 (ms)", "{:.1f}"),
            ("p99", "p99 (ms)", "{:.1f}"), ("max", "max (ms)", "{:.0f}"), ("p50/kaal", "p50/kale vloer", "{:.2f}"),
            ("p99/kaal", "p99/kale vloer", "{:.2f}"), ("p99/select100", "p99/vloer-select100", "{:.2f}"))


def _cel(waarden: list[float], vorm: str) -> str:
    if len(waarden) == 1:
        return vorm.format(waarden[0])
    return f"{vorm.format(min(waarden))} / {vorm.format(statistics.median(waarden))}"


def tabel(paden: list[str], runs: list[dict[str, dict]]) -> str:
    rijen = [["pad", *(kop for _, kop, _ in KOLOMMEN), "fouten"]]
    for pad in paden:
        metingen = [run[pad] for run in runs]
        rijen.append([pad, *(_cel([m[sleutel] for m in metingen], vorm) for sleutel, _, vorm in KOLOMMEN),
                      str(sum(m["fouten"] for m in metingen))])
    breedtes = [max(len(rij[k]) for rij in rijen) for k in range(len(rijen[0]))]
    regels = ["| " + " | ".join(c.ljust(b) if k == 0 else c.rjust(b) for k, (c, b) in enumerate(zip(rij, breedtes))) + " |"
              for rij in rijen]
    regels.insert(1, "|" + "|".join("-" * (b + 2) for b in breedtes) + "|")
    return "\n".join(regels)


def _git_head() -> str:
    """The commit measured; outside a git checkout (e.g. a `git archive` export) BENCH_GIT_HEAD, else "onbekend"."""
    if os.environ.get("BENCH_GIT_HEAD"):
        return os.environ["BENCH_GIT_HEAD"]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASIS, capture_output=True, text=True)
        vuil = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=BASIS, capture_output=True, text=True)
    except OSError:
        return "onbekend"
    if head.returncode or not head.stdout.strip():
        return "onbekend"
    return head.stdout.strip() + (" (met lokale wijzigingen)" if vuil.stdout.strip() else "")


def main() -> None:
    opties = _opties()
    if os.environ.get("DATABASE_URL", "").rstrip("/") == opties.database_url.rstrip("/"):
        sys.exit(f"{opties.database_url} is de DATABASE_URL van de omgeving; kies een eigen database voor de benchmark.")
    afkorting, jaar, gegevens = vullen(opties)
    paden = [VLOER_KAAL, VLOER_CONSTANT, VLOER_SELECT100, *(p.format(afkorting=afkorting, jaar=jaar) for p in PADEN)]

    server = Server(opties.database_url, opties.workers)
    kaal = KaleVloer(opties.database_url, opties.workers)
    POORTEN["kaal"] = kaal.poort
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    schrijvers: list[dict] = []
    eerste_na_schrijven: dict[str, list[float]] = {}
    try:
        server.wacht_tot_gereed()
        kaal.wacht_tot_gereed()
        eerste, eerste_schrijvingen = {}, []
        for pad in paden:
            status, duur, body = verzoek(server.poort, pad)
            if status != 200:
                raise RuntimeError(f"{pad} antwoordde {status}: {body[:300]!r}\n{server.logstaart()}")
            eerste[pad] = duur * 1000
        # The writer's first writes, like the first request of every path: each resource twice (both workers), not
        # part of the measurement (the first write of a worker loads what every later write reuses).
        for nummer in range(2 * len(SCHRIJVER) if opties.schrijven else 0):
            status, duur = schrijf(server.poort, nummer)
            if status != 200:
                raise RuntimeError(f"de eerste schrijving gaf {status}\n{server.logstaart()}")
            eerste_schrijvingen.append(duur * 1000)
        runs = []
        for nummer in range(opties.herhaal):
            schrijver = Schrijver(server.poort, opties.schrijven) if opties.schrijven else None
            if schrijver:
                schrijver.start()
            runs.append(ronde(server.poort, paden, opties.clients, opties.seconden, opties.plak))
            if schrijver:
                schrijver.stoppen.set()
                schrijver.join()
                schrijvers.append(schrijver.uitkomst())
            print(f"ronde {nummer + 1}/{opties.herhaal}: " + ", ".join(
                f"{pad} p99 {meting['p99']:.1f} ms" for pad, meting in runs[-1].items()), file=sys.stderr, flush=True)
        if opties.na_schrijven:
            eerste_na_schrijven = na_schrijven(server.poort, [p for p in paden if p.startswith(("/api/v1", "/", "kmi:"))
                                                             and "bench-vloer" not in p], afkorting, opties.na_schrijven)
        fouten_log = server.fouten_in_log()
    finally:
        server.stop()
        kaal.stop()
    grootte = cachegrootte(opties.database_url)

    print()
    print(f"API en openbare pagina's onder belasting — {opties.gi} GI's × {opties.jaren} jaar × {opties.events} "
          f"gebeurtenissen/jaar; PostgreSQL-database {opties.database_url.rsplit('/', 1)[-1]}; git {_git_head()}")
    print(f"Gegevens: {gegevens}")
    print(f"Server: scripts/serve (gunicorn, {opties.workers} workers, DEBUG=0, DATABASE_CONN_MAX_AGE="
          f"{os.environ.get('DATABASE_CONN_MAX_AGE', '60')}); {opties.clients} clients × {opties.seconden:g} s per pad "
          f"in beurten van {opties.seconden / max(1, round(opties.seconden / opties.plak)):g} s, "
          f"{opties.herhaal} {'ronde' if opties.herhaal == 1 else 'rondes'}"
          + (", Accept-Encoding: gzip" if opties.gzip else ", zonder Accept-Encoding")
          + ("; cellen: minimum / mediaan" if opties.herhaal > 1 else ""))
    print("Eerste verzoek per pad (ms): " + ", ".join(f"{pad} {ms:.0f}" for pad, ms in eerste.items()))
    if eerste_schrijvingen:
        print("Eerste schrijvingen, vóór de meting (ms): " + ", ".join(f"{ms:.0f}" for ms in eerste_schrijvingen))
    print()
    print(tabel(paden, runs))
    langste = max(((run[pad]["max"], pad) for run in runs for pad in paden), default=None)
    if langste is not None:
        print(f"Langste antwoord van de hele meting (alle rondes, alle paden): {langste[0]:.0f} ms ({langste[1]})")
    if schrijvers:
        print()
        print(f"Schrijver ({opties.schrijven:g}/s gevraagd), per ronde: " + "; ".join(
            f"{s['per_seconde']:.2f}/s gehaald ({s['schrijvingen']}), p50 {s['p50']:.0f} ms, p99 {s['p99']:.0f} ms, "
            f"fouten {s['fouten']}" for s in schrijvers))
    if eerste_na_schrijven:
        print()
        print(f"Eerste lezing na een schrijving naar {afkorting} (ms, {opties.na_schrijven}×, geen andere belasting): "
              + ", ".join(f"{pad} mediaan {statistics.median(ms):.0f} / max {max(ms):.0f}" for pad, ms in eerste_na_schrijven.items()))
    print()
    print(f"Databasecache na de meting: {grootte}")
    fouten = sum(run[pad]["fouten"] for run in runs for pad in paden) + sum(s["fouten"] for s in schrijvers)
    if fouten or fouten_log:
        print(f"\n{fouten} antwoorden anders dan 200; serverlog:\n" + "\n".join(fouten_log[:20]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Afgebroken; de server is gestopt.")
