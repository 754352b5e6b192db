"""The words of the Kamer overview that more than one renderer prints: the leeswijzer, "Geen reactie ontvangen", the
sentences of the cover and the summary, the short letters of a signal, the monitor's columns. The PDF
(reports/pdf.py) and the HTML and CSV (reports/renderers.py, the templates through their context) take them from
here, so a sentence is written once. Words of the register itself (labels, dates) are in register/teksten.py.

Plain text unless named markup: a markup text holds only <b> and <i> around text without &, < or >."""

from __future__ import annotations

import datetime as dt

from register.teksten import (
    CERT_LABEL,
    TAKEN,
    bezwaar_tekst,
    reikwijdte_tekst,
    AANLEIDING_ONBEKEND_TEKST,
    AFWEGING_VERTROUWELIJK_TEKST,
    GEEN_AANLEIDING_TEKST,
    GEEN_OPENBARE_AANLEIDING_TEKST,
    GEGEVENSNOTITIE_SOORTEN,
    aantal_tekst,
    datum_kort,
    datum_tekst,
    feitdatum_kort,
    getal_tekst,
    gi_opsomming,
    registerstand_tekst,
    signaalperioden_tekst,
    uit_openbare_bron,
)
from register.teksten import dekking_tekst as register_dekking

GEEN_REACTIE = "Geen reactie ontvangen"
# The ministerie's beleidsreactie on the year (DESIGN.md §5), printed after the summary table, or that there is none.
BELEIDSREACTIE_KOP = "Beleidsreactie van het ministerie"
GEEN_BELEIDSREACTIE = "Geen beleidsreactie"
# A reactie whose signal the overview does not hold (DESIGN.md §3 Reactie): it stays in the register and is printed
# with this sentence. In the openbaar variant a signal may also be absent because it rests on facts that variant may
# not show; the sentence names both causes there, so it never tells which one applies.
REACTIES_ZONDER_SIGNAAL_KOP = "Reacties op signalen die niet meer gelden"
SIGNAAL_GELDT_NIET_MEER = (
    "Dit signaal geldt niet meer: het register stelt het op de peildatum niet (meer) vast, bijvoorbeeld na een "
    "correctie van de gegevens. De reactie blijft bewaard in het register."
)
SIGNAAL_GELDT_NIET_MEER_OPENBAAR = (
    "Dit signaal geldt niet in deze openbare variant: het register stelt het op de peildatum niet (meer) vast, "
    "bijvoorbeeld na een correctie van de gegevens, of het berust op gegevens die niet openbaar zijn. De reactie "
    "blijft bewaard in het register."
)


def signaal_geldt_niet_meer(variant: str) -> str:
    return SIGNAAL_GELDT_NIET_MEER_OPENBAAR if variant == "openbaar" else SIGNAAL_GELDT_NIET_MEER


def beleidsreactie_tekst(data: dict) -> tuple[str, str] | None:
    """The beleidsreactie as every renderer prints it after the summary: (heading line, text), the text "Geen
    beleidsreactie" with the peildatum when none was recorded by then. None for an overview archived before the
    overview printed it (its data has no key ``beleidsreactie``): it then claims nothing either way."""
    if "beleidsreactie" not in data:
        return None
    b = data["beleidsreactie"]
    if not b:
        return (f"{BELEIDSREACTIE_KOP} op {data['jaar']}",
                f"{GEEN_BELEIDSREACTIE} (vastgelegd tot en met de peildatum {datum_kort(data['peildatum'])}).")
    bron = f" (bron: {b['bron']})" if b.get("bron") else ""
    return (f"{BELEIDSREACTIE_KOP} op {data['jaar']} (vastgelegd {datum_kort(b.get('datum'))})", f"{b['tekst']}{bron}")

# What the Kamer asked and what was answered (DESIGN.md §1), quoted exactly from the answers of 30 January 2026
# (../shared/bronnen/2026-01-30-antwoorden-kamervragen-jeugdbescherming.txt). The answer does not promise a yearly
# overview, so the cover quotes both and says that sending it is the ministry's decision; it never says the overview
# was made "naar aanleiding van" the question as if the answer promised it. The overview data carries these texts
# (``kamervraag``), so the PDF, the HTML page and the JSON print the same words.
VRAAG_44 = (
    "Kunt u toezeggen dat de Kamer jaarlijks een overzicht ontvangt van gecertificeerde instellingen met daarbij de "
    "bevindingen van IGJ en KMI, zodat de Kamer kan toetsen of certificering en inspectie in de pas lopen?"
)
ANTWOORD_44 = (
    "Wanneer er een aanleiding voor is, zoals bij rapporten van de inspecties, zal ik de Kamer informeren volgens de "
    "gebruikelijke wijze."
)
BRON_44 = (
    "Antwoorden op Kamervragen over jeugdbescherming (JBN, JBG, JBw, KMI), staatssecretaris van Justitie en "
    "Veiligheid, ontvangen 30 januari 2026, vraag en antwoord 44"
)
VERZENDING = (
    "Het antwoord zegt geen jaarlijks overzicht toe. Dit overzicht geeft weer wat het register over het jaar heeft "
    "vastgelegd; of en wanneer het aan de Kamer wordt gestuurd, beslist het ministerie."
)
ONDERTITEL = (
    "Overzicht van certificering (Keurmerkinstituut) en toezicht (inspecties) per gecertificeerde instelling, zoals "
    "het register ze heeft vastgelegd"
)


