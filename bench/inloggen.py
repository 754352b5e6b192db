"""Benchmark: a cached API read alone and while clients hammer the login with wrong passwords (issue 19, finding 5).

1. Empties the PostgreSQL database of --database-url (never the environment's DATABASE_URL), migrates it and fills
   it with a small synthetic register (bench/kameroverzicht.py: --gi GI's × 2 years).
2. Starts scripts/serve (gunicorn, --workers workers, DEBUG=0, a throw-away SECRET_KEY, ALLOWED_HOSTS=127.0.0.1) on a
   free port of 127.0.0.1, as behind a TLS proxy on the same machine (SECURE_PROXY_SSL_HEADER, TRUSTED_PROXIES=
   127.0.0.1), so each client can have an address of its own in X-Forwarded-For. The API limits are set out of the
   way (API_RATE_ANON); the login limits are the app's defaults unless the environment sets them.
3. One reader requests /api/v1/instellingen (a cached list page) one request after another for --seconden: median
   and p99 alone; then beside --clients clients that fetch the login page as fast as the answers come (the same
   load without any password, the floor of the last figure); then beside --clients clients (each its own address) post wrong passwords to /admin/login/ (a new
   username every time, so django-axes' lock-out per username never stops them) as fast as the answers come, at
   most --pogingen each, while the reader measures again for --seconden. Prints both figures and what the login
   answered (200: the password was checked and wrong; 429: refused before the hasher).
Loopback only; the server is stopped at the end, also on Ctrl-C.

    .venv/bin/python bench/inloggen.py --database-url postgres://postgres@127.0.0.1:5432/bench_inloggen
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASIS))  # not bench/ itself: bench/api.py would hide the app "api"

LEZEN = "/api/v1/instellingen"
LEZER_ADRES = "198.51.100.1"


def _opties():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_inloggen",
                        help="eigen PostgreSQL-database; wordt leeggemaakt")
    parser.add_argument("--gi", type=int, default=20, help="aantal instellingen (standaard 20)")
    parser.add_argument("--clients", type=int, default=4, help="clients die foute wachtwoorden sturen (standaard 4)")
    parser.add_argument("--seconden", type=float, default=10, help="meetduur per fase (standaard 10)")
    parser.add_argument("--pogingen", type=int, default=2000, help="hoogstens zo veel inlogpogingen per client")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-workers (standaard 2)")
    opties = parser.parse_args()
    if not opties.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url moet een PostgreSQL-database zijn (postgres://…/naam).")
    if not 1 <= opties.clients <= 32 or not 0 < opties.seconden <= 120:
        parser.error("--clients 1..32 en --seconden tot 120: dit is een meting, geen aanval.")
    return opties


def _django_omgeving(database_url: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1"}


def vullen(opties) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_kameroverzicht", BASIS / "bench" / "kameroverzicht.py")
    kameroverzicht = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kameroverzicht)
    _vullen, lege_postgres = kameroverzicht._vullen, kameroverzicht.lege_postgres

    lege_postgres(opties.database_url)
    os.environ.update(_django_omgeving(opties.database_url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "register.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from register.klok import vandaag

    call_command("migrate", verbosity=0)
    _vullen(opties.gi, 2, 6, vandaag().year - 1)
    connections.close_all()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """scripts/serve in a session of its own, stopped with its workers by ``stop``."""

    def __init__(self, database_url: str, workers: int):
        self.poort = _vrije_poort()
        self.log = tempfile.NamedTemporaryFile(prefix="bench-inloggen-", suffix=".log", delete=False)
        omgeving = {
            **os.environ,
            **_django_omgeving(database_url),
            "BIND": f"127.0.0.1:{self.poort}",
            "WEB_CONCURRENCY": str(workers),
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
            "TRUSTED_PROXIES": "127.0.0.1",
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
                if get(self.poort, "/gezondheid/gereed")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"scripts/serve was na {maximaal:.0f} s niet gereed.\n{self.logstaart()}")

    def logstaart(self, regels: int = 40) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-regels:])

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.send_signal(signal.SIGTERM)
            try:
                self.proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proces.pid, signal.SIGKILL)
                self.proces.wait()
        Path(self.log.name).unlink(missing_ok=True)


def _koppen(adres: str) -> dict[str, str]:
    return {"X-Forwarded-Proto": "https", "X-Forwarded-For": adres, "Accept": "*/*"}


def get(poort: int, pad: str, adres: str = LEZER_ADRES, verbinding=None):
    verbinding = verbinding or http.client.HTTPConnection("127.0.0.1", poort, timeout=130)
    begin = time.perf_counter()
    verbinding.request("GET", pad, headers=_koppen(adres))
    antwoord = verbinding.getresponse()
    antwoord.read()
    return antwoord.status, time.perf_counter() - begin, antwoord


def lezen(poort: int, seconden: float) -> list[float]:
    """One reader, one request after another: the latencies of the answers (all must be 200)."""
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=130)
    get(poort, LEZEN, verbinding=verbinding)  # fills the cache
    tijden = []
    einde = time.perf_counter() + seconden
    while time.perf_counter() < einde:
        status, duur, _ = get(poort, LEZEN, verbinding=verbinding)
        if status != 200:
            raise RuntimeError(f"{LEZEN} gaf {status}")
        tijden.append(duur)
    verbinding.close()
    return tijden


def hameren(poort: int, i: int, stop: threading.Event, maximaal: int, antwoorden: collections.Counter,
            posten: bool = True) -> None:
    """Wrong passwords from address 192.0.2.<i+1>, with a CSRF cookie as the login form needs; with ``posten``
    off, the login page itself (GET, no password): the same number of clients without any hashing."""
    adres = f"192.0.2.{i + 1}"
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=130)
    _, _, antwoord = get(poort, "/admin/login/", adres=adres, verbinding=verbinding)
    cookie = re.search(r"csrftoken=([^;]+)", antwoord.getheader("Set-Cookie") or "").group(1)
    koppen = {
        **_koppen(adres), "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}",
        "Origin": f"https://127.0.0.1:{poort}",
    }
    for poging in range(maximaal):
        if stop.is_set():
            break
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": cookie, "username": f"gok-{i}-{poging}", "password": "verkeerd", "next": "/admin/"}
        )
        try:
            if posten:
                verbinding.request("POST", "/admin/login/?next=/admin/", body=body, headers=koppen)
            else:
                verbinding.request("GET", "/admin/login/?next=/admin/", headers=_koppen(adres))
            antwoord = verbinding.getresponse()
            antwoord.read()
            antwoorden[antwoord.status] += 1
        except (OSError, http.client.HTTPException):
            verbinding.close()
            antwoorden["fout"] += 1
    verbinding.close()


def _ms(tijden: list[float]) -> str:
    tijden = sorted(tijden)
    p99 = tijden[min(len(tijden) - 1, int(len(tijden) * 0.99))]
    return f"{len(tijden):5d} verzoeken, mediaan {statistics.median(tijden) * 1000:8.1f} ms, p99 {p99 * 1000:8.1f} ms"


def main() -> None:
    opties = _opties()
    vullen(opties)
    server = Server(opties.database_url, opties.workers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    def naast(posten: bool) -> tuple[list[float], collections.Counter]:
        stop = threading.Event()
        antwoorden: collections.Counter = collections.Counter()
        clients = [
            threading.Thread(target=hameren, args=(server.poort, i, stop, opties.pogingen, antwoorden, posten),
                             daemon=True)
            for i in range(opties.clients)
        ]
        for t in clients:
            t.start()
        time.sleep(1)  # the clients are past their first login page
        tijden = lezen(server.poort, opties.seconden)
        stop.set()
        for t in clients:
            t.join(timeout=130)
        return tijden, antwoorden

    try:
        server.wacht_tot_gereed()
        alleen = lezen(server.poort, opties.seconden)
        pagina, _ = naast(posten=False)
        onder_druk, antwoorden = naast(posten=True)
    finally:
        server.stop()
    n = opties.clients
    print(f"Server: scripts/serve (gunicorn, {opties.workers} workers, DEBUG=0, PostgreSQL), {opties.gi} instellingen, "
          f"{opties.seconden:.0f} s per meting")
    print(f"GET {LEZEN} alleen:                                     {_ms(alleen)}")
    print(f"GET {LEZEN} naast {n} clients die de inlogpagina halen:    {_ms(pagina)}")
    print(f"GET {LEZEN} naast {n} clients met foute wachtwoorden:      {_ms(onder_druk)}")
    print("Antwoorden op de foute wachtwoorden (200: gecontroleerd, 429: geweigerd vóór het hashen): "
          + ", ".join(f"{status}: {aantal}" for status, aantal in sorted(antwoorden.items(), key=str)))


if __name__ == "__main__":
    main()
