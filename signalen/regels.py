"""Alignment signals (DESIGN.md §4): do certification (KMI) and supervision (inspecties) keep pace?

The rules are pure functions over plain facts (signalen/feiten.py ``GIFeiten``): no database, no clock. The
overview builder (reports/overzicht.py), wederhoor and vroegsignalering feed them the register as recorded on a
peildatum (signalen/selectors.py), or as it is now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from register import rules
from register.teksten import (
    GELDIG_TOT_ONBEKEND, datum_tekst, feitdatum_zin, grenskwaliteit, op_feitdatum, signaalperiode_tekst,
    uit_openbare_bron, waarde_tekst,
)
from signalen.feiten import GIFeiten

HOOG = "hoog"
AANDACHT = "aandacht"
INFO = "info"
ERNST_VOLGORDE = {HOOG: 0, AANDACHT: 1, INFO: 2}
# The severities that count: a GI with a signal of one of these is not in de pas (signalen/pasoordeel.py), the overview asks the
# organisations for a reactie (wederhoor) on it and vroegsignalering reports it. The one place this is decided.
ERNST_TELT = frozenset({HOOG, AANDACHT})

VOLLEDIG_TIJDENS_VERSCHERPT = "VOLLEDIG_TIJDENS_VERSCHERPT"
VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL = "VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL"
VOLLEDIG_ONDANKS_KRITISCHE_OORDELEN = "VOLLEDIG_ONDANKS_KRITISCHE_OORDELEN"
HERCERTIFICERING_NA_KRITISCH_RAPPORT = "HERCERTIFICERING_NA_KRITISCH_RAPPORT"
CERTIFICERING_STRENGER_DAN_TOEZICHT = "CERTIFICERING_STRENGER_DAN_TOEZICHT"
GEEN_GELDIG_CERTIFICAAT = "GEEN_GELDIG_CERTIFICAAT"
AFWEGING_ONTBREEKT = "AFWEGING_ONTBREEKT"
TOEZICHTTERMIJN_VERSTREKEN = "TOEZICHTTERMIJN_VERSTREKEN"

GOED_BESTUUR = "goed_bestuur"
STRENGERE_CERTIFICAATSTATUSSEN = frozenset({"overbrugging", "geschorst", "ingetrokken"})
INGETROKKEN = "ingetrokken"
# The derived states in which an active GI has no valid certificate (DESIGN.md §4, GEEN_GELDIG_CERTIFICAAT).
ONGELDIGE_CERTIFICAATSTATUSSEN = frozenset({rules.GEEN, rules.VERLOPEN, INGETROKKEN})
HERCERTIFICERING_VENSTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class SignaalDefinitie:
    code: str
    ernst: str
    titel: str
    omschrijving: str
    kort: str  # two letters for the legend and the meerjarenbeeld of the Kamer overview


DEFINITIES: tuple[SignaalDefinitie, ...] = (
    SignaalDefinitie(
        VOLLEDIG_TIJDENS_VERSCHERPT,
        HOOG,
        "Volledig certificaat tijdens verscherpt toezicht",
        "Op een of meer dagen van het jaar heeft de GI een volledig certificaat terwijl de inspecties "
        "verscherpt toezicht houden. Het signaal noemt de dagen waarop beide tegelijk gelden.",
        kort="VV",
    ),
    SignaalDefinitie(
        VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL,
        HOOG,
        "Volledig certificaat ondanks kritisch oordeel over goed bestuur",
        "Een in het jaar gepubliceerd inspectierapport oordeelt 'grotendeels onvoldoende' of 'onvoldoende' "
        "over goed bestuur, terwijl de GI op de rapportdatum een volledig certificaat heeft.",
        kort="KB",
    ),
    SignaalDefinitie(
        VOLLEDIG_ONDANKS_KRITISCHE_OORDELEN,
        AANDACHT,
        "Volledig certificaat ondanks kritische oordelen",
        "Een in het jaar gepubliceerd inspectierapport oordeelt 'grotendeels onvoldoende' of 'onvoldoende' "
        "over een ander thema dan goed bestuur, terwijl de GI op de rapportdatum een volledig certificaat heeft.",
        kort="KO",
    ),
    SignaalDefinitie(
        HERCERTIFICERING_NA_KRITISCH_RAPPORT,
        AANDACHT,
        "Hercertificering na kritisch rapport of tijdens verhoogd toezicht",
        "Een volledig certificaat gaat in het jaar in, binnen 365 dagen na (of op) de rapportdatum van een "
        "inspectierapport met een kritisch oordeel, of op een dag dat het toezicht geïntensiveerd of verscherpt is.",
        kort="HK",
    ),
    SignaalDefinitie(
        CERTIFICERING_STRENGER_DAN_TOEZICHT,
        INFO,
        "Certificering strenger dan toezicht",
        "Op een of meer dagen is het certificaat een overbruggingscertificaat, geschorst of ingetrokken, "
        "terwijl het toezicht regulier is.",
        kort="CS",
    ),
    SignaalDefinitie(
        GEEN_GELDIG_CERTIFICAAT,
        HOOG,
        "Geen geldig certificaat",
        "Op een of meer dagen waarop de GI actief is, heeft zij geen certificaat, is het certificaat verlopen of is "
        "het ingetrokken.",
        kort="GC",
    ),
    SignaalDefinitie(
        AFWEGING_ONTBREEKT,
        AANDACHT,
        "Afweging van het KMI ontbreekt",
        "Een volledig certificaat of overbruggingscertificaat gaat in het jaar in, terwijl het besluit onder "
        "aanleiding viel (het is een overbrugging of volgt op een overbrugging, de laatste audit ervoor had kritische "
        "afwijkingen, een inspectierapport met een kritisch oordeel verscheen in de 365 dagen ervoor, of het toezicht "
        "was geïntensiveerd of verscherpt), en het register geen afweging van het KMI zelf bevat (openbaar of "
        "vertrouwelijk): welke normen niet werden gehaald en waarom het certificaat toch is verleend. Een samenvatting "
        "uit een openbare bron telt niet als afweging van het KMI; het overzicht toont haar naast het signaal.",
        kort="AO",
    ),
    SignaalDefinitie(
        TOEZICHTTERMIJN_VERSTREKEN,
        INFO,
        "Termijn van verhoogd toezicht verstreken",
        "Geïntensiveerd of verscherpt toezicht loopt door na de voorziene einddatum, zonder nieuw toezichtbesluit.",
        kort="TV",
    ),
)
DEFINITIE = {d.code: d for d in DEFINITIES}


@dataclass(frozen=True)
class Signaal:
    code: str
    ernst: str  # 'hoog' | 'aandacht' | 'info'
    perioden: tuple[tuple[dt.date, dt.date], ...]
    uitleg: str
    instelling: str  # afkorting
    # The days of its periods (a first day, or the day after a last day) that are the date of a fact known only to
    # the month or estimated, with that datumkwaliteit ('maand', 'geschat'); every other day is exact. A text shows
    # such a day as its datumkwaliteit allows (``perioden_tekst``), never as a known day.
    datumkwaliteit: tuple[tuple[dt.date, str], ...] = ()

    @property
    def kwaliteit(self) -> dict[dt.date, str]:
        """``datumkwaliteit`` as a mapping (register/teksten.py periode_met_kwaliteit)."""
        return dict(self.datumkwaliteit)


def perioden_tekst(signaal: Signaal, *, vorm: str = "tekst", tot_en_met: str = "tot en met", scheiding: str = ", ") -> str:
    """The periods of a signal as a text names them, each day as its datumkwaliteit allows: "september 2025 tot en
    met 31 december 2025"."""
    kwaliteit = signaal.kwaliteit
    return scheiding.join(signaalperiode_tekst(van, tot, kwaliteit, tot_en_met, vorm) for van, tot in signaal.perioden)


