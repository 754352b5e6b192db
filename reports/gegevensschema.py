"""The JSON Schema of the Kamer overview's data (reports/overzicht.py), one file per schema_versie: the contract
between the builder and every reader of the archived JSON (renderers, API clients). The API serves it at a stable
URL and its OpenAPI document refers to it for GET /api/v1/kameroverzichten/{id}/json."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from reports.overzicht import SCHEMA_VERSIE

MAP = Path(__file__).with_name("schema")
# Every version an archived overview may carry; each keeps its own schema at its own address.
VERSIES = (2, SCHEMA_VERSIE)


def bestandsnaam(versie: int = SCHEMA_VERSIE) -> str:
    return f"kameroverzicht-v{versie}.schema.json"


def pad(versie: int = SCHEMA_VERSIE) -> Path:
    return MAP / bestandsnaam(versie)


@functools.cache
def json_schema(versie: int = SCHEMA_VERSIE) -> dict:
    """The JSON Schema (draft 2020-12) of the data of ``versie``."""
    return json.loads(pad(versie).read_text(encoding="utf-8"))
