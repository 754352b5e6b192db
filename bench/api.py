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
   - every request carries X-Forwarded-Proto: https with SECURE_PROXY_SSL_HEADER set, as behind the TLS proxy of
     production (so no redirect to HTTPS, and HSTS and secure cookies stay on).
   DATABASE_CONN_MAX_AGE is what scripts/serve makes of the environment (60 unless set).
3. Requests every path once (the first request: caches, lazy imports), then for every path lets --clients threads
   (http.client, stdlib only, loopback only) request it for --seconden seconds, each as fast as answers come. The
   paths take turns of --plak seconds (floors, path 1, path 2, …, floors, path 1, …), so a burst of other work on
   the machine falls on every path and on the floors alike. Paths: the two floors, then the API reads and the
   public pages, all anonymous.
4. Prints per path: requests, requests per second, p50 and p99 in milliseconds, and p99 as a multiple of the
   floors' p99 in the same run. With --herhaal K the measurement runs K times and every cell shows the minimum and
   the median over the runs. Non-200 answers are counted as errors (and fail the run).

The report names the git commit measured (BENCH_GIT_HEAD names it when the code is not a git checkout, such as
an export made with `git archive`). The server stops when the benchmark ends, also on Ctrl-C or an error. The clients and the server share the
machine's cores, as do other processes: repeat (--herhaal) and compare with the floors rather than across machines.
"""

from __future__ import annotations

import argparse
import http.client
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
PADEN = (
    "/api/v1/instellingen/{afkorting}/tijdlijn",
    "/api/v1/signalen?jaar={jaar}",
    "/",
    "/instellingen/{afkorting}",
    "/kameroverzicht/?jaar={jaar}",
    "/api/v1/certificaatbesluiten?pageSize=100",
    "/api/v1/instellingen/{afkorting}/status",
)
KOPPEN = {"X-Forwarded-Proto": "https", "Accept": "*/*"}


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
    opties = parser.parse_args()
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
    connections.close_all()
    return afkorting, laatste_jaar, regel


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


# -- the clients ----------------------------------------------------------------------------------------------------


def verzoek(poort: int, pad: str, timeout: float = 130, verbinding: http.client.HTTPConnection | None = None):
    """(status, seconds, body) of one GET; reuses ``verbinding`` while the server keeps it open."""
    verbinding = verbinding or http.client.HTTPConnection("127.0.0.1", poort, timeout=timeout)
    begin = time.perf_counter()
    verbinding.request("GET", pad, headers=KOPPEN)
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
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=130)
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
            "fouten": meting["fouten"],
        }
    for pad in paden:
        uitkomst[pad]["p99/select100"] = uitkomst[pad]["p99"] / uitkomst[VLOER_SELECT100]["p99"]
        uitkomst[pad]["p99/constant"] = uitkomst[pad]["p99"] / uitkomst[VLOER_CONSTANT]["p99"]
    return uitkomst


# -- the report -----------------------------------------------------------------------------------------------------

KOLOMMEN = (("verzoeken", "verzoeken", "{:.0f}"), ("rps", "rps", "{:.0f}"), ("p50", "p50 (ms)", "{:.1f}"),
            ("p99", "p99 (ms)", "{:.1f}"), ("p99/select100", "p99/vloer-select100", "{:.2f}"),
            ("p99/constant", "p99/vloer-constant", "{:.2f}"))


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
    paden = [VLOER_CONSTANT, VLOER_SELECT100, *(p.format(afkorting=afkorting, jaar=jaar) for p in PADEN)]

    server = Server(opties.database_url, opties.workers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        server.wacht_tot_gereed()
        eerste = {}
        for pad in paden:
            status, duur, body = verzoek(server.poort, pad)
            if status != 200:
                raise RuntimeError(f"{pad} antwoordde {status}: {body[:300]!r}\n{server.logstaart()}")
            eerste[pad] = duur * 1000
        runs = []
        for nummer in range(opties.herhaal):
            runs.append(ronde(server.poort, paden, opties.clients, opties.seconden, opties.plak))
            print(f"ronde {nummer + 1}/{opties.herhaal}: " + ", ".join(
                f"{pad} p99 {meting['p99']:.1f} ms" for pad, meting in runs[-1].items()), file=sys.stderr, flush=True)
        fouten_log = server.fouten_in_log()
    finally:
        server.stop()

    print()
    print(f"API en openbare pagina's onder belasting — {opties.gi} GI's × {opties.jaren} jaar × {opties.events} "
          f"gebeurtenissen/jaar; PostgreSQL-database {opties.database_url.rsplit('/', 1)[-1]}; git {_git_head()}")
    print(f"Gegevens: {gegevens}")
    print(f"Server: scripts/serve (gunicorn, {opties.workers} workers, DEBUG=0, DATABASE_CONN_MAX_AGE="
          f"{os.environ.get('DATABASE_CONN_MAX_AGE', '60')}); {opties.clients} clients × {opties.seconden:g} s per pad "
          f"in beurten van {opties.seconden / max(1, round(opties.seconden / opties.plak)):g} s, "
          f"{opties.herhaal} {'ronde' if opties.herhaal == 1 else 'rondes'}"
          + ("; cellen: minimum / mediaan" if opties.herhaal > 1 else ""))
    print("Eerste verzoek per pad (ms): " + ", ".join(f"{pad} {ms:.0f}" for pad, ms in eerste.items()))
    print()
    print(tabel(paden, runs))
    fouten = sum(run[pad]["fouten"] for run in runs for pad in paden)
    if fouten or fouten_log:
        print(f"\n{fouten} antwoorden anders dan 200; serverlog:\n" + "\n".join(fouten_log[:20]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Afgebroken; de server is gestopt.")