def begin_kwaliteit(signaal: Signaal, index: int = 0) -> str:
    """The datumkwaliteit of the first day of period ``index`` of a signal."""
    return signaal.kwaliteit.get(signaal.perioden[index][0], rules.EXACT)


def eind_kwaliteit(signaal: Signaal, index: int = -1) -> str:
    """The datumkwaliteit of the end of period ``index`` of a signal: that of the day after its last day, when a fact
    known only to the month (or estimated) ends it."""
    na = rules.dag_na(signaal.perioden[index][1])
    return rules.EXACT if na is None else signaal.kwaliteit.get(na, rules.EXACT)


# -- small helpers -----------------------------------------------------------------------------------


def _perioden_tekst(perioden, kwaliteit: dict) -> str:
    teksten = [signaalperiode_tekst(van, tot, kwaliteit) for van, tot in perioden]
    return teksten[0] if len(teksten) == 1 else ", ".join(teksten[:-1]) + " en " + teksten[-1]


def _grenskwaliteit(gi: GIFeiten) -> dict[dt.date, str]:
    """The datumkwaliteit of each day on which a status period of the GI may begin: the ingangsdatum of its
    besluiten (a day some besluit gives exactly is exact)."""
    return grenskwaliteit((b.ingangsdatum, b.datumkwaliteit) for b in (*gi.certificaten, *gi.toezichten))


