"""The one module of Dutch labels: how a certificate status, toezicht level, oordeel, kind of event, severity or
date is written (the date forms: ``datum_tekst`` in a sentence, ``datum_cijfers`` and ``datum_kort`` in a table or
a record's name, ``datum_melding`` in an error message (the reader's own form), ``datum_iso`` in a cell the import
reads back, ``moment_cijfers`` for a moment), for the model choices (and so the admin), the signal explanations, the Kamer overview's builder
and renderers (PDF, HTML, CSV), the pages and the sentences of the public change feed.

Plain data and plain functions: it imports nothing, so every floor may use it, and the PDF renderer stays
importable without Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # the register's time zone (register/klok.py, which this module cannot import)

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
# The reikwijdte of a certificaatbesluit (DESIGN.md §3): the tasks the certificate covers. ``onbekend``: the source
# does not say (every besluit recorded before the field existed, unless its source says).
REIKWIJDTE = {
    "jeugdbescherming": "jeugdbescherming",
    "jeugdreclassering": "jeugdreclassering",
    "beide": "jeugdbescherming en jeugdreclassering",
    "onbekend": "onbekend",
}
# The two tasks a certificate may cover, each with its own status on a date (register/rules.py).
TAKEN = ("jeugdbescherming", "jeugdreclassering")
REIKWIJDTE_ONBEKEND_REDEN = "de reikwijdte van het geldende besluit is onbekend"
VOOR_GEGEVENS_VANAF_REDEN = "de gegevens van het KMI over deze GI zijn pas vanaf een latere datum volledig"


def reikwijdte_tekst(waarde: str | None) -> str:
    """The reikwijdte as every door writes it: "reikwijdte: jeugdbescherming en jeugdreclassering"; a value the
    register does not know (an older overview without it) is 'onbekend'."""
    return f"reikwijdte: {REIKWIJDTE.get(waarde or 'onbekend', waarde)}"


# Bezwaar and beroep against a certificaatbesluit, and their outcome (certification/models.py Bezwaar).
BEZWAARSOORT = {"bezwaar": "bezwaar", "beroep": "beroep", "hoger_beroep": "hoger beroep"}
BEZWAARUITKOMST = {
    "lopend": "lopend",
    "ongegrond": "ongegrond",
    "gegrond": "gegrond",
    "niet_ontvankelijk": "niet-ontvankelijk",
    "ingetrokken": "ingetrokken",
    "onbekend": "onbekend",
}
# An application for a certificate (certification/models.py Aanvraag) and where it stands.
AANVRAAGSOORT = {
    "initieel": "initieel",
    "hercertificering": "hercertificering",
    "uitbreiding_reikwijdte": "uitbreiding reikwijdte",
}
AANVRAAG_IN_BEHANDELING = "in behandeling"
AANVRAAG_INGETROKKEN = "ingetrokken"


def bezwaar_tekst(item: dict) -> str:
    """A bezwaar or beroep in one line, from the overview structure or the open data: "bezwaar ingediend op
    02-01-2025, uitkomst: ongegrond (01-05-2025)"."""
    soort = BEZWAARSOORT.get(item.get("soort"), item.get("soort") or "")
    uitkomst = BEZWAARUITKOMST.get(item.get("uitkomst"), item.get("uitkomst") or ONBEKEND)
    tekst = f"{soort} ingediend op {datum_kort(item.get('ingediend_op'))}, uitkomst: {uitkomst}"
    if item.get("datum_uitkomst"):
        tekst += f" ({datum_kort(item['datum_uitkomst'])})"
    return tekst


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

# How well a fact's main date is known (register.models.Feit.datumkwaliteit): one word per quality, in every door
# (pages, admin, API, open data, import, every renderer of the Kamer overview).
DATUMKWALITEIT = {"exact": "exact", "maand": "maand", "geschat": "geschat"}
GESCHAT_ACHTER = " (geschat)"

# A geldig tot the source does not give (certification.models.Certificaatbesluit.geldig_tot_onbekend): the
# certificate holds until a later besluit.
GELDIG_TOT_ONBEKEND = "onbekend"

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


def maand_tekst(datum: dt.date) -> str:
    """Only the month of a date: september 2025 (a date whose day is not known is never shown with a day)."""
    return f"{MAANDEN[datum.month - 1]} {datum.year}"


