"""Characters that text in the register never holds (DESIGN.md §7, "control characters in text are refused at input
and never break XML or CSV").

The C0 control characters other than tab, LF and CR, the non-characters U+FFFE and U+FFFF, and lone surrogates
(halves of a UTF-16 pair, not characters at all): XML 1.0 (the Atom feed, an XLSX file) cannot hold any of them,
PostgreSQL holds no NUL and UTF-8 no surrogate, and none is ever typed on purpose (they come along when text is
copied from another program). Every door refuses them with one message (``register.models.ZonderStuurtekens``,
the API's parser); every renderer passes text through ``leesbaar`` so a string stored before that rule, or by a
raw write, still renders.

Plain data and plain functions: it imports nothing, so every floor may use it, the PDF renderer included.
"""

from __future__ import annotations

import re

ONGELDIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The error code of a refusal, the same at every door (the API names it in invalidParams).
CODE = "control_characters_not_allowed"
# What a renderer shows instead of a character it cannot write: the Unicode replacement character.
VERVANGING = "\ufffd"


def eerste_ongeldig(tekst: str) -> int | None:
    """The position (0-based) of the first character text in the register may not hold, or None."""
    treffer = ONGELDIG.search(tekst)
    return None if treffer is None else treffer.start()


def code(teken: str) -> str:
    """A character as its code point, the way it can be named in a message: U+000B."""
    return f"U+{ord(teken):04X}"


def melding(tekst: str) -> str | None:
    """The Dutch message for text holding a character the register refuses (what, where, how to fix), or None."""
    positie = eerste_ongeldig(tekst)
    if positie is None:
        return None
    teken = tekst[positie]
    soort = "een ongeldig teken" if teken >= "\ud800" else "een onzichtbaar stuurteken"
    return (
        f"De tekst bevat {soort} ({code(teken)}) op positie {positie + 1}. Zulke tekens "
        "komen vaak mee bij kopiëren uit een ander programma; verwijder het teken (typ de tekst rond die plek "
        "opnieuw) en probeer het nog eens."
    )


SURROGAAT = re.compile("[\ud800-\udfff]")


def zichtbaar(tekst: str) -> str:
    """``tekst`` with each lone surrogate written as its escape (\\ud800), for naming a key in a message: an
    answer must be UTF-8, which cannot hold a surrogate (JSON escapes the other refused characters itself)."""
    return SURROGAAT.sub(lambda m: f"\\u{ord(m.group()):04x}", tekst)


def leesbaar(tekst: str) -> str:
    """``tekst`` as a renderer writes it: each refused character replaced by U+FFFD, so that a stored string of any
    origin renders in XML (Atom, XLSX), CSV, HTML and PDF, and a reader sees that something was there."""
    return ONGELDIG.sub(VERVANGING, tekst)


def leesbaar_in(waarde):
    """``waarde`` (a str, or a dict/list/tuple of them, as a renderer's data structure) with every string, keys
    included, made ``leesbaar``; other values unchanged."""
    if isinstance(waarde, str):
        return leesbaar(waarde)
    if isinstance(waarde, dict):
        return {leesbaar_in(k): leesbaar_in(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [leesbaar_in(v) for v in waarde]
    if type(waarde) is tuple:
        return tuple(leesbaar_in(v) for v in waarde)
    return waarde