# The Verantwoording appendix (DESIGN.md §5): what the register assumed or estimated, and what it does not know. Its
# entries are {soort, instelling, tekst, bron}; a kind of entry gets its heading here (the kinds come from the
# builder, reports/overzicht.py ``verantwoording``).
VERANTWOORDING_INLEIDING = (
    "Deze bijlage noemt wat het register bij zijn gegevens heeft aangenomen, waar bronnen elkaar tegenspreken en wat "
    "het niet weet, zodat elke lezer kan nagaan waar een feit op berust. Elke notitie is vastgelegd in het register "
    "en staat hier zoals vastgelegd tot en met de peildatum."
)
VERANTWOORDING_LEEG = "Bij de gegevens van dit overzicht zijn geen aannames of kanttekeningen vastgelegd."
VERANTWOORDING_SOORTEN = {
    # the notes about the data recorded in the register, by their own labels
    **{soort: label[:1].upper() + label[1:] for soort, label in GEGEVENSNOTITIE_SOORTEN.items()},
    # computed by the builder from the monitor's definities and revisions (reports/overzicht.py monitor_van)
    "monitorherziening": "Herzien cijfer in de GI-monitor",
}


def verantwoording_soort(soort: str) -> str:
    return VERANTWOORDING_SOORTEN.get(soort, soort)


def verantwoording_groepen(data: dict) -> list[tuple[str, list[dict]]]:
    """The Verantwoording's entries per heading: the data as a whole first, then each GI in the overview's order."""
    namen = {gi["afkorting"]: gi["naam"] for gi in data["instellingen"]}
    volgorde = [None] + [gi["afkorting"] for gi in data["instellingen"]]
    groepen: dict = {}
    for v in data.get("verantwoording", []):
        groepen.setdefault(v["instelling"], []).append(v)
    return [("De gegevens als geheel" if a is None else f"{namen[a]} ({a})", groepen[a]) for a in volgorde if a in groepen]


def kamervraag() -> dict:
    """The question, the answer, their source and the sentence about sending, as the overview data carries them."""
    return {"vraag": VRAAG_44, "antwoord": ANTWOORD_44, "bron": BRON_44, "verzending": VERZENDING}


def peildatum_tekst(data: dict) -> str:
    """The peildatum on the cover and the page. A past peildatum: the register as recorded at the end of that day.
    Today's (``peildatum_lopend``): the day has not ended, so the register as recorded up to the register state (the
    last change recorded when the overview was made), never "at the end of the day"."""
    datum = datum_tekst(dt.date.fromisoformat(data["peildatum"]))
    if data.get("peildatum_lopend"):
        return (f"{datum} (de dag is nog niet voorbij: het register zoals vastgelegd tot {registerstand_tekst(data)}, "
                "de laatste vastgelegde wijziging toen het overzicht werd gemaakt)")
    return f"{datum} (het register zoals vastgelegd aan het einde van die dag)"