def feitdatum_tekst(datum: dt.date | None, kwaliteit: str | None, vorm: str = "cijfers") -> str:
    """A fact's date as its datumkwaliteit allows: exact as the form asks (``cijfers`` 01-09-2025, ``tekst``
    1 september 2025), ``maand`` as the month alone (september 2025), ``geschat`` with "(geschat)" after it.
    An empty date is a dash."""
    if datum is None:
        return "–"
    if kwaliteit == "maand":
        return maand_tekst(datum)
    tekst = datum_tekst(datum) if vorm == "tekst" else datum_cijfers(datum)
    return tekst + GESCHAT_ACHTER if kwaliteit == "geschat" else tekst


def grenskwaliteit(paren) -> dict:
    """From (ingangsdatum, datumkwaliteit) of besluiten: the quality of each day on which a status period may begin.
    A day some besluit gives exactly is exact."""
    result: dict = {}
    for datum, kwaliteit in paren:
        if datum is not None and result.get(datum) != "exact":
            result[datum] = kwaliteit or "exact"
    return result


def periode_met_kwaliteit(
    van: dt.date, tot: dt.date, kwaliteit: dict, tot_en_met: str = "tot en met", vorm: str = "cijfers"
) -> str:
    """A status period whose ends may be the ingangsdatum of a besluit known only to the month (or estimated):
    "december 2024 tot september 2025" rather than two made-up days; "01-01-2025 tot en met 31-12-2025" otherwise."""
    begin = feitdatum_tekst(van, kwaliteit.get(van, "exact"), vorm)
    volgende = tot + dt.timedelta(days=1) if tot < dt.date.max else None
    if volgende is not None and kwaliteit.get(volgende, "exact") != "exact":
        return f"{begin} tot {feitdatum_tekst(volgende, kwaliteit[volgende], vorm)}"
    return f"{begin} {tot_en_met} {datum_tekst(tot) if vorm == 'tekst' else datum_cijfers(tot)}"


def feitdatum_zin(datum: dt.date, kwaliteit: str | None = "exact") -> str:
    """A fact's date in a sentence, as its datumkwaliteit allows: 16 september 2025, september 2025, 24 juli 2025
    (geschat)."""
    return feitdatum_tekst(datum, kwaliteit, vorm="tekst")


def op_feitdatum(datum: dt.date, kwaliteit: str | None = "exact") -> str:
    """When something happened on a fact's date, as its datumkwaliteit allows: "op 16 september 2025", "in september
    2025", "op 24 juli 2025 (geschat)"."""
    return f"{'in' if kwaliteit == 'maand' else 'op'} {feitdatum_zin(datum, kwaliteit)}"


def feitdatum_melding(datum: dt.date, kwaliteit: str | None = "exact") -> str:
    """A fact's date in an error message (the reader's own form, ``datum_melding``), as its datumkwaliteit allows."""
    if kwaliteit == "maand":
        return maand_tekst(datum)
    return datum_melding(datum) + (GESCHAT_ACHTER if kwaliteit == "geschat" else "")


def signaalperiode_tekst(
    van: dt.date, tot: dt.date, kwaliteit: dict, tot_en_met: str = "tot en met", vorm: str = "tekst"
) -> str:
    """A period of a signal (``periode_met_kwaliteit``) where one day alone is that day: "16 september 2025",
    "september 2025", "september 2025 tot en met 31 december 2025"."""
    volgende = tot + dt.timedelta(days=1) if tot < dt.date.max else None
    if van == tot and (volgende is None or kwaliteit.get(volgende, "exact") == "exact"):
        return feitdatum_tekst(van, kwaliteit.get(van, "exact"), vorm)
    return periode_met_kwaliteit(van, tot, kwaliteit, tot_en_met, vorm)


def signaalperioden_tekst(perioden, kwaliteit: dict, tot_en_met: str = "tot en met", vorm: str = "tekst",
                          scheiding: str = ", ") -> str:
    """The periods of a signal, each as ``signaalperiode_tekst``, joined by ``scheiding``."""
    return scheiding.join(signaalperiode_tekst(van, tot, kwaliteit, tot_en_met, vorm) for van, tot in perioden)