def _periodekwaliteit(perioden, kwaliteit: dict) -> tuple[tuple[dt.date, str], ...]:
    """Of ``kwaliteit``, the days that begin or end ``perioden`` and are not exact."""
    dagen = {d for van, tot in perioden for d in (van, rules.dag_na(tot)) if d is not None}
    return tuple(sorted((d, k) for d, k in kwaliteit.items() if d in dagen and k != rules.EXACT))


def _dagkwaliteit(dag: dt.date, kwaliteit: str) -> tuple[tuple[dt.date, str], ...]:
    """A signal of one day, the date of a fact of ``kwaliteit``."""
    return () if kwaliteit == rules.EXACT else ((dag, kwaliteit),)


def jaar_grenzen(jaar: int) -> tuple[dt.date, dt.date]:
    return dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)


def _overlap(a: rules.Interval, b: rules.Interval) -> tuple[dt.date, dt.date] | None:
    van, tot = max(a.van, b.van), min(a.tot, b.tot)
    return (van, tot) if van <= tot else None


def _samenvoegen(perioden: Iterable[tuple[dt.date, dt.date]]) -> tuple[tuple[dt.date, dt.date], ...]:
    """Sort and join adjacent or overlapping ranges."""
    result: list[tuple[dt.date, dt.date]] = []
    for van, tot in sorted(perioden):
        if result and (van <= result[-1][1] or van == rules.dag_na(result[-1][1])):
            result[-1] = (result[-1][0], max(result[-1][1], tot))
        else:
            result.append((van, tot))
    return tuple(result)


def _besluit(feiten, besluit_id):
    return next((f for f in feiten if f.id == besluit_id), None)


def _certificaat_naam(feit: rules.CertificaatFeit | None) -> str:
    if feit is None:
        return "geen certificaatbesluit"
    if feit.geldig_tot:
        tot = f", geldig tot en met {datum_tekst(feit.geldig_tot)}"
    else:
        tot = f", geldig tot: {GELDIG_TOT_ONBEKEND}" if feit.geldig_tot_onbekend else ""
    ingang = feitdatum_zin(feit.ingangsdatum, feit.datumkwaliteit)
    return f"het certificaatbesluit '{waarde_tekst(feit.status)}' met ingang van {ingang}{tot}"


def _toezicht_naam(feit: rules.ToezichtFeit | None) -> str:
    if feit is None:
        return "zonder toezichtbesluit (regulier toezicht)"
    einde = f", voorziene einddatum {datum_tekst(feit.voorziene_einddatum)}" if feit.voorziene_einddatum else ""
    ingang = feitdatum_zin(feit.ingangsdatum, feit.datumkwaliteit)
    return f"het toezichtbesluit '{waarde_tekst(feit.niveau)}' met ingang van {ingang}{einde}"


def _intervallen(gi: GIFeiten, jaar: int):
    """The certificate and toezicht intervals of the year; days before a side's gegevens vanaf are ``onbekend`` on
    that side, a value no rule matches (nothing is known then: neither 'geen' nor 'regulier')."""
    van, tot = jaar_grenzen(jaar)
    return (
        rules.certificaat_intervallen(gi.certificaten, van, tot, gi.certificering_vanaf),
        rules.toezicht_intervallen(gi.toezichten, van, tot, gi.toezicht_vanaf),
    )


def _bekend(gi: GIFeiten, datum: dt.date, *kanten: str) -> bool:
    """Does the register know each side in ``kanten`` of the GI on ``datum`` (on or after its gegevens vanaf)?"""
    return gi.bekend(datum, *kanten)