# The leeswijzer: (kind, text) with kind h2 (a heading), p (plain text) or markup. The table of the signals follows
# LEESWIJZER; LEESWIJZER_NA_TABEL after it.
LEESWIJZER = (
    ("h2", "Twee stelsels, twee vragen"),
    ("p", "Het Keurmerkinstituut (KMI) certificeert het kwaliteitsmanagementsysteem van een gecertificeerde instelling "
          "(GI) aan de hand van het normenkader jeugdbescherming en jeugdreclassering. Het KMI beoordeelt dus of de "
          "organisatie zo is ingericht dat zij aan de normen kan voldoen. Een certificaat is volgens de Jeugdwet drie "
          "jaar geldig, een voorlopig certificaat twee jaar; het KMI kan ook een overbruggingscertificaat verlenen, of "
          "een certificaat schorsen of intrekken. Auditrapporten zijn vertrouwelijk."),
    ("p", "De inspecties (Inspectie Gezondheidszorg en Jeugd en Inspectie Justitie en Veiligheid) houden toezicht op "
          "de feitelijke uitvoering: krijgen kinderen op tijd een vaste jeugdbeschermer, is er betekenisvol contact, "
          "passende hulp, goed bestuur? Zij oordelen per thema op een vierpuntsschaal (voldoende, grotendeels "
          "voldoende, grotendeels onvoldoende, onvoldoende) en kunnen het toezicht intensiveren of verscherpen. "
          "Rapporten en maatregelen zijn openbaar."),
    ("p", "De twee stelsels kunnen verschillend uitkomen. Dit overzicht laat per GI zien of certificering en toezicht "
          "in de pas lopen."),
    ("h2", "Hoe de status op een dag wordt bepaald"),
    ("p", "De certificaatstatus op een dag is de status van het certificaatbesluit met de laatste ingangsdatum op of "
          "vóór die dag; 'verlopen' als de geldigheid dan voorbij is en 'geen' als er geen besluit is. Het "
          "toezichtniveau is het niveau van het laatste toezichtbesluit; zonder besluit is het toezicht regulier. Alle "
          "data zijn kalenderdagen (Europe/Amsterdam) en begin- en einddata tellen mee. Een registratie die vervallen "
          "is verklaard, telt niet mee."),
    ("p", "Per GI staat op het omslag en in de samenvatting vanaf wanneer het register de gegevens van het KMI "
          "(certificering vanaf) en van de inspecties (toezicht vanaf) volledig bevat. Daarvóór weet het register niets "
          "van haar certificaat of toezicht: die tijd heet 'onbekend', nooit 'geen certificaat' of 'regulier'."),
    ("h2", "Peildatum, registerstand en controlegetal"),
    ("p", "Het overzicht toont het register zoals het was vastgelegd aan het einde van de peildatum, op basis van de "
          "wijzigingshistorie. Een latere correctie verandert een verzonden overzicht dus niet. Het 'tijdstip van "
          "aanmaak' op het omslag is daarom geen kloktijd maar de registerstand: het tijdstip van de laatste "
          "vastgelegde wijziging tot en met de peildatum. Zo levert opnieuw aanmaken met dezelfde gegevens en "
          "peildatum een bytegelijk document op. Wie het overzicht wanneer heeft aangemaakt, staat in het archief "
          "van het register. Het sha256-controlegetal op het omslag is berekend over de gegevens van dit overzicht "
          "(de JSON-uitvoer)."),
    ("h2", "Signalen"),
    ("markup", "Per GI vergelijkt het register de twee stelsels dag voor dag over het jaar. Elk signaal heeft een ernst. "
               "Het oordeel per GI heeft drie waarden. Een GI is <b>niet in de pas</b> bij een signaal met ernst 'hoog' "
               "of 'aandacht' in het jaar. Zonder zo'n signaal heeft het register <b>onvoldoende gegevens</b> als een dag "
               "van het jaar vóór de datum ligt vanaf wanneer de gegevens van het KMI (certificering) of van de "
               "inspecties (toezicht) volledig zijn, of als in het jaar en de twee jaren ervoor geen inspectierapport met "
               "een oordeel over de GI is verschenen. Anders is de GI <b>in de pas</b> en staat erbij waarop dat berust: "
               "welke thema's in die drie jaren zijn beoordeeld (rapport, datum) en welke niet. Signalen met ernst 'info' zijn ter informatie. Een kritisch oordeel is 'grotendeels onvoldoende' of 'onvoldoende'. Bij elk "
               "signaal met ernst 'hoog' of 'aandacht' staan de reacties van het KMI, de inspecties en het ministerie "
               f"zoals vastgelegd tot en met de peildatum (wederhoor), of '{GEEN_REACTIE}'. Na de samenvatting staat de "
               "beleidsreactie van het ministerie op het jaar, of dat er geen is. De korte letters staan in het "
               "meerjarenbeeld."),
)
LEESWIJZER_NA_TABEL = (
    ("h2", "Afweging bij een certificaatbesluit"),
    ("p", "Verleent het KMI een volledig certificaat of een overbruggingscertificaat terwijl daar aanleiding is om "
          "te twijfelen (een kritische afwijking bij de laatste audit, een kritisch oordeel van de inspecties of "
          "verhoogd toezicht), dan legt het KMI vast hoe het die aanleiding heeft gewogen: de afweging. Het "
          "overzicht toont naast elk certificaatbesluit de aanleiding en de afweging, en meldt 'Geen afweging "
          "vastgelegd' als die ontbreekt."),
    ("h2", "Bij benadering"),
    ("p", "Data die alleen tot op de maand bekend zijn, staan in het register als benadering en zijn in dit overzicht "
          "gemarkeerd met '(ca.)'. Elk feit noemt zijn bron."),
)
LEESWIJZER_VERTROUWELIJK = (
    "Deze vertrouwelijke variant bevat daarnaast de vertrouwelijke bevindingen van de KMI-audits "
    "(samenvatting en rapportkenmerk) en de vertrouwelijke motivering van certificaatbesluiten."
)


def kort_van(definitie: dict) -> str:
    """The short letters of a signal (signaaldefinities 'kort'); initials of the code for an overview that has none."""
    return definitie.get("kort") or "".join(deel[:1] for deel in definitie["code"].split("_"))


def datum_lang(iso: str | None) -> str:
    return datum_tekst(dt.date.fromisoformat(iso)) if iso else "onbekend"


def _volledigheid(data: dict) -> dict:
    v = data.get("volledigheid") or {}
    return {
        "aantal_instellingen": v.get("aantal_instellingen", data["samenvatting"]["aantal_instellingen"]),
        "eerste_registratie": v.get("eerste_registratie"),
        "omvang": v.get("omvang"),
        "zonder_gegevens": v.get("zonder_gegevens"),
        "nog_niets_vastgelegd": v.get("nog_niets_vastgelegd") or [],
        "later_volledig": v.get("later_volledig") or [],
        "volledig": v.get("volledig"),
        "v3": "omvang" in v,
    }


