"""The words of the Kamer overview that more than one renderer prints: the leeswijzer, "Geen reactie ontvangen", the
sentences of the cover and the summary, the short letters of a signal, the monitor's columns. The PDF
(reports/pdf.py) and the HTML and CSV (reports/renderers.py, the templates through their context) take them from
here, so a sentence is written once. Words of the register itself (labels, dates) are in register/teksten.py.

Plain text unless named markup: a markup text holds only <b> and <i> around text without &, < or >."""

from __future__ import annotations

import datetime as dt

from register.teksten import (
    AANLEIDING_ONBEKEND_TEKST,
    AFWEGING_VERTROUWELIJK_TEKST,
    GEEN_AANLEIDING_TEKST,
    GEEN_OPENBARE_AANLEIDING_TEKST,
    aantal_tekst,
    datum_kort,
    datum_tekst,
    getal_tekst,
    uit_openbare_bron,
)

GEEN_REACTIE = "Geen reactie ontvangen"

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
    ("p", "Vóór de datum waarop de gegevens van een GI volledig zijn (op het omslag en in de samenvatting), weet het "
          "register niets van haar certificaat of toezicht: die tijd heet 'onbekend', nooit 'geen certificaat'."),
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
               "Een GI is <b>in de pas</b> als zij geen signaal met ernst 'hoog' of 'aandacht' heeft; signalen met ernst "
               "'info' zijn ter informatie. Een kritisch oordeel is 'grotendeels onvoldoende' of 'onvoldoende'. Bij elk "
               "signaal met ernst 'hoog' of 'aandacht' staan de reacties van het KMI en de inspecties zoals vastgelegd "
               f"tot en met de peildatum (wederhoor), of '{GEEN_REACTIE}'. De korte letters staan in het "
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
    }


def _actief_in(gi: dict, jaar: int) -> bool:
    """Whether the GI was active some day of ``jaar`` (as volledigheid counts them)."""
    return (not gi.get("actief_vanaf") or gi["actief_vanaf"] <= f"{jaar:04d}-12-31") and (
        not gi.get("actief_tot") or gi["actief_tot"] >= f"{jaar:04d}-01-01"
    )


def instellingen_tekst(data: dict) -> str:
    """How many GI's the register holds for the year and how many of them are in de pas."""
    aantal = _volledigheid(data)["aantal_instellingen"]
    in_de_pas = sum(1 for gi in data["instellingen"] if gi["in_de_pas"] and _actief_in(gi, data["jaar"]))
    gi = "gecertificeerde instelling" if aantal == 1 else "gecertificeerde instellingen"
    return (f"Voor {data['jaar']} bevat het register {getal_tekst(aantal)} {gi}; daarvan "
            f"{'is' if in_de_pas == 1 else 'zijn'} er {getal_tekst(in_de_pas)} in de pas.")


def vanaf_tekst(data: dict) -> str:
    """From when each GI's record is complete, in one sentence."""
    v = _volledigheid(data)
    delen = []
    if v["eerste_registratie"]:
        delen.append(f"De eerste registratie in het register is van {datum_lang(v['eerste_registratie'])}.")
    met_datum = [gi for gi in data["instellingen"] if "gegevens_vanaf" in gi]
    if len(met_datum) <= VANAF_PER_GI:
        per_gi = [f"{gi['afkorting']} vanaf {datum_lang(gi['gegevens_vanaf'])}" for gi in met_datum]
    else:  # many GI's: one line per date (the summary table gives each GI's date), so the cover stays a cover
        per_datum: dict = {}
        for gi in met_datum:
            per_datum.setdefault(gi["gegevens_vanaf"] or "", []).append(gi)
        per_gi = [
            f"vanaf {datum_lang(datum) if datum else 'de eerste registratie'} voor {getal_tekst(len(gis))} "
            f"{'instelling' if len(gis) == 1 else 'instellingen'}"
            for datum, gis in sorted(per_datum.items())[:VANAF_DATA]
        ]
        if len(per_datum) > VANAF_DATA:
            rest = sum(len(gis) for _, gis in sorted(per_datum.items())[VANAF_DATA:])
            per_gi.append(f"later voor {getal_tekst(rest)} {'instelling' if rest == 1 else 'instellingen'}")
        per_gi[-1] += " (per instelling in de samenvatting)"
    if per_gi:
        delen.append("De gegevens zijn volledig: " + "; ".join(per_gi) + ". Over de tijd daarvóór is niets bekend "
                     "('onbekend' in tijdlijn en meerjarenbeeld).")
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