def aanleiding_van(gi: GIFeiten, besluit: rules.CertificaatFeit) -> rules.Aanleiding:
    """The aanleiding of a certificaatbesluit (DESIGN.md §3, Afweging) from the GI's audits, reports and toezicht;
    an overbrugging and the besluit that follows one are under aanleiding, also without a besluitdatum. Which audit
    uitkomst counts is in ``gi.audits`` (signalen/feiten.py leaves it out of the openbaar variant's facts)."""
    vorige = rules.vorig_besluit(gi.certificaten, besluit.ingangsdatum)
    datum = besluit.besluitdatum
    if datum is None:
        return rules.aanleiding(besluit.ingangsdatum, status=besluit.status, vorige=vorige)
    return rules.aanleiding(datum, gi.audits, gi.rapporten, gi.toezichten, status=besluit.status, vorige=vorige)


def _signaal(code: str, gi: GIFeiten, perioden, uitleg: str, datumkwaliteit=()) -> Signaal:
    return Signaal(code, DEFINITIE[code].ernst, tuple(perioden), uitleg, gi.afkorting, tuple(datumkwaliteit))


# -- the eight rules ---------------------------------------------------------------------------------


def volledig_tijdens_verscherpt(gi: GIFeiten, jaar: int) -> list[Signaal]:
    cert, toezicht = _intervallen(gi, jaar)
    paren = [
        (c, t, o)
        for c in cert
        if c.waarde == "volledig"
        for t in toezicht
        if t.waarde == "verscherpt"
        for o in [_overlap(c, t)]
        if o
    ]
    if not paren:
        return []
    perioden = _samenvoegen(o for _, _, o in paren)
    certs = _unieke(_certificaat_naam(_besluit(gi.certificaten, c.besluit_id)) for c, _, _ in paren)
    toez = _unieke(_toezicht_naam(_besluit(gi.toezichten, t.besluit_id)) for _, t, _ in paren)
    kwaliteit = _grenskwaliteit(gi)
    uitleg = (
        f"{gi.afkorting} had van {_perioden_tekst(perioden, kwaliteit)} een volledig certificaat ({'; '.join(certs)}) "
        f"terwijl verscherpt toezicht gold ({'; '.join(toez)})."
    )
    return [_signaal(VOLLEDIG_TIJDENS_VERSCHERPT, gi, perioden, uitleg, _periodekwaliteit(perioden, kwaliteit))]


def _unieke(items) -> list[str]:
    return list(dict.fromkeys(items))


def _volledig_ondanks(gi: GIFeiten, jaar: int, code: str, past: Callable[[rules.OordeelFeit], bool]) -> list[Signaal]:
    van, tot = jaar_grenzen(jaar)
    result = []
    for rapport in sorted(gi.rapporten, key=lambda r: (r.rapportdatum, r.id)):
        if not van <= rapport.rapportdatum <= tot:
            continue
        kritisch = [o for o in rapport.oordelen if past(o) and rules.is_kritisch(o.waarde)]
        if not kritisch:
            continue
        # The report is the inspecties' side, the status the KMI's: both must be known on the rapportdatum.
        if not _bekend(gi, rapport.rapportdatum, "toezicht"):
            continue
        status = rules.certificaatstatus(gi.certificaten, rapport.rapportdatum, gi.certificering_vanaf)
        if status.status != "volledig":
            continue
        oordelen = ", ".join(f"{o.thema_naam} {waarde_tekst(o.waarde)}" for o in kritisch)
        uitleg = (
            f"Het inspectierapport '{rapport.titel}' van {feitdatum_zin(rapport.rapportdatum, rapport.datumkwaliteit)} "
            f"oordeelt {oordelen}, terwijl {gi.afkorting} op die dag een volledig certificaat had "
            f"({_certificaat_naam(_besluit(gi.certificaten, status.besluit_id))})."
        )
        dag = rapport.rapportdatum
        result.append(_signaal(code, gi, ((dag, dag),), uitleg, _dagkwaliteit(dag, rapport.datumkwaliteit)))
    return result


def volledig_ondanks_kritisch_bestuursoordeel(gi: GIFeiten, jaar: int) -> list[Signaal]:
    return _volledig_ondanks(gi, jaar, VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL, lambda o: o.thema == GOED_BESTUUR)


def volledig_ondanks_kritische_oordelen(gi: GIFeiten, jaar: int) -> list[Signaal]:
    return _volledig_ondanks(gi, jaar, VOLLEDIG_ONDANKS_KRITISCHE_OORDELEN, lambda o: o.thema != GOED_BESTUUR)


