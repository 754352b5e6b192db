"""Reads of the register: status on a date and the timeline, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from certification.models import Audit, Bezwaar, Certificaatbesluit
from register import cache, klok, rules, vertrouwelijkheid
from register.models import Gegevensnotitie, Instelling, Omvang
from register.teksten import GELDIG_TOT_ONBEKEND, datum_cijfers, feitdatum_tekst, reikwijdte_tekst
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Toezichtbesluit


def _instelling(instelling: Instelling | str) -> Instelling:
    if isinstance(instelling, Instelling):
        return instelling
    try:
        return Instelling.objects.get(afkorting=instelling)
    except Instelling.DoesNotExist:
        raise Instelling.DoesNotExist(f"Er is geen instelling met afkorting '{instelling}'.") from None


def rapport_feit(onderzoek, oordelen) -> rules.RapportFeit:
    """A report with its oordelen (model or historical rows, each oordeel with its ``thema``)."""
    return rules.RapportFeit(
        onderzoek.id,
        onderzoek.rapportdatum,
        onderzoek.titel,
        tuple(rules.OordeelFeit(o.thema.code, o.thema.naam, o.waarde) for o in oordelen),
        rules.kwaliteit_van(onderzoek),
    )


def aanleiding_voor(
    instelling: Instelling | str,
    besluitdatum: dt.date,
    *,
    status: str | None = None,
    ingangsdatum: dt.date | None = None,
    besluit_id: int | None = None,
) -> rules.Aanleiding:
    """The aanleiding of a certificaatbesluit of one GI taken on ``besluitdatum`` (DESIGN.md §3, Afweging), from the
    records that count now: five queries, however many records the GI has. ``status`` and ``ingangsdatum``: the
    besluit's own (an overbrugging, or a besluit following one, is under aanleiding); ``besluit_id``: the besluit
    itself when it is corrected, which it does not follow."""
    instelling = _instelling(instelling)
    vorige = None
    if isinstance(ingangsdatum, dt.date):
        eerder = _geldige_certificaatbesluiten().filter(instelling=instelling, ingangsdatum__lt=ingangsdatum)
        if besluit_id is not None:
            eerder = eerder.exclude(pk=besluit_id)
        vorig = eerder.order_by("-ingangsdatum", "-id").first()
        vorige = rules.CertificaatFeit.van(vorig) if vorig is not None else None
    audit = (
        Audit.objects.filter(instelling=instelling, vervallen=False, einddatum__lte=besluitdatum)
        .order_by("-einddatum", "-startdatum", "-id")
        .first()
    )
    try:
        vanaf = besluitdatum - rules.AANLEIDING_VENSTER
    except OverflowError:  # a legacy date near the start of the calendar
        vanaf = dt.date.min
    onderzoeken = (
        Inspectieonderzoek.objects.filter(
            vervallen=False, rapportdatum__gte=vanaf, rapportdatum__lte=besluitdatum,
            oordelen__instelling=instelling, oordelen__waarde__in=rules.KRITISCHE_WAARDEN,
        )
        .distinct()
        .prefetch_related(_oordelen_van(instelling))
    )
    toezicht = _geldige_toezichtbesluiten().filter(instelling=instelling, ingangsdatum__lte=besluitdatum)
    return rules.aanleiding(
        besluitdatum,
        [rules.AuditFeit.van(audit)] if audit is not None else [],
        [rapport_feit(o, o.oordelen.all()) for o in onderzoeken],
        [rules.ToezichtFeit.van(b) for b in toezicht],
        status=status,
        vorige=vorige,
    )


def _geldige_certificaatbesluiten():
    return Certificaatbesluit.objects.filter(vervallen=False)


def geldige_bezwaren():
    """The bezwaren and beroepen that count (not void), in the order they were lodged."""
    return Bezwaar.objects.filter(vervallen=False).order_by("ingediend_op", "id")


def _geldige_toezichtbesluiten():
    return Toezichtbesluit.objects.filter(vervallen=False)


def certificaatstatus_op(instelling: Instelling | str, datum: dt.date) -> rules.CertificaatStatus:
    """Certificate status of one GI on ``datum`` (DESIGN.md §3)."""
    instelling = _instelling(instelling)
    besluiten = _geldige_certificaatbesluiten().filter(instelling=instelling, ingangsdatum__lte=datum)
    return rules.certificaatstatus([rules.CertificaatFeit.van(b) for b in besluiten], datum, rules.gegevens_vanaf(instelling, "certificering"))


def certificaatstatus_per_taak_op(instelling: Instelling | str, datum: dt.date) -> dict[str, rules.TaakStatus]:
    """Certificate status of one GI per task (jeugdbescherming, jeugdreclassering) on ``datum`` (register/rules.py
    ``certificaatstatus_per_taak``)."""
    instelling = _instelling(instelling)
    besluiten = _geldige_certificaatbesluiten().filter(instelling=instelling, ingangsdatum__lte=datum)
    return rules.certificaatstatus_per_taak(
        [rules.CertificaatFeit.van(b) for b in besluiten], datum, rules.gegevens_vanaf(instelling, "certificering")
    )


def toezichtniveau_op(instelling: Instelling | str, datum: dt.date) -> rules.ToezichtStatus:
    """Toezicht level of one GI on ``datum`` (DESIGN.md §3)."""
    instelling = _instelling(instelling)
    besluiten = _geldige_toezichtbesluiten().filter(instelling=instelling, ingangsdatum__lte=datum)
    return rules.toezichtniveau([rules.ToezichtFeit.van(b) for b in besluiten], datum, rules.gegevens_vanaf(instelling, "toezicht"))


@dataclass(frozen=True)
class StatusOpDatum:
    instelling: Instelling
    datum: dt.date
    certificaat: rules.CertificaatStatus
    toezicht: rules.ToezichtStatus
    # The certificate status per task (jeugdbescherming, jeugdreclassering) by the same rule (rules.TaakStatus).
    per_taak: dict = field(default_factory=dict)


def statussen_op(datum: dt.date, instellingen: list[Instelling] | None = None) -> list[StatusOpDatum]:
    """Status of every GI on ``datum`` (or of ``instellingen``): three queries, however many GI's and decisions."""
    alleen = {} if instellingen is None else {"instelling_id__in": [i.id for i in instellingen]}
    if instellingen is None:
        instellingen = list(Instelling.objects.filter(vervallen=False).order_by("naam"))
    cert: dict[int, list] = {}
    # Every field CertificaatFeit.van and ToezichtFeit.van read: a deferred one would cost a query per besluit.
    for b in _geldige_certificaatbesluiten().filter(ingangsdatum__lte=datum, **alleen).only(
        "id", "instelling_id", "status", "ingangsdatum", "geldig_tot", "geldig_tot_onbekend", "besluitdatum", "afweging",
        "afweging_herkomst", "afweging_bron", "afweging_vertrouwelijk", "reikwijdte", "datumkwaliteit",
    ):
        cert.setdefault(b.instelling_id, []).append(rules.CertificaatFeit.van(b))
    toezicht: dict[int, list] = {}
    for b in _geldige_toezichtbesluiten().filter(ingangsdatum__lte=datum, **alleen).only(
        "id", "instelling_id", "niveau", "ingangsdatum", "voorziene_einddatum", "datumkwaliteit",
    ):
        toezicht.setdefault(b.instelling_id, []).append(rules.ToezichtFeit.van(b))
    return [
        StatusOpDatum(
            i,
            datum,
            rules.certificaatstatus(cert.get(i.id, []), datum, rules.gegevens_vanaf(i, "certificering")),
            rules.toezichtniveau(toezicht.get(i.id, []), datum, rules.gegevens_vanaf(i, "toezicht")),
            rules.certificaatstatus_per_taak(cert.get(i.id, []), datum, rules.gegevens_vanaf(i, "certificering")),
        )
        for i in instellingen
    ]


