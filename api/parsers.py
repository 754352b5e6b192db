"""The API's JSON parser: DRF's JSONParser plus the limits the register needs so that odd input is a 400,
never a 500 — a maximum nesting depth, and no NUL characters (PostgreSQL cannot store them in text)."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# The deepest body the API accepts is an inspectieonderzoek with its oordelen (object → list → object);
# anything much deeper is not a register record.
MAX_DIEPTE = 32
NUL = "\x00"

TE_DIEP = (
    f"De JSON in de body is te diep genest (meer dan {MAX_DIEPTE} niveaus). "
    "Stuur een object met de velden uit de OpenAPI-specificatie."
)
NUL_TEKEN = "Tekst mag geen NUL-teken (\\u0000) bevatten; verwijder het."


class TeDiepGenest(ParseError):
    default_detail = TE_DIEP
    default_code = "too_deep"


def _pad(prefix: str, sleutel) -> str:
    return f"{prefix}.{sleutel}" if prefix else str(sleutel)


def controleer(data) -> None:
    """Refuse nesting deeper than MAX_DIEPTE and NUL characters in keys and strings, naming where they are."""
    fouten: dict[str, list[str]] = {}
    stapel = [(data, "", 1)]
    while stapel:
        waarde, pad, diepte = stapel.pop()
        if isinstance(waarde, (dict, list)) and diepte > MAX_DIEPTE:
            raise TeDiepGenest()
        if isinstance(waarde, dict):
            for sleutel, kind in waarde.items():
                if NUL in sleutel:
                    fouten.setdefault(_pad(pad, sleutel), []).append(NUL_TEKEN)
                stapel.append((kind, _pad(pad, sleutel), diepte + 1))
        elif isinstance(waarde, list):
            stapel.extend((kind, _pad(pad, index), diepte + 1) for index, kind in enumerate(waarde))
        elif isinstance(waarde, str) and NUL in waarde:
            fouten.setdefault(pad or "body", []).append(NUL_TEKEN)
    if fouten:
        raise serializers.ValidationError(dict(sorted(fouten.items())), code="null_characters_not_allowed")


class VeiligeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise TeDiepGenest() from None
        controleer(data)
        return data