def _actief_in(gi: dict, jaar: int) -> bool:
    """Whether the GI was active some day of ``jaar`` (as volledigheid counts them)."""
    return (not gi.get("actief_vanaf") or gi["actief_vanaf"] <= f"{jaar:04d}-12-31") and (
        not gi.get("actief_tot") or gi["actief_tot"] >= f"{jaar:04d}-01-01"
    )


PAS_TEKST = {"in_de_pas": "in de pas", "niet_in_de_pas": "niet in de pas", "onvoldoende_gegevens": "onvoldoende gegevens"}
PAS_VOLGORDE = tuple(PAS_TEKST)


def pasoordeel_van(gi: dict) -> dict:
    """The verdict of a GI in the overview structure; an overview of an earlier schema (a yes/no 'in_de_pas') as the
    two values it knew, without a basis."""
    if "pasoordeel" in gi:
        return gi["pasoordeel"]
    waarde = "in_de_pas" if gi.get("in_de_pas") else "niet_in_de_pas"
    codes = gi.get("signaalcodes", [])
    return {"waarde": waarde, "tekst": PAS_TEKST[waarde], "signaalcodes": codes, "redenen": [], "basis": ""}


def meerjaar_pasoordeel(j: dict) -> str | None:
    """The verdict of one year of the meerjarenbeeld (None: not known); a yes/no of an earlier schema as two values."""
    if "pasoordeel" in j:
        return j["pasoordeel"]
    if j.get("in_de_pas") is None:
        return None
    return "in_de_pas" if j["in_de_pas"] else "niet_in_de_pas"


def pasoordeel_tekst(gi: dict) -> str:
    """The verdict with what it rests on: the signals, the reasons the data do not suffice, or its basis."""
    p = pasoordeel_van(gi)
    if p["waarde"] == "niet_in_de_pas":
        return p["tekst"] + (f" ({', '.join(p['signaalcodes'])})" if p["signaalcodes"] else "")
    if p["waarde"] == "onvoldoende_gegevens":
        return f"{p['tekst']}: {'; '.join(p['redenen'])}"
    return f"{p['tekst']}. {p['basis']}".strip()


def _gi_woord(aantal: int) -> str:
    return "GI" if aantal == 1 else "GI's"


def dekking_tekst(data: dict) -> str:
    """'n van de N GI's', naming the GI's in scope the register holds no data for; the scope 'onbekend' without an
    Omvang, never 'volledig' (the one sentence, register/teksten.py)."""
    v = _volledigheid(data)
    return register_dekking(v["aantal_instellingen"], v["omvang"], v["nog_niets_vastgelegd"])


def telling_tekst(data: dict) -> str:
    """'3 in de pas, 1 niet in de pas, 1 onvoldoende gegevens; 8 GI's in scope zonder gegevens in het register'."""
    aantallen = dict.fromkeys(PAS_VOLGORDE, 0)
    for gi in data["instellingen"]:
        if _actief_in(gi, data["jaar"]):
            aantallen[pasoordeel_van(gi)["waarde"]] += 1
    tekst = ", ".join(f"{getal_tekst(aantallen[w])} {PAS_TEKST[w]}" for w in PAS_VOLGORDE)
    v = _volledigheid(data)
    if v["omvang"]:
        zonder = v["zonder_gegevens"] or 0
        tekst += f"; {getal_tekst(zonder)} {_gi_woord(zonder)} in scope zonder gegevens in het register"
    elif v["v3"]:
        tekst += "; hoeveel GI's in scope zonder gegevens in het register zijn, is onbekend"
    return tekst


def instellingen_tekst(data: dict) -> str:
    """How many GI's the register holds for the year, of how many in scope, and the three-way count of verdicts."""
    v = _volledigheid(data)
    if not v["v3"]:  # an overview of an earlier schema: its own two-valued count
        aantal = v["aantal_instellingen"]
        in_de_pas = sum(1 for gi in data["instellingen"] if pasoordeel_van(gi)["waarde"] == "in_de_pas"
                        and _actief_in(gi, data["jaar"]))
        gi = "gecertificeerde instelling" if aantal == 1 else "gecertificeerde instellingen"
        return (f"Voor {data['jaar']} bevat het register {getal_tekst(aantal)} {gi}; daarvan "
                f"{'is' if in_de_pas == 1 else 'zijn'} er {getal_tekst(in_de_pas)} in de pas.")
    return f"Voor {data['jaar']} bevat het register {dekking_tekst(data)}. Oordeel: {telling_tekst(data)}."


def _vanaf_gi(gi: dict) -> str:
    if gi.get("nog_niets_vastgelegd"):
        return f"{gi['afkorting']}: nog niets vastgelegd"
    c, t = gi.get("certificering_vanaf"), gi.get("toezicht_vanaf")
    if c == t:
        return f"{gi['afkorting']}: certificering en toezicht vanaf {datum_lang(c)}"
    return f"{gi['afkorting']}: certificering vanaf {datum_lang(c)}, toezicht vanaf {datum_lang(t)}"