def hercertificering_na_kritisch_rapport(gi: GIFeiten, jaar: int) -> list[Signaal]:
    van, tot = jaar_grenzen(jaar)
    kritische_rapporten = [r for r in gi.rapporten if any(rules.is_kritisch(o.waarde) for o in r.oordelen)]
    result = []
    for besluit in sorted(gi.certificaten, key=lambda b: b.ingangsdatum):
        if besluit.status != "volledig" or not van <= besluit.ingangsdatum <= tot or not _bekend(gi, besluit.ingangsdatum, "certificering", "toezicht"):
            continue
        ingang = besluit.ingangsdatum
        rapporten = sorted(
            (r for r in kritische_rapporten if r.rapportdatum <= ingang and ingang - r.rapportdatum <= HERCERTIFICERING_VENSTER),
            key=lambda r: (r.rapportdatum, r.id),
        )
        toezicht = rules.toezichtniveau(gi.toezichten, ingang)
        verhoogd = toezicht.niveau in rules.VERHOOGDE_NIVEAUS
        if not rapporten and not verhoogd:
            continue
        redenen = []
        if rapporten:
            namen = "; ".join(
                f"'{r.titel}' van {feitdatum_zin(r.rapportdatum, r.datumkwaliteit)} ("
                + ", ".join(f"{o.thema_naam} {waarde_tekst(o.waarde)}" for o in r.oordelen if rules.is_kritisch(o.waarde))
                + ")"
                for r in rapporten
            )
            redenen.append(f"binnen 365 dagen na het inspectierapport {namen}")
        if verhoogd:
            redenen.append(f"terwijl {_toezicht_naam(_besluit(gi.toezichten, toezicht.besluit_id))} gold")
        uitleg = (
            f"Het volledige certificaat van {gi.afkorting} ging {op_feitdatum(ingang, besluit.datumkwaliteit)} in "
            f"{' en '.join(redenen)} ({_certificaat_naam(besluit)})."
        )
        result.append(_signaal(HERCERTIFICERING_NA_KRITISCH_RAPPORT, gi, ((ingang, ingang),), uitleg,
                               _dagkwaliteit(ingang, besluit.datumkwaliteit)))
    return result


def certificering_strenger_dan_toezicht(gi: GIFeiten, jaar: int) -> list[Signaal]:
    cert, toezicht = _intervallen(gi, jaar)
    paren = [
        (c, o)
        for c in cert
        if c.waarde in STRENGERE_CERTIFICAATSTATUSSEN
        for t in toezicht
        if t.waarde == rules.REGULIER
        for o in [_overlap(c, t)]
        if o
    ]
    if not paren:
        return []
    perioden = _samenvoegen(o for _, o in paren)
    certs = _unieke(_certificaat_naam(_besluit(gi.certificaten, c.besluit_id)) for c, _ in paren)
    kwaliteit = _grenskwaliteit(gi)
    uitleg = (
        f"{gi.afkorting} had van {_perioden_tekst(perioden, kwaliteit)} {'; '.join(certs)} "
        f"terwijl het toezicht regulier was."
    )
    return [_signaal(CERTIFICERING_STRENGER_DAN_TOEZICHT, gi, perioden, uitleg, _periodekwaliteit(perioden, kwaliteit))]


def geen_geldig_certificaat(gi: GIFeiten, jaar: int) -> list[Signaal]:
    van, tot = jaar_grenzen(jaar)
    actief_van = max(van, gi.actief_vanaf) if gi.actief_vanaf else van
    actief_tot = min(tot, gi.actief_tot) if gi.actief_tot else tot
    if actief_tot < actief_van:
        return []
    cert = rules.certificaat_intervallen(gi.certificaten, actief_van, actief_tot, gi.certificering_vanaf)
    gaten = [i for i in cert if i.waarde in ONGELDIGE_CERTIFICAATSTATUSSEN]
    if not gaten:
        return []
    perioden = _samenvoegen((i.van, i.tot) for i in gaten)
    kwaliteit = _grenskwaliteit(gi)
    delen = []
    for i in gaten:
        if i.waarde == rules.GEEN:
            delen.append(f"van {signaalperiode_tekst(i.van, i.tot, kwaliteit)} geen certificaatbesluit")
        elif i.waarde == INGETROKKEN:
            delen.append(
                f"van {signaalperiode_tekst(i.van, i.tot, kwaliteit)} een ingetrokken certificaat "
                f"({_certificaat_naam(_besluit(gi.certificaten, i.besluit_id))})"
            )
        else:
            delen.append(
                f"van {signaalperiode_tekst(i.van, i.tot, kwaliteit)} een verlopen certificaat "
                f"({_certificaat_naam(_besluit(gi.certificaten, i.besluit_id))})"
            )
    uitleg = f"{gi.afkorting} was actief maar had {'; '.join(delen)}."
    return [_signaal(GEEN_GELDIG_CERTIFICAAT, gi, perioden, uitleg, _periodekwaliteit(perioden, kwaliteit))]


