"""Drops the PostgreSQL database of a URL and creates it empty, for throw-away runs (scripts/schemathesis,
.ci/serve-rooktest). With --weg it is only dropped.
    .venv/bin/python scripts/_lege_database.py postgres://postgres@127.0.0.1:5432/naam [--weg]"""

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

url, *opties = sys.argv[1:]
delen = urlsplit(url)
naam = delen.path.lstrip("/")
if delen.scheme not in ("postgres", "postgresql") or not naam or naam == "postgres":
    sys.exit(f"{url!r} is geen URL van een eigen PostgreSQL-database (postgres://…/naam).")
with psycopg.connect(urlunsplit(delen._replace(path="/postgres")), autocommit=True) as verbinding:
    verbinding.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam)))
    if "--weg" not in opties:
        verbinding.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
