"""The README's API examples work as written on a fresh clone: on a new database with the example data (what
scripts/start makes), with the tokens its own command issues to the demo accounts, every request of the two
"Voorbeeld" blocks gets the status and the values its ``# ->`` comment shows, and sending the KMI's
certificaatbesluit again gives the error the README prints after them."""

import io
import json
import re
import shlex
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from rest_framework.test import APIClient

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
API = "$API/"
# "naam": waarde in a comment or in the README's JSON: a string, a number, true, false or null.
PAAR = re.compile(r'"(\w+)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+|true|false|null)')
WEGGELATEN = ("…", "...")


def _voorbeelden() -> tuple[list[dict], str]:
    """The requests of the README's example blocks in their order, each with the token command before it and the
    expectation of its ``# ->`` comment; and the README's JSON of the error that follows them."""
    begin = README.index("### Voorbeeld: het KMI registreert")
    einde = README.index("Onbekende of niet te wijzigen velden", begin)
    deel = README[begin:einde]
    blokken = re.findall(r"```sh\n(.*?)```", deel, flags=re.S)
    fout = re.search(r"```json\n(.*?)```", deel, flags=re.S).group(1)
    verzoeken: list[dict] = []
    for blok in blokken:
        token = None
        regels = blok.splitlines()
        i = 0
        while i < len(regels):
            regel = regels[i]
            if regel.startswith("TOKEN="):
                # TOKEN=$(... token_uitgeven kmi --reden "...") or TOKEN=<sleutel van de gebruiker kmi>
                gevonden = re.search(r'token_uitgeven (\w+) --reden "([^"]*)"', regel)
                token = gevonden.groups() if gevonden else (re.search(r"gebruiker (\w+)", regel).group(1), "README")
            elif regel.startswith("curl "):
                opdracht = regel
                while opdracht.count("'") % 2:
                    i += 1
                    opdracht += "\n" + regels[i]
                verwachting = ""
                while i + 1 < len(regels) and regels[i + 1].startswith("# ") and (
                    regels[i + 1].startswith("# ->") or verwachting
                ):
                    i += 1
                    verwachting += regels[i][2:].removeprefix("->").strip()
                verzoeken.append({"token": token, "curl": shlex.split(opdracht), "verwachting": verwachting})
            i += 1
    return verzoeken, fout


def _paren(tekst: str) -> list[tuple[str, object]]:
    """The "naam": waarde pairs a README comment or JSON shows, without the values it shortens with an ellipsis."""
    return [(naam, json.loads(waarde)) for naam, waarde in PAAR.findall(tekst) if not any(w in waarde for w in WEGGELATEN)]


def _alle_paren(waarde) -> set[tuple[str, object]]:
    if isinstance(waarde, dict):
        paren = {(k, v) for k, v in waarde.items() if not isinstance(v, (dict, list))}
        for v in waarde.values():
            paren |= _alle_paren(v)
        return paren
    if isinstance(waarde, list):
        return set().union(*(_alle_paren(v) for v in waarde)) if waarde else set()
    return set()


def _versturen(client: APIClient, curl: list[str]):
    pad = next(a for a in curl if a.startswith(API))[len(API):]
    if "-X" in curl:
        methode = curl[curl.index("-X") + 1]
        body = curl[curl.index("-d") + 1]
        assert methode == "POST"
        return client.post(f"/api/v1/{pad}", data=body, content_type="application/json")
    return client.get(f"/api/v1/{pad}")


def _nummers_als_op_een_nieuwe_database() -> None:
    """The README's ids are those of a new database (``"audits": [3]`` names the audit it just made): every table's
    next id follows its highest, as on the database scripts/start makes. SQLite rolls its counters back with each
    test; PostgreSQL's sequences move on across tests, so they are set back to the rows there are."""
    sql = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for regel in sql:
            cursor.execute(regel)


def _sleutel(naam: str, reden: str) -> str:
    uit = io.StringIO()
    call_command("token_uitgeven", naam, reden=reden, stdout=uit)
    return uit.getvalue().strip()


@pytest.mark.django_db
def test_de_api_voorbeelden_van_de_readme_werken_zoals_ze_er_staan(settings):
    settings.DEBUG = True  # scripts/start: the demo accounts exist and get a token only with DEBUG on
    _nummers_als_op_een_nieuwe_database()
    call_command("load_voorbeelddata", verbosity=0)
    verzoeken, fout = _voorbeelden()
    assert len(verzoeken) >= 7, verzoeken

    clients: dict[tuple, APIClient] = {}
    for verzoek in verzoeken:
        if verzoek["token"] not in clients:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {_sleutel(*verzoek['token'])}")
            clients[verzoek["token"]] = client
        antwoord = _versturen(clients[verzoek["token"]], verzoek["curl"])
        verwachting = verzoek["verwachting"]
        status = re.match(r"(\d{3})\b", verwachting)
        verwacht = int(status.group(1)) if status else (201 if "-X" in verzoek["curl"] else 200)
        assert antwoord.status_code == verwacht, (verzoek["curl"], antwoord.content[:500])
        if verwachting:
            gekregen = _alle_paren(antwoord.json())
            ontbreekt = [paar for paar in _paren(verwachting) if paar not in gekregen]
            assert not ontbreekt, (verzoek["curl"], ontbreekt, antwoord.json())

    # "Een fout ziet er zo uit": the KMI's certificaatbesluit sent a second time.
    [besluit] = [v for v in verzoeken if any(a.endswith("/certificaatbesluiten") for a in v["curl"])]
    antwoord = _versturen(clients[besluit["token"]], besluit["curl"])
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/problem+json")
    gekregen = _alle_paren(antwoord.json())
    verwacht = _paren(fout)
    assert ("name", "ingangsdatum") in verwacht and any(naam == "code" for naam, _ in verwacht)
    assert [paar for paar in verwacht if paar not in gekregen] == [], antwoord.json()
    detail = re.search(r'"detail": "([^"…]*)', fout).group(1)
    assert antwoord.json()["detail"].startswith(detail)