def vanaf_regel(gi: dict) -> str:
    """From when a GI's record of each side is complete, for a table cell or a GI section."""
    if "gegevens_vanaf" in gi:  # an overview of schema 2: one date
        return f"vanaf {datum_lang(gi['gegevens_vanaf'])}" if gi["gegevens_vanaf"] else ""
    if "certificering_vanaf" not in gi:  # schema 1: none
        return ""
    return _vanaf_gi(gi).split(": ", 1)[1]


def vanaf_kort(gi: dict) -> str:
    """The gegevens vanaf in a narrow table cell: one date for both sides, else per side."""
    if gi.get("nog_niets_vastgelegd"):
        return "nog niets vastgelegd"
    if "gegevens_vanaf" in gi or "certificering_vanaf" not in gi:
        return datum_kort(gi.get("gegevens_vanaf"))
    c, t = gi.get("certificering_vanaf"), gi.get("toezicht_vanaf")
    if c == t:
        return datum_kort(c)
    return f"certificering {datum_kort(c)}, toezicht {datum_kort(t)}"


def volledig_tekst(data: dict) -> str:
    """Whether the data are complete, computed from the structure: never asserted."""
    v = _volledigheid(data)
    if v["volledig"]:
        return "De gegevens zijn volledig: elke GI in beeld staat in het register, met de gegevens van beide kanten vanaf het begin van het jaar."
    redenen = []
    if not v["omvang"]:
        redenen.append("hoeveel GI's er in beeld zijn is onbekend")
    elif v["zonder_gegevens"]:
        redenen.append(f"van {getal_tekst(v['zonder_gegevens'])} {_gi_woord(v['zonder_gegevens'])} in beeld heeft het register geen gegevens")
    if v["nog_niets_vastgelegd"]:
        redenen.append(f"over {', '.join(v['nog_niets_vastgelegd'])} is nog niets vastgelegd")
    if v["later_volledig"]:
        redenen.append(f"van {', '.join(v['later_volledig'])} zijn de gegevens niet vanaf het begin van het jaar volledig")
    return "De gegevens zijn niet volledig: " + "; ".join(redenen) + "."


def _vanaf_groep(gi: dict) -> tuple[tuple, str]:
    """A GI's gegevens vanaf as (sort key, words) for the cover: per side in schema 3, one date before it."""
    if "gegevens_vanaf" in gi or "certificering_vanaf" not in gi:
        datum = gi.get("gegevens_vanaf")
        return (datum or "",), f"vanaf {datum_lang(datum) if datum else 'de eerste registratie'}"
    if gi.get("nog_niets_vastgelegd"):
        return ("~",), "nog niets vastgelegd"
    c, t = gi.get("certificering_vanaf"), gi.get("toezicht_vanaf")
    return (c or "", t or ""), _vanaf_gi(gi).split(": ", 1)[1]


def vanaf_tekst(data: dict) -> str:
    """From when each GI's record (of each side) is complete, and whether the data are complete: computed, never
    asserted (an overview of an earlier schema, which knew no Omvang, says nothing about it)."""
    v = _volledigheid(data)
    delen = []
    if v["eerste_registratie"]:
        delen.append(f"De eerste registratie in het register is van {datum_lang(v['eerste_registratie'])}.")
    met_datum = [gi for gi in data["instellingen"] if "gegevens_vanaf" in gi or "certificering_vanaf" in gi]
    if len(met_datum) <= VANAF_PER_GI:
        per_gi = [
            f"{gi['afkorting']} {_vanaf_groep(gi)[1]}" if "gegevens_vanaf" in gi else _vanaf_gi(gi) for gi in met_datum
        ]
    else:  # many GI's: one line per date (the summary table gives each GI's dates), so the cover stays a cover
        per_datum: dict = {}
        for gi in met_datum:
            per_datum.setdefault(_vanaf_groep(gi), []).append(gi)
        groepen = sorted(per_datum.items())
        per_gi = [
            f"{wat} voor {getal_tekst(len(gis))} {'instelling' if len(gis) == 1 else 'instellingen'}"
            for (_, wat), gis in groepen[:VANAF_DATA]
        ]
        if len(groepen) > VANAF_DATA:
            rest = sum(len(gis) for _, gis in groepen[VANAF_DATA:])
            per_gi.append(f"later voor {getal_tekst(rest)} {'instelling' if rest == 1 else 'instellingen'}")
        per_gi[-1] += " (per instelling in de samenvatting)"
    if per_gi:
        delen.append("Gegevens in het register: " + "; ".join(per_gi) + ". Over de tijd daarvóór is niets bekend "
                     "('onbekend' in tijdlijn en meerjarenbeeld).")
    if v["v3"]:
        delen.append(volledig_tekst(data))
    return " ".join(delen)


# Up to this many GI's the cover names each GI's gegevens vanaf; above it, the GI's per date (at most VANAF_DATA dates).
VANAF_PER_GI = 20
VANAF_DATA = 5