def statussen_op_uit_cache(datum: dt.date) -> list[StatusOpDatum]:
    """``statussen_op(datum)`` assembled from parts per GI in the cache (register/cache.py): the list of GI's under
    the global version, each GI's status under its own version (register/standversie.py), so a write to one GI
    rebuilds the status of that GI only (three queries for it), not of every GI. Openbaar: built from fields everyone
    may read (no confidential field of a certificaatbesluit). Warm: three queries (the versions, the list, the
    parts)."""
    from django.core.cache import cache as gedeeld

    from register import standversie

    vandaag = klok.vandaag()
    instellingen = cache._bewaard(
        cache.sleutel("instellingen-actief", vandaag), standversie.versie_globaal(openbaar=True),
        lambda: list(Instelling.objects.filter(vervallen=False).order_by("naam")), gedeeld,
    )
    if not instellingen:
        return []
    versies = standversie.versies_per_gi(openbaar=True)
    sleutels = {i.id: cache.sleutel("status-gi", vandaag, datum.isoformat(), i.afkorting) for i in instellingen}
    # Read as the parts of a page (register/cache.py ``delen_lezen``): "/" reads only the fields of each, never
    # changes one.
    bewaard = cache.delen_lezen(gedeeld, list(sleutels.values()))
    per_gi: dict[int, StatusOpDatum] = {}
    for i in instellingen:
        gevonden = bewaard.get(sleutels[i.id])
        if gevonden is not None and gevonden[0] == versies(i.afkorting):
            per_gi[i.id] = gevonden[1]
    ontbrekend = [i for i in instellingen if i.id not in per_gi]
    if ontbrekend:
        nieuw = statussen_op(datum, ontbrekend)
        gedeeld.set_many(
            {sleutels[s.instelling.id]: (versies(s.instelling.afkorting), s) for s in nieuw}, cache.BEWAARTERMIJN
        )
        per_gi |= {s.instelling.id: s for s in nieuw}
    return [per_gi[i.id] for i in instellingen]


