"""camelCase keys for the API (NL API Design Rules): snake_case model names in, camelCase out."""

import re

_UNDERSCORE = re.compile(r"_([a-z0-9])")


def camel(naam: str) -> str:
    if naam.startswith("_"):
        return naam
    return _UNDERSCORE.sub(lambda m: m.group(1).upper(), naam)