MONITOR_KOLOMMEN = (
    ("aantal_kinderen_met_maatregel", "Kinderen met maatregel"),
    ("workload_per_fte", "Workload per fte"),
    ("wachtlijst_totaal", "Wachtlijst totaal"),
    ("gemiddelde_wachttijd_dagen", "Gemiddelde wachttijd (dagen)"),
    ("fte", "Fte"),
    ("verloop_pct", "Verloop %"),
    ("verzuim_pct", "Verzuim %"),
)
MONITOR_KOPPEN = dict(MONITOR_KOLOMMEN)
GEEN_DEFINITIE = "geen definitie vastgelegd"


def _definitie_woorden(d: dict | None) -> str:
    if not d:
        return GEEN_DEFINITIE
    omschrijving = f": {d['omschrijving'].strip().rstrip('.')}" if (d.get("omschrijving") or "").strip() else ""
    return f"'{d['naam']}'{omschrijving}"


def monitor_definitie_voetnoot(kop: str, vorige_peildatum: str, vorige: dict | None, nu: dict | None) -> str:
    """The footnote beside a monitor figure whose definitie differs from that of the figure before it;
    ``vorige_peildatum``: the peildatum of that figure as a sentence gives it (with its datumkwaliteit)."""
    return (f"Andere definitie dan bij de vorige meting ({vorige_peildatum}), dus niet zonder meer "
            f"vergelijkbaar. Nu {_definitie_woorden(nu)}; toen {_definitie_woorden(vorige)}.")


def monitor_herzien_voetnoot(eerder: list[dict]) -> str:
    """The footnote beside a revised monitor figure: "herzien: eerder 15,5 (bron …)"."""
    return "herzien: " + "; ".join(f"eerder {getal_tekst(e['waarde'])} (bron: {e['bron'] or 'onbekend'})" for e in eerder)


def monitor_tabel(data: dict) -> tuple[list[dict], list[str]]:
    """The monitor table as the renderers print it: per meting its figures as text, each with the numbers of its
    footnotes ("59 [1]"), and the footnotes in order ("[1] Gemiddelde wachttijd (dagen), 01-10-2025: …"). An overview
    archived before the footnotes has none."""
    rijen, voetnoten = [], []
    for m in data.get("monitor", []):
        cellen = []
        for indicator, kop in MONITOR_KOLOMMEN:
            nummers = []
            for v in m.get("voetnoten") or []:
                if v["indicator"] == indicator:
                    voetnoten.append(f"[{len(voetnoten) + 1}] {kop}, {datum_kort(m['peildatum'])}: {v['tekst']}")
                    nummers.append(f"[{len(voetnoten)}]")
            cellen.append(" ".join([getal_tekst(m.get(indicator)), *nummers]))
        rijen.append({"meting": m, "cellen": cellen})
    return rijen, voetnoten


# -- The afweging beside a certificaatbesluit (DESIGN.md §3, Afweging) -----------------------------------------

GEEN_AFWEGING_VASTGELEGD = "Geen afweging van het KMI vastgelegd"
NIET_VEREIST_BIJ_STATUS = "Afweging niet vereist bij deze status"
AUDITUITKOMST_VERTROUWELIJK = "uitkomst vertrouwelijk"


def afweging_delen(b: dict) -> list[tuple[str, str]]:
    """What every renderer prints beside a certificaatbesluit of the overview: (kop, tekst) pairs, a kop printed
    bold ("" for a plain sentence, no tekst for a bold sentence on its own). Empty for an overview of schema 1,
    which knows no afweging. The aanleiding with its status (``ja``, ``nee``, ``onbekend``, ``niet_openbaar``; an
    overview of schema 2 knows only ja/nee); the KMI's own afweging, public or "vastgelegd (vertrouwelijk)"; a
    summary from an openbare bron, never as the KMI's afweging."""
    if "afweging" not in b:
        return []
    aanleiding = "; ".join(b.get("aanleiding") or [])
    status = b.get("aanleiding_status") or ("ja" if aanleiding else "nee")
    delen: list[tuple[str, str]] = []
    if aanleiding:
        delen.append(("Aanleiding", aanleiding + "."))
    if status == "onbekend":
        uitleg = b.get("aanleiding_onbekend") or ""
        delen.append(("", f"{AANLEIDING_ONBEKEND_TEKST}" + (f" ({uitleg})." if uitleg else ".")))
    kmi = False
    if b.get("afweging"):
        delen.append(("Afweging", b["afweging"]))
        kmi = True
    if b.get("afweging_vertrouwelijk"):
        delen.append(("Afweging (vertrouwelijk)", b["afweging_vertrouwelijk"]))
        kmi = True
    elif b.get("afweging_vertrouwelijk_vastgelegd"):
        delen.append(("", AFWEGING_VERTROUWELIJK_TEKST[0].upper() + AFWEGING_VERTROUWELIJK_TEKST[1:] + "."))
        kmi = True
    if not kmi:
        if b.get("afweging_vereist"):
            delen.append((GEEN_AFWEGING_VASTGELEGD + ".", ""))
        elif status == "ja":
            delen.append(("", NIET_VEREIST_BIJ_STATUS + "."))
        elif status == "nee":
            delen.append(("", GEEN_AANLEIDING_TEKST + "."))
        elif status == "niet_openbaar":
            delen.append(("", GEEN_OPENBARE_AANLEIDING_TEKST + "."))
    if b.get("afweging_openbare_bron"):
        delen.append(("", uit_openbare_bron(b["afweging_openbare_bron"], b.get("afweging_bron") or "")))
    return delen