def feitdatum_kort(iso: str | None, kwaliteit: str | None) -> str:
    """A fact's date of the overview structure (ISO) in a table, as its datumkwaliteit allows."""
    if not iso:
        return "–"
    return feitdatum_tekst(dt.date.fromisoformat(iso), kwaliteit)


def datumkwaliteit_van(item: dict) -> str:
    """The datumkwaliteit of an item of the overview structure; an overview of schema 2 or older knew only the
    approximate flag, which meant that only the month was known."""
    if item.get("datumkwaliteit"):
        return item["datumkwaliteit"]
    return "maand" if item.get("datum_bij_benadering") else "exact"


def geldig_tot_kort(item: dict) -> str:
    """The geldig tot of a certificaatbesluit of the overview structure in a phrase after its ingangsdatum:
    " tot en met 15-09-2028", " (geldig tot: onbekend)", or nothing (ingetrokken)."""
    if item.get("geldig_tot"):
        return f" tot en met {datum_kort(item['geldig_tot'])}"
    if item.get("geldig_tot_onbekend"):
        return f" (geldig tot: {GELDIG_TOT_ONBEKEND})"
    return ""


def datum_iso(datum: dt.date) -> str:
    """A date as ISO 8601 (JJJJ-MM-DD), the form the API speaks and the import reads."""
    return datum.isoformat()


def datum_cijfers(datum: dt.date) -> str:
    """A date in a table, a list or the name of a record: 01-01-2025."""
    return f"{datum.day:02d}-{datum.month:02d}-{datum.year}"


# Which form a date takes in an error message: the form the reader writes dates in. People in the admin type
# dd-mm-jjjj, so that is the default; the API and the import of historic records read JJJJ-MM-DD, and their requests
# run inside ``iso_in_meldingen()`` (api/middleware.py, historisch/views.py), so a message echoes the form sent.
_ISO_IN_MELDINGEN: ContextVar[bool] = ContextVar("iso_in_meldingen", default=False)


@contextmanager
def iso_in_meldingen() -> Iterator[None]:
    """Within this block, dates in error messages are written JJJJ-MM-DD (for clients that send ISO dates)."""
    token = _ISO_IN_MELDINGEN.set(True)
    try:
        yield
    finally:
        _ISO_IN_MELDINGEN.reset(token)


def datum_melding(datum: dt.date) -> str:
    """A date in an error message, in the reader's own form: 27-12-2026 in the admin, 2026-12-27 in the API and the
    import."""
    return datum_iso(datum) if _ISO_IN_MELDINGEN.get() else datum_cijfers(datum)


def moment_cijfers(moment: dt.datetime) -> str:
    """A moment in a table, in Amsterdam time (DESIGN.md §3: one clock): 01-01-2025 13:05. A moment with a time zone
    (as the database gives it, in UTC) is converted first."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(AMSTERDAM)
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


# The indicators of the GI-monitor (register/models.py Monitormeting), by field, as the admin and the overview name
# them; each may have its definitie (Monitordefinitie).
MONITOR_INDICATOREN = {
    "aantal_kinderen_met_maatregel": "aantal kinderen met maatregel",
    "workload_per_fte": "workload per fte",
    "wachtlijst_start": "wachtlijst start",
    "wachtlijst_intern": "wachtlijst intern",
    "wachtlijst_totaal": "wachtlijst totaal",
    "gemiddelde_wachttijd_dagen": "gemiddelde wachttijd (dagen)",
    "fte": "fte",
    "verloop_pct": "verloop %",
    "verzuim_pct": "verzuim %",
}


# The kinds of note about the data (register/models.py Gegevensnotitie), as the admin, the public page about the data
# and the overview's Verantwoording name them.
GEGEVENSNOTITIE_SOORTEN = {
    "aanname": "aanname bij de gegevens",
    "monitordefinitie": "gewijzigde definitie in de GI-monitor",
}


def dekking_tekst(aantal: int, omvang: dict | None, nog_niets_vastgelegd=()) -> str:
    """How many GI's the register holds of how many are in scope (DESIGN.md §3, Omvang): "5 van de 13 GI's (omvang op
    …, bron: …); van 8 GI's in beeld heeft het register geen gegevens". Without an Omvang ({aantal, datum (ISO), bron})
    the scope is 'onbekend', never complete; GI's registered with nothing recorded are named."""
    woord = "GI" if aantal == 1 else "GI's"
    if omvang:
        datum = dt.date.fromisoformat(omvang["datum"]) if isinstance(omvang["datum"], str) else omvang["datum"]
        tekst = (f"{getal_tekst(aantal)} van de {getal_tekst(omvang['aantal'])} GI's (omvang op {datum_tekst(datum)}, "
                 f"bron: {omvang['bron']})")
        zonder = max(omvang["aantal"] - aantal, 0)
        if zonder:
            zonder_woord = "GI" if zonder == 1 else "GI's"
            tekst += f"; van {getal_tekst(zonder)} {zonder_woord} in beeld heeft het register geen gegevens"
    else:
        tekst = (f"{getal_tekst(aantal)} {woord}; hoeveel GI's er in beeld zijn is onbekend (geen omvang vastgelegd), "
                 "dus of dit alle GI's zijn is onbekend")
    if nog_niets_vastgelegd:
        tekst += f"; over {', '.join(nog_niets_vastgelegd)} is nog niets vastgelegd (elke status onbekend)"
    return tekst


