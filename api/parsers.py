"""The API's JSON parser: DRF's JSONParser plus the limits the register needs so that odd input is a 400,
never a 500 — a maximum nesting depth, and no NUL or other control characters, non-characters or lone surrogates
in keys and strings (register/tekens.py: PostgreSQL cannot store NUL, UTF-8 no surrogate, XML neither)."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from register import tekens

# The deepest body the API accepts is an inspectieonderzoek with its oordelen (object → list → object);
# anything much deeper is not a register record.
MAX_DIEPTE = 32
NUL = "\x00"

TE_DIEP = (
    f"De JSON in de body is te diep genest (meer dan {MAX_DIEPTE} niveaus). "
    "Stuur een object met de velden uit de OpenAPI-specificatie."
)
NUL_TEKEN = "Tekst mag geen NUL-teken (\\u0000) bevatten; verwijder het."
# At most this many places with a refused character are named; a body with more gets one item saying how many.
MAX_GENOEMD = 20


class TeDiepGenest(ParseError):
    default_detail = TE_DIEP
    default_code = "too_deep"


def _pad(prefix: str, sleutel) -> str:
    """The dotted name of a key; a lone surrogate in it written as its escape, so the answer naming it is UTF-8."""
    naam = tekens.zichtbaar(sleutel) if isinstance(sleutel, str) else str(sleutel)
    return f"{prefix}.{naam}" if prefix else naam


def _fout(tekst: str) -> serializers.ErrorDetail:
    """The error for a key or string holding a character the register refuses (NUL has its own message)."""
    if NUL in tekst:
        return serializers.ErrorDetail(NUL_TEKEN, code="null_characters_not_allowed")
    return serializers.ErrorDetail(tekens.melding(tekst), code=tekens.CODE)


def controleer(data) -> None:
    """Refuse nesting deeper than MAX_DIEPTE and refused characters (register/tekens.py) in keys and strings,
    naming where they are: the first MAX_GENOEMD places, and how many more there are. One pass over the body; a
    name is only built for a container or a place with an error."""
    fouten: dict[str, list] = {}
    meer = 0

    def meld(plek: str, tekst: str) -> None:
        nonlocal meer
        if plek in fouten or len(fouten) < MAX_GENOEMD:
            fouten.setdefault(plek, []).append(_fout(tekst))
        else:
            meer += 1

    ongeldig = tekens.ONGELDIG.search
    if isinstance(data, str) and ongeldig(data):
        meld("body", data)
    stapel = [(data, "", 1)] if isinstance(data, (dict, list)) else []
    while stapel:
        waarde, pad, diepte = stapel.pop()
        if diepte > MAX_DIEPTE:
            raise TeDiepGenest()
        paren = waarde.items() if isinstance(waarde, dict) else enumerate(waarde)
        for sleutel, kind in paren:
            if isinstance(sleutel, str) and ongeldig(sleutel):
                meld(_pad(pad, sleutel), sleutel)
            if isinstance(kind, str):
                if ongeldig(kind):
                    meld(_pad(pad, sleutel), kind)
            elif isinstance(kind, (dict, list)):
                stapel.append((kind, _pad(pad, sleutel), diepte + 1))
    if fouten:
        fouten = dict(sorted(fouten.items()))
        if meer:
            fouten.setdefault("body", []).append(serializers.ErrorDetail(
                f"En nog {meer} andere plaatsen met zo'n teken; verwijder ze overal.", code=tekens.CODE
            ))
        raise serializers.ValidationError(fouten)


class VeiligeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise TeDiepGenest() from None
        controleer(data)
        return data