def afweging_platte_tekst(b: dict) -> str:
    """``afweging_delen`` as one line of plain text (CSV)."""
    return " ".join(f"{kop}: {tekst}" if kop and tekst else kop or tekst for kop, tekst in afweging_delen(b))


def audituitkomst_tekst(a: dict) -> str:
    """An audit's uitkomst as the overview prints it: in the vertrouwelijk variant each count and the hersteltermijn,
    ``onbekend`` when not recorded (never 0); in the openbaar variant, which does not hold the uitkomst, that it is
    vertrouwelijk (the same for every audit)."""
    if "aantal_kritische_afwijkingen" not in a:
        return AUDITUITKOMST_VERTROUWELIJK
    termijn = datum_kort(a["hersteltermijn"]) if a.get("hersteltermijn") else aantal_tekst(None)
    kritisch = a["aantal_kritische_afwijkingen"]
    overig = a.get("aantal_afwijkingen")
    return (
        f"kritische afwijkingen: {aantal_tekst(None) if kritisch is None else getal_tekst(kritisch)}; "
        f"afwijkingen: {aantal_tekst(None) if overig is None else getal_tekst(overig)}; hersteltermijn: {termijn}"
    )


# -- The aanleidingenoverzicht (DESIGN.md §5a) ----------------------------------------------------------------------

AANLEIDINGEN_ONDERTITEL = (
    "Wat het register over certificering (Keurmerkinstituut) en toezicht (inspecties) in de periode heeft vastgelegd, "
    "per gecertificeerde instelling"
)
AANLEIDINGEN_VERZENDING = (
    "Het antwoord zegt toe de Kamer te informeren wanneer er een aanleiding voor is. Dit overzicht somt op wat in de "
    "periode is gebeurd; of dat een aanleiding is en of en wanneer de Kamer wordt geïnformeerd, beslist het ministerie."
)
AANLEIDINGEN_LEESWIJZER = (
    "Het overzicht toont het register zoals vastgelegd aan het einde van de peildatum; een latere correctie verandert "
    "een gearchiveerd overzicht dus niet. Begin- en einddatum tellen mee (Europe/Amsterdam).",
    "Een feit valt in de periode op zijn hoofddatum: een inspectierapport op zijn rapportdatum (publicatie), een "
    "certificaatbesluit en een toezichtbesluit op hun ingangsdatum, een aanvraag van een certificaat op de dag van "
    "indiening en op die van afhandeling, een handhavingsmaatregel op haar datum, een reactie "
    "of beleidsreactie op de dag waarop zij is vastgelegd. Een datum die alleen tot op de maand bekend is, staat er als "
    "de maand en telt mee als die maand de periode raakt; een geschatte datum staat er met '(geschat)'.",
    "Een signaal (ernst hoog of aandacht) is begonnen op de eerste dag waarop het geldt en geëindigd op de laatste dag "
    "waarop het geldt, ook over de jaargrens heen. Een signaal dat de dag vóór de begindatum eindigde of na de "
    "einddatum nog geldt, is in deze periode niet geëindigd. Een signaal dat op één dag geldt (een rapport, een "
    "besluit), staat er één keer.",
    "Bij elk signaal staan de reacties erop (wederhoor) zoals vastgelegd tot en met de peildatum, of dat er geen is "
    "ontvangen. Een reactie of beleidsreactie die in de periode is vastgelegd, staat daarnaast als eigen regel; de "
    "telling van reacties telt alleen die.",
    "Elk feit noemt zijn bron. De openbare variant bevat alleen openbare gegevens; signalen worden per variant berekend "
    "uit de gegevens die die variant mag tonen.",
)
AANLEIDINGEN_NIETS = (
    "In deze periode is in het register niets gebeurd: geen inspectierapport, certificaatbesluit, aanvraag, toezichtbesluit, "
    "handhavingsmaatregel, begonnen of geëindigd signaal, reactie of beleidsreactie."
)
AANLEIDINGEN_LANDELIJK = "Niet over één instelling"
AANLEIDINGEN_ZONDER = "Zonder aanleiding in deze periode"


def signaal_perioden(signaal: dict) -> str:
    """The periods of a signal of the overview in a table: "16-09-2025 t/m 31-12-2025; 05-03-2025", each end as its
    datumkwaliteit allows ("september 2025 t/m 31-12-2025"); an overview without ``perioden_datumkwaliteit`` (before
    it existed) has exact ends only."""
    perioden = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in signaal["perioden"]]
    kwaliteit: dict = {}
    for (van, tot), (begin, einde) in zip(perioden, signaal.get("perioden_datumkwaliteit") or (), strict=False):
        if begin != "exact":
            kwaliteit[van] = begin
        if einde != "exact" and tot < dt.date.max:
            kwaliteit[tot + dt.timedelta(days=1)] = einde
    return signaalperioden_tekst(perioden, kwaliteit, "t/m", "cijfers", "; ")


