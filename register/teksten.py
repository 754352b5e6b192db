"""The one module of Dutch labels: how a certificate status, toezicht level, oordeel, kind of event, severity or
date is written (the date forms: ``datum_tekst`` in a sentence, ``datum_cijfers`` and ``datum_kort`` in a table or
a record's name, ``datum_iso`` in a message, ``moment_cijfers`` for a moment), for the model choices (and so the admin), the signal explanations, the Kamer overview's builder
and renderers (PDF, HTML, CSV) and the pages.

Plain data and plain functions: it imports nothing, so every floor may use it, and the PDF renderer stays
importable without Django.
"""

from __future__ import annotations

import datetime as dt

# The labels of the stored values, as the model choices (certification/models.py, supervision/models.py) and so
# the admin show them.
CERTIFICAATSTATUS = {
    "volledig": "volledig certificaat",
    "voorlopig": "voorlopig certificaat",
    "overbrugging": "overbruggingscertificaat",
    "geschorst": "geschorst",
    "ingetrokken": "ingetrokken",
}
TOEZICHTNIVEAU = {
    "regulier": "regulier toezicht",
    "geintensiveerd": "geïntensiveerd toezicht",
    "verscherpt": "verscherpt toezicht",
}
OORDEELWAARDE = {
    "voldoende": "voldoende",
    "grotendeels_voldoende": "grotendeels voldoende",
    "grotendeels_onvoldoende": "grotendeels onvoldoende",
    "onvoldoende": "onvoldoende",
}

# A value as a sentence names it: "een volledig certificaat", "verscherpt toezicht", "grotendeels onvoldoende";
# also the derived certificate states (register/rules.py) that no model stores.
WAARDE_TEKST: dict[str, str] = {
    **CERTIFICAATSTATUS,
    "geschorst": "geschorst certificaat",
    "ingetrokken": "ingetrokken certificaat",
    "verlopen": "verlopen certificaat",
    "geen": "geen certificaat",
    **TOEZICHTNIVEAU,
    **OORDEELWAARDE,
}

# Before a GI's gegevens vanaf the register knows neither its certificate nor its toezicht (register/rules.py).
ONBEKEND = "onbekend"

# The aanleiding of a certificaatbesluit and its afweging (DESIGN.md §3, Afweging), as every door prints them, by
# the aanleiding's status (register/rules.py AANLEIDING_STATUSSEN) when no afweging of the KMI is recorded.
AANLEIDING_ONBEKEND_TEKST = "Aanleiding onbekend: uitkomst audit niet vastgelegd"
GEEN_AANLEIDING_TEKST = "Afweging niet vereist: er was geen aanleiding"
# The openbaar variant may not use the audit uitkomst: it says what public facts show, the same whatever the
# uitkomst is (also whether it was recorded), so the sentence itself tells nothing confidential.
GEEN_OPENBARE_AANLEIDING_TEKST = (
    "Geen aanleiding in de openbare gegevens (de uitkomst van audits is vertrouwelijk en telt hier niet mee)"
)
AFWEGING_VERTROUWELIJK_TEKST = "afweging vastgelegd (vertrouwelijk)"
UIT_OPENBARE_BRON = "Uit openbare bron"


def uit_openbare_bron(tekst: str, bron: str) -> str:
    """A summary of what the KMI said in public, never printed as the KMI's own afweging."""
    return f"{UIT_OPENBARE_BRON}: {tekst.strip().rstrip('.')}" + (f" ({bron.strip()})" if bron.strip() else "") + "."


def aantal_tekst(waarde) -> str:
    """A recorded count or date of an audit uitkomst as text, ``onbekend`` when it was not recorded (never 0)."""
    return ONBEKEND if waarde is None or waarde == "" else str(waarde)


# A status or level on its own, as the public pages name it in a table: the stored value's label, a derived state
# by its name.
CERTIFICAATSTATUS_TEKST = {**CERTIFICAATSTATUS, "verlopen": "verlopen", "geen": WAARDE_TEKST["geen"], "onbekend": ONBEKEND}
TOEZICHTNIVEAU_TEKST = {**TOEZICHTNIVEAU, "onbekend": ONBEKEND}