def gi_opsomming(afkortingen: list[str]) -> str:
    """A, B en C."""
    if len(afkortingen) < 2:
        return "".join(afkortingen)
    return f"{', '.join(afkortingen[:-1])} en {afkortingen[-1]}"


# -- the public change feed (opendata/feeds.py): what happened to a record, in one sentence -------------------------


@dataclass(frozen=True)
class Feit:
    """A new or changed record as the public reads it: the feed reads the public values, the table below writes
    the sentence."""

    gi: str  # the afkorting of the record's GI, or "de instelling" when it names none
    heeft_gi: bool
    waarden: dict  # the public values of the version
    keuze: Callable[[str], str]  # a field's value as a reader reads it: a choice by its label, "–" when empty
    datum: Callable[[str], str]  # a date field by its datumkwaliteit, "datum onbekend" when empty
    instellingen: tuple[str, ...] = ()  # of an inspectierapport: the GI's it concerns (records of their own)


def _certificaatbesluit_zin(feit: Feit) -> str:
    status = feit.keuze("status")
    wat = status if "certificaat" in status else f"certificaat {status}"  # "geschorst" → "certificaat geschorst"
    return f"{wat} voor {feit.gi} per {feit.datum('ingangsdatum')}"


def _rapport_zin(feit: Feit) -> str:
    over = f" over {gi_opsomming(list(feit.instellingen))}" if feit.instellingen else ""
    return f"rapport “{feit.waarden.get('titel') or 'zonder titel'}”{over}, {feit.datum('rapportdatum')}"


def _instelling_zin(feit: Feit) -> str:
    return f"instelling {feit.waarden.get('naam') or ''} ({feit.waarden.get('afkorting') or ''})".replace(" ()", "")


# The sentence per model (its label, as register/domein.py registers it). A model without one is named by its
# verbose name ("omvang", "reactie van JBN"); a record that lapsed is "… vervallen" whatever its model.
WIJZIGINGSZIN: dict[str, Callable[[Feit], str]] = {
    "certification.certificaatbesluit": _certificaatbesluit_zin,
    "certification.audit": lambda feit: f"audit ({feit.keuze('soort')}) bij {feit.gi}, {feit.datum('startdatum')}",
    "supervision.toezichtbesluit": lambda feit: f"{feit.keuze('niveau')} voor {feit.gi} per {feit.datum('ingangsdatum')}",
    "supervision.handhavingsmaatregel": lambda feit: f"{feit.keuze('soort')} voor {feit.gi}, {feit.datum('datum')}",
    "supervision.inspectieonderzoek": _rapport_zin,
    "supervision.onderzochteinstelling": lambda feit: (
        f"{feit.gi} bij een inspectierapport" + (", met haar zienswijze" if feit.waarden.get("zienswijze") else "")
    ),
    "supervision.oordeel": lambda feit: f"oordeel over {feit.keuze('thema')}: {feit.keuze('waarde')}",
    "register.instelling": _instelling_zin,
    "register.monitormeting": lambda feit: (
        f"GI-monitor, peildatum {feit.datum('peildatum')}" + (f", {feit.gi}" if feit.heeft_gi else ", landelijk")
    ),
}
