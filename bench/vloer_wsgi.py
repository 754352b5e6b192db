"""The bare floor of the API benchmark (bench/api.py): one SELECT of 100 rows returned as JSON, in a WSGI app of its
own, outside the project (no Django, no middleware, no ORM), served by gunicorn with the settings of scripts/serve
(workers, timeout) on another port of the same machine. What any Python web app on this stack needs at least to
answer a read from PostgreSQL: the benchmark states every path as a multiple of it.

    DATABASE_URL=postgres://… .venv/bin/gunicorn --chdir bench vloer_wsgi:app

One connection per worker process, opened on the first request and kept (as DATABASE_CONN_MAX_AGE keeps Django's).
The same query as api/vloer.py ``select100``.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import psycopg

SQL = (
    "SELECT id, instelling_id, status, ingangsdatum, geldig_tot FROM certification_certificaatbesluit "
    "ORDER BY id LIMIT 100"
)
_verbinding: list = []


def _rijen() -> list[dict]:
    if not _verbinding or _verbinding[0].closed:
        _verbinding[:] = [psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)]
    with _verbinding[0].cursor() as cursor:
        cursor.execute(SQL)
        namen = [k.name for k in cursor.description]
        return [dict(zip(namen, rij)) for rij in cursor.fetchall()]


def _json(waarde):
    return waarde.isoformat() if isinstance(waarde, dt.date) else str(waarde)


def app(environ, start_response):
    body = json.dumps({"vloer": "kaal-select100", "rijen": _rijen()}, default=_json).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