# Short labels for narrow places (table cells, timeline bands and their legend): a certificate by its status
# itself ("geen certificaat" when there is none), a toezicht level without the word "toezicht".
CERT_LABEL = {
    **{status: status for status in (*CERTIFICAATSTATUS, "verlopen")},
    "geen": WAARDE_TEKST["geen"],
    "onbekend": ONBEKEND,
}
TOEZICHT_LABEL = {
    **{niveau: tekst.removesuffix(" toezicht") for niveau, tekst in TOEZICHTNIVEAU.items()},
    "onbekend": ONBEKEND,
}
# Heightened toezicht past its voorziene einddatum (it stays in force until a new besluit).
TERMIJN_VERSTREKEN = "termijn verstreken"

# The kinds of event on a GI's timeline (register/selectors.py) as the overview names them.
SOORT_TEKST = {
    "certificaatbesluit": "certificaatbesluit",
    "audit": "audit",
    "toezichtbesluit": "toezichtbesluit",
    "handhavingsmaatregel": "handhavingsmaatregel",
    "inspectieonderzoek": "inspectierapport",
}
ERNST_TEKST = {"hoog": "HOOG", "aandacht": "AANDACHT", "info": "INFO"}

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def waarde_tekst(waarde: str) -> str:
    return WAARDE_TEKST.get(waarde, waarde)


def keuze_tekst(choices, waarde) -> str:
    """The label of a stored value by its model choices; the value itself when it has none."""
    return dict(choices).get(waarde, waarde or "")


def datum_tekst(datum: dt.date) -> str:
    """A date in a sentence: 1 januari 2025."""
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def periode_tekst(van: dt.date, tot: dt.date) -> str:
    if van == tot:
        return datum_tekst(van)
    return f"{datum_tekst(van)} tot en met {datum_tekst(tot)}"


def datum_iso(datum: dt.date) -> str:
    """A date in a message: ISO 8601 (JJJJ-MM-DD), the form the API speaks and the import reads, unambiguous in the
    admin too."""
    return datum.isoformat()


def datum_cijfers(datum: dt.date) -> str:
    """A date in a table, a list or the name of a record: 01-01-2025."""
    return f"{datum.day:02d}-{datum.month:02d}-{datum.year}"


def moment_cijfers(moment: dt.datetime) -> str:
    """A moment (already in Europe/Amsterdam) in a table: 01-01-2025 13:05."""
    return f"{datum_cijfers(moment)} {moment:%H:%M}"


def datum_kort(iso: str | None) -> str:
    """A date of the overview structure (ISO) in a table: 01-01-2025; a dash when there is none."""
    if not iso:
        return "–"
    return datum_cijfers(dt.date.fromisoformat(iso))


def registerstand_tekst(data: dict) -> str:
    """The moment of the register state the overview shows, as the cover and the page name it."""
    if not data.get("registerstand"):
        return "geen vastgelegde wijzigingen"
    moment = dt.datetime.fromisoformat(data["registerstand"])
    return f"{datum_tekst(moment.date())}, {moment:%H:%M:%S} (Europe/Amsterdam)"


def getal_tekst(waarde) -> str:
    """A number as a Dutch table writes it: 12.345 and 2.681,5 (thousands with a dot, decimals with a comma); a dash
    when there is none. Takes an int or the decimal string the overview keeps ("2681.0"); other text stays as it is."""
    if waarde is None or waarde == "":
        return "–"
    tekst = str(waarde)
    teken, cijfers = ("-", tekst[1:]) if tekst.startswith("-") else ("", tekst)
    heel, punt, decimalen = cijfers.partition(".")
    if not (heel.isascii() and heel.isdigit()) or (punt and not (decimalen.isascii() and decimalen.isdigit())):
        return tekst
    gegroepeerd = f"{int(heel):,}".replace(",", ".")
    return f"{teken}{gegroepeerd}{',' + decimalen if punt else ''}"