@dataclass(frozen=True)
class Gebeurtenis:
    datum: dt.date
    soort: str  # certificaatbesluit | audit | toezichtbesluit | handhavingsmaatregel | inspectieonderzoek
    omschrijving: str
    object: Any = field(compare=False)

    @property
    def bron(self) -> str:
        return self.object.bron

    @property
    def datumkwaliteit(self) -> str:
        return getattr(self.object, "datumkwaliteit", "exact") or "exact"

    @property
    def datum_toelichting(self) -> str:
        return getattr(self.object, "datum_toelichting", "") or ""

    @property
    def datum_weergave(self) -> str:
        """The event's date as its datumkwaliteit allows: a ``maand`` date as its month, never a made-up day."""
        return feitdatum_tekst(self.datum, self.datumkwaliteit)


@dataclass
class Tijdlijn:
    instelling: Instelling
    van: dt.date
    tot: dt.date
    gebeurtenissen: list[Gebeurtenis]
    certificaat_intervallen: list[rules.Interval]
    toezicht_intervallen: list[rules.Interval]


# Events sort by date, then in this order within one day.
SOORT_VOLGORDE = {"audit": 0, "inspectieonderzoek": 1, "certificaatbesluit": 2, "toezichtbesluit": 3, "handhavingsmaatregel": 4}


def _in(datum, van, tot) -> bool:
    return datum is not None and van <= datum <= tot