def afweging_ontbreekt(gi: GIFeiten, jaar: int) -> list[Signaal]:
    """A volledig or overbrugging certificaatbesluit takes effect in ``jaar`` (on a known day) under aanleiding
    (register/rules.py) without a recorded afweging: one signal per besluit, on its ingangsdatum."""
    van, tot = jaar_grenzen(jaar)
    result = []
    for besluit in sorted(gi.certificaten, key=lambda b: (b.ingangsdatum, b.id)):
        if not van <= besluit.ingangsdatum <= tot or not _bekend(gi, besluit.ingangsdatum, "certificering") or besluit.heeft_afweging:
            continue
        aanleiding = aanleiding_van(gi, besluit)
        if not rules.afweging_vereist(besluit.status, aanleiding):
            continue
        genomen = (
            f" (besluitdatum {feitdatum_zin(besluit.besluitdatum, besluit.datumkwaliteit)})" if besluit.besluitdatum else ""
        )
        uitleg = (
            f"{gi.afkorting}: bij {_certificaat_naam(besluit)}{genomen} is geen afweging van het KMI vastgelegd, "
            f"terwijl het besluit onder aanleiding viel: {'; '.join(rules.aanleiding_teksten(aanleiding, feitdatum_zin))}."
        )
        if besluit.afweging_uit_openbare_bron:
            uitleg += " " + uit_openbare_bron(besluit.afweging_uit_openbare_bron, besluit.afweging_bron)
        ingang = besluit.ingangsdatum
        result.append(_signaal(AFWEGING_ONTBREEKT, gi, ((ingang, ingang),), uitleg, _dagkwaliteit(ingang, besluit.datumkwaliteit)))
    return result


def toezichttermijn_verstreken(gi: GIFeiten, jaar: int) -> list[Signaal]:
    _, toezicht = _intervallen(gi, jaar)
    verstreken = [i for i in toezicht if i.termijn_verstreken]
    if not verstreken:
        return []
    perioden = _samenvoegen((i.van, i.tot) for i in verstreken)
    besluiten = _unieke(_toezicht_naam(_besluit(gi.toezichten, i.besluit_id)) for i in verstreken)
    kwaliteit = _grenskwaliteit(gi)
    uitleg = (
        f"Bij {gi.afkorting} liep {'; '.join(besluiten)} van {_perioden_tekst(perioden, kwaliteit)} door na de voorziene "
        f"einddatum, zonder nieuw toezichtbesluit."
    )
    return [_signaal(TOEZICHTTERMIJN_VERSTREKEN, gi, perioden, uitleg, _periodekwaliteit(perioden, kwaliteit))]


REGELS = (
    volledig_tijdens_verscherpt,
    volledig_ondanks_kritisch_bestuursoordeel,
    volledig_ondanks_kritische_oordelen,
    hercertificering_na_kritisch_rapport,
    certificering_strenger_dan_toezicht,
    geen_geldig_certificaat,
    afweging_ontbreekt,
    toezichttermijn_verstreken,
)


def signalen_van(gi: GIFeiten, jaar: int) -> list[Signaal]:
    """All signals of one GI for ``jaar``, most severe first, then by first day."""
    result = [s for regel in REGELS for s in regel(gi, jaar)]
    return sorted(result, key=lambda s: (ERNST_VOLGORDE[s.ernst], s.perioden[0][0] if s.perioden else dt.date.min, s.code))


def telt(signaal: Signaal) -> bool:
    """Does the signal count (ERNST_TELT): in de pas, wederhoor and vroegsignalering all ask this."""
    return signaal.ernst in ERNST_TELT