def aanleidingen_periode(data: dict) -> str:
    """The period in words: '1 juli 2025 tot en met 31 december 2025'."""
    return f"{datum_lang(data['van'])} tot en met {datum_lang(data['tot'])}"


def aanleiding_datum(item: dict) -> str:
    """The date of an entry as its datumkwaliteit allows (the month only, '(geschat)')."""
    return feitdatum_kort(item["datum"], item.get("datumkwaliteit") or "exact")


def aanleidingen_soortnamen(data: dict) -> dict[str, str]:
    """One entry's kind in words (the tables' column "Soort")."""
    return {s["code"]: s.get("enkelvoud") or s["naam"] for s in data.get("soorten", [])}


def aanleidingen_telling(data: dict) -> str:
    """'Inspectierapporten gepubliceerd: 3; ...': the count per kind, in the order of the kinds."""
    namen = {s["code"]: s["naam"] for s in data.get("soorten", [])}
    delen = [f"{namen.get(code, code)}: {getal_tekst(n)}" for code, n in data.get("aantallen", {}).items()]
    return "; ".join(delen) + "." if delen else ""


def aanleidingen_leeg(data: dict) -> bool:
    return not data.get("landelijk") and not any(gi["aanleidingen"] for gi in data["instellingen"])


def aanleidingen_zonder(data: dict) -> str:
    """The GI's without any entry in the period, in one sentence (empty when every GI has one)."""
    zonder = [gi["afkorting"] for gi in data["instellingen"] if not gi["aanleidingen"]]
    return f"{AANLEIDINGEN_ZONDER}: {', '.join(zonder)}." if zonder else ""


# -- Reikwijdte and bezwaar beside the certificate (DESIGN.md §3, Certificaatbesluit) ----------------------------
# An overview archived before they existed has no such keys: it prints nothing for them, never a made-up 'onbekend'.


def reikwijdte_31_dec(gi: dict) -> str:
    """The reikwijdte of the besluit that gives the status on 31 December ("reikwijdte: jeugdbescherming"), or ""."""
    waarde = gi.get("certificaat_31_dec_reikwijdte")
    return reikwijdte_tekst(waarde) if waarde else ""


def per_taak_tekst(gi: dict) -> str:
    """The certificate status on 31 December per task: "jeugdbescherming: volledig; jeugdreclassering: onbekend (de
    reikwijdte van het geldende besluit is onbekend)", or "" for an overview without it."""
    per_taak = gi.get("certificaat_31_dec_per_taak")
    if not per_taak:
        return ""
    delen = []
    for taak in TAKEN:
        t = per_taak.get(taak) or {}
        tekst = f"{taak}: {CERT_LABEL.get(t.get('status'), t.get('status') or 'onbekend')}"
        if t.get("reden"):
            tekst += f" ({t['reden']})"
        delen.append(tekst)
    return "; ".join(delen)


def besluit_reikwijdte(b: dict) -> str:
    """A certificaatbesluit's reikwijdte ("reikwijdte: onbekend"), or "" for an overview without it."""
    return reikwijdte_tekst(b["reikwijdte"]) if b.get("reikwijdte") else ""


def bezwaren_regels(b: dict) -> list[str]:
    """Each bezwaar or beroep against a certificaatbesluit in one line with its bron."""
    return [f"{bezwaar_tekst(x)[:1].upper()}{bezwaar_tekst(x)[1:]} (bron: {x.get('bron') or 'onbekend'})"
            for x in b.get("bezwaren") or []]


# Reports on more than one GI (DESIGN.md §3, Inspectieonderzoek), the GI's zienswijze and the oorzaken per oordeel.
OVERKOEPELEND_KOP = "Rapporten over meer instellingen"
OVERKOEPELEND_INLEIDING = (
    "Deze rapporten van de inspecties gaan over meer dan één instelling. Ze staan hier eenmaal; de oordelen per "
    "instelling en de zienswijze van elke instelling staan bij die instelling."
)
# A blank zienswijze: the register holds none, which is not the same as knowing that none was published.
GEEN_ZIENSWIJZE = "geen zienswijze van de GI vastgelegd"


def zienswijze_tekst(rapport: dict) -> str:
    """The GI's zienswijze on a report in its section, with its source; an overview archived before the zienswijze
    was kept (no key) says nothing."""
    zienswijze = (rapport.get("zienswijze") or "").strip()
    if "zienswijze" not in rapport:
        return ""
    if not zienswijze:
        return f"{GEEN_ZIENSWIJZE[0].upper()}{GEEN_ZIENSWIJZE[1:]}."
    bron = (rapport.get("zienswijze_bron") or "").strip()
    return f"Zienswijze van de GI: {zienswijze}" + (f" (bron: {bron})" if bron else "")


def ook_over_tekst(rapport: dict, afkorting: str) -> str:
    """In a GI's section: the other GI's a report is about, so a reader knows these are this GI's findings only."""
    andere = [a for a in rapport.get("instellingen", []) if a != afkorting]
    if not andere:
        return ""
    return f"Dit rapport gaat ook over {gi_opsomming(andere)}; hier staan alleen de oordelen over {afkorting}."