def gebeurtenissen_van(certificaatbesluiten, audits, toezichtbesluiten, maatregelen, onderzoeken, van, tot):
    """All events of one GI in [van, tot], ordered by date (pure: works on model or historical rows)."""
    items: list[Gebeurtenis] = []
    for b in certificaatbesluiten:
        if _in(b.ingangsdatum, van, tot):
            status = dict(Certificaatbesluit.Status.choices).get(b.status, b.status)
            if b.geldig_tot:
                tot_tekst = f" tot en met {datum_cijfers(b.geldig_tot)}"
            elif getattr(b, "geldig_tot_onbekend", False):
                tot_tekst = f", geldig tot: {GELDIG_TOT_ONBEKEND}"
            else:
                tot_tekst = ""
            reikwijdte = reikwijdte_tekst(getattr(b, "reikwijdte", None))
            items.append(Gebeurtenis(b.ingangsdatum, "certificaatbesluit", f"KMI: {status}{tot_tekst} ({reikwijdte})", b))
    for a in audits:
        if _in(a.startdatum, van, tot):
            soort = dict(Audit.Soort.choices).get(a.soort, a.soort)
            items.append(Gebeurtenis(a.startdatum, "audit", f"KMI-audit ({soort}) tot en met {feitdatum_tekst(a.einddatum, getattr(a, 'datumkwaliteit', 'exact'))}", a))
    for b in toezichtbesluiten:
        if _in(b.ingangsdatum, van, tot):
            niveau = dict(Toezichtbesluit.Niveau.choices).get(b.niveau, b.niveau)
            termijn = f", termijn tot en met {datum_cijfers(b.voorziene_einddatum)}" if b.voorziene_einddatum else ""
            items.append(Gebeurtenis(b.ingangsdatum, "toezichtbesluit", f"Inspecties: {niveau}{termijn}", b))
    for m in maatregelen:
        if _in(m.datum, van, tot):
            soort = dict(Handhavingsmaatregel.Soort.choices).get(m.soort, m.soort)
            items.append(Gebeurtenis(m.datum, "handhavingsmaatregel", f"Inspecties: {soort}", m))
    for o in onderzoeken:
        if _in(o.rapportdatum, van, tot):
            items.append(Gebeurtenis(o.rapportdatum, "inspectieonderzoek", f"Inspectierapport: {o.titel}", o))
    items.sort(key=lambda g: (g.datum, SOORT_VOLGORDE[g.soort], g.object.pk))
    return items


def _oordelen_van(instelling: Instelling) -> Prefetch:
    """A report's ``oordelen`` as one GI's reader sees them: only those about that GI (a report on several GI's
    holds the oordelen of each), with their themes, in theme order."""
    return Prefetch(
        "oordelen",
        queryset=Oordeel.objects.filter(instelling=instelling).select_related("thema", "instelling").order_by("thema__volgorde", "id"),
    )


def onderzoeken_van(instelling: Instelling, *, lezer=None):
    """The reports (not vervallen) that concern ``instelling`` and that ``lezer`` may see (register/vertrouwelijkheid.py,
    embargo; None: the public), each with only that GI's oordelen (``oordelen``), its GI's zienswijze
    (``zienswijze``, ``zienswijze_bron``) and the other GI's it concerns (``andere_instellingen``, afkortingen): two
    queries besides the reports themselves."""
    onderzoeken = list(
        vertrouwelijkheid.zonder_embargo(lezer, Inspectieonderzoek, Inspectieonderzoek.objects.filter(
            onderzochte_instellingen__instelling=instelling, vervallen=False
        ))
        .prefetch_related(
            _oordelen_van(instelling),
            Prefetch(
                "onderzochte_instellingen",
                queryset=OnderzochteInstelling.objects.select_related("instelling").order_by("id"),
            ),
        )
        .distinct()
    )
    for o in onderzoeken:
        koppelingen = list(o.onderzochte_instellingen.all())
        eigen = next((k for k in koppelingen if k.instelling_id == instelling.pk), None)
        o.zienswijze = eigen.zienswijze if eigen else ""
        o.zienswijze_bron = eigen.zienswijze_bron if eigen else ""
        o.andere_instellingen = [k.instelling.afkorting for k in koppelingen if k.instelling_id != instelling.pk]
    return onderzoeken


def tijdlijn(instelling: Instelling | str, van: dt.date | None = None, tot: dt.date | None = None, *, lezer=None) -> Tijdlijn:
    """All events of one GI in [van, tot] (inclusive) plus its status intervals: eight queries at most. The reports
    ``lezer`` may see (register/vertrouwelijkheid.py, embargo); None: the public, as every public page reads it."""
    return tijdlijnen(instelling, (van, tot), lezer=lezer)[0]


def tijdlijnen(instelling: Instelling | str, *perioden: tuple[dt.date | None, dt.date | None], lezer=None) -> list[Tijdlijn]:
    """The tijdlijn of one GI for each (van, tot) of ``perioden`` (``tijdlijn``), from one read of its records: a
    page that shows the whole timeline and one year of it reads the GI once."""
    instelling = _instelling(instelling)
    # Readers show each event with its GI, a decision with its audits and a report with its oordelen and their
    # themes (the API tijdlijn, the public GI page): fetched here, so more events cost no more queries.
    cert = list(
        _geldige_certificaatbesluiten().filter(instelling=instelling).select_related("instelling")
        .prefetch_related("audits", Prefetch("bezwaren", queryset=geldige_bezwaren(), to_attr="geldige_bezwaren"))
        .order_by("ingangsdatum")
    )
    toezicht = list(_geldige_toezichtbesluiten().filter(instelling=instelling).select_related("instelling").order_by("ingangsdatum"))
    audits = list(Audit.objects.filter(instelling=instelling, vervallen=False).select_related("instelling"))
    maatregelen = list(Handhavingsmaatregel.objects.filter(instelling=instelling, vervallen=False).select_related("instelling"))
    onderzoeken = onderzoeken_van(instelling, lezer=lezer)
    alle_data = [b.ingangsdatum for b in cert + toezicht] + [a.startdatum for a in audits]
    alle_data += [m.datum for m in maatregelen] + [o.rapportdatum for o in onderzoeken]
    vandaag = klok.vandaag()
    cert_feiten = [rules.CertificaatFeit.van(b) for b in cert]
    toezicht_feiten = [rules.ToezichtFeit.van(b) for b in toezicht]
    result = []
    for van, tot in perioden:
        van = van or (min(alle_data) if alle_data else vandaag)
        tot = tot or max([vandaag, *alle_data])
        result.append(Tijdlijn(
            instelling=instelling,
            van=van,
            tot=tot,
            gebeurtenissen=gebeurtenissen_van(cert, audits, toezicht, maatregelen, onderzoeken, van, tot),
            certificaat_intervallen=rules.certificaat_intervallen(
                cert_feiten, van, tot, rules.gegevens_vanaf(instelling, "certificering")
            ),
            toezicht_intervallen=rules.toezicht_intervallen(toezicht_feiten, van, tot, rules.gegevens_vanaf(instelling, "toezicht")),
        ))
    return result


def gegevensnotities_op(peildatum: dt.date | None = None) -> list[Gegevensnotitie]:
    """The notes about the data (register/models.py Gegevensnotitie) as recorded at the end of ``peildatum`` (all
    of them when None): the general ones first, then per GI, each in the order they were recorded. One query."""
    notities = Gegevensnotitie.objects.select_related("instelling")
    if peildatum is not None:
        notities = notities.filter(vastgelegd_op__lt=klok.einde_van_dag(peildatum))
    return sorted(notities, key=lambda n: (n.instelling is not None, n.instelling.afkorting if n.instelling else "",
                                           n.vastgelegd_op, n.id))


def omvang_op(datum: dt.date):
    """The Omvang that holds on ``datum`` (DESIGN.md §3): the latest recorded on or before it, or None. One query."""
    return Omvang.objects.filter(vervallen=False, datum__lte=datum).order_by("-datum").first()
