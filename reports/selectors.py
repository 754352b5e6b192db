"""Reads for the Kamer overview: the register now or as recorded at the end of a peildatum.

Each read is one query per model (ten at most), however many GI's and events there are. The result
is a ``Registerstand`` of plain rows that the signal rules and the overview builder work on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser

from certification.models import Audit, Certificaatbesluit
from register import roles, rules, vertrouwelijkheid
from register.klok import AMSTERDAM
from register.models import Instelling, Monitormeting
from reports.signalen import GIFeiten, OordeelFeit, RapportFeit
from supervision.models import Handhavingsmaatregel, Inspectieonderzoek, Oordeel, Thema, Toezichtbesluit

MODELLEN = {
    "instellingen": Instelling,
    "certificaatbesluiten": Certificaatbesluit,
    "audits": Audit,
    "toezichtbesluiten": Toezichtbesluit,
    "handhavingsmaatregelen": Handhavingsmaatregel,
    "inspectieonderzoeken": Inspectieonderzoek,
    "oordelen": Oordeel,
    "themas": Thema,
    "monitormetingen": Monitormeting,
}


@dataclass
class Registerstand:
    """Plain rows of every record that counts (not vervallen), as now or as recorded at a moment."""

    instellingen: list = field(default_factory=list)
    certificaatbesluiten: list = field(default_factory=list)
    audits: list = field(default_factory=list)
    toezichtbesluiten: list = field(default_factory=list)
    handhavingsmaatregelen: list = field(default_factory=list)
    inspectieonderzoeken: list = field(default_factory=list)
    oordelen: list = field(default_factory=list)
    themas: list = field(default_factory=list)
    monitormetingen: list = field(default_factory=list)
    # The latest recorded change at or before the moment (None when read from the current tables); for an
    # openbaar stand the latest change the public may see (register/vertrouwelijkheid.py).
    laatste_wijziging: dt.datetime | None = None


def einde_van_dag(peildatum: dt.date) -> dt.datetime:
    """The first instant after ``peildatum`` in Europe/Amsterdam: the register is read strictly before it."""
    return dt.datetime.combine(peildatum + dt.timedelta(days=1), dt.time.min, tzinfo=AMSTERDAM)


def _velden(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _rij(values: dict) -> SimpleNamespace:
    values = dict(values)
    values.setdefault("pk", values.get("id"))
    return SimpleNamespace(**values)


def _telt(rij) -> bool:
    return not getattr(rij, "vervallen", False)


def _huidig(model) -> list[SimpleNamespace]:
    return [r for r in map(_rij, model.objects.order_by("id").values(*_velden(model))) if _telt(r)]


def _zoals_vastgelegd(model, moment: dt.datetime, lezer=None) -> tuple[list[SimpleNamespace], dt.datetime | None]:
    """The latest historical version of every record at ``moment`` (exclusive); deleted ones are absent.
    With ``lezer``, the moment of the latest change is the latest change that reader may see."""
    velden = _velden(model)
    historie = model.history.filter(history_date__lt=moment)
    if lezer is not None:
        historie = vertrouwelijkheid.met_zichtbaarheid(lezer, model, historie)
    rijen = (
        historie.order_by("id", "history_date", "history_id")
        .values(*velden, "history_date", "history_type", *(["zichtbaar"] if lezer is not None else []))
        .iterator(chunk_size=5000)
    )
    laatste: dict[int, dict] = {}
    laatste_wijziging = None
    for r in rijen:
        laatste[r["id"]] = r
        if r.pop("zichtbaar", True) and (laatste_wijziging is None or r["history_date"] > laatste_wijziging):
            laatste_wijziging = r["history_date"]
    result = []
    for r in laatste.values():
        if r.pop("history_type") == "-":
            continue
        r.pop("history_date")
        rij = _rij(r)
        if _telt(rij):
            result.append(rij)
    return result, laatste_wijziging


def registerstand(peildatum: dt.date | None = None, *, openbaar: bool = False) -> Registerstand:
    """The register now (``peildatum`` None) or as recorded at the end of ``peildatum``: ten queries at most.
    ``openbaar``: dated by the latest change the public may see, so an edit of confidential fields only
    leaves the openbaar overview byte for byte the same."""
    stand = Registerstand()
    lezer = AnonymousUser() if openbaar else None
    if peildatum is None:
        for naam, model in MODELLEN.items():
            setattr(stand, naam, _huidig(model))
    else:
        moment = einde_van_dag(peildatum)
        momenten = []
        for naam, model in MODELLEN.items():
            rijen, laatste = _zoals_vastgelegd(model, moment, lezer)
            setattr(stand, naam, rijen)
            if laatste is not None:
                momenten.append(laatste)
        stand.laatste_wijziging = max(momenten) if momenten else None
        # Seeded themes were created by a data migration without history rows; a theme without any
        # historical version counts with its current values.
        bekend = {t.id for t in stand.themas}
        stand.themas += [t for t in _huidig(Thema) if t.id not in bekend]
    levend = {o.id for o in stand.inspectieonderzoeken}
    stand.oordelen = [o for o in stand.oordelen if o.onderzoek_id in levend]
    stand.instellingen.sort(key=lambda i: (i.naam, i.afkorting))
    return stand


def per_instelling(rijen) -> dict[int | None, list]:
    result: dict[int | None, list] = {}
    for r in rijen:
        result.setdefault(r.instelling_id, []).append(r)
    return result


def certificaat_feit(r) -> rules.CertificaatFeit:
    return rules.CertificaatFeit(r.id, r.status, r.ingangsdatum, r.geldig_tot)


def toezicht_feit(r) -> rules.ToezichtFeit:
    return rules.ToezichtFeit(r.id, r.niveau, r.ingangsdatum, r.voorziene_einddatum)


def oordelen_per_onderzoek(stand: Registerstand) -> dict[int, list[SimpleNamespace]]:
    themas = {t.id: t for t in stand.themas}
    result: dict[int, list] = {}
    for o in stand.oordelen:
        thema = themas.get(o.thema_id)
        o.thema_code = thema.code if thema else str(o.thema_id)
        o.thema_naam = thema.naam if thema else str(o.thema_id)
        o.thema_volgorde = thema.volgorde if thema else 0
        result.setdefault(o.onderzoek_id, []).append(o)
    for lijst in result.values():
        lijst.sort(key=lambda o: (o.thema_volgorde, o.thema_naam))
    return result


def gi_feiten(stand: Registerstand) -> list[GIFeiten]:
    """The plain facts the signal rules need, one per GI, from a register state (no queries)."""
    cert = per_instelling(stand.certificaatbesluiten)
    toezicht = per_instelling(stand.toezichtbesluiten)
    onderzoeken = per_instelling(stand.inspectieonderzoeken)
    oordelen = oordelen_per_onderzoek(stand)
    result = []
    for gi in stand.instellingen:
        rapporten = tuple(
            RapportFeit(
                o.id,
                o.rapportdatum,
                o.titel,
                tuple(OordeelFeit(x.thema_code, x.thema_naam, x.waarde) for x in oordelen.get(o.id, [])),
            )
            for o in onderzoeken.get(gi.id, [])
        )
        result.append(
            GIFeiten(
                afkorting=gi.afkorting,
                actief_vanaf=gi.actief_vanaf,
                actief_tot=gi.actief_tot,
                certificaten=tuple(certificaat_feit(b) for b in cert.get(gi.id, [])),
                toezichten=tuple(toezicht_feit(b) for b in toezicht.get(gi.id, [])),
                rapporten=rapporten,
            )
        )
    return result


def gi_feiten_huidig() -> list[GIFeiten]:
    """The signal facts of every GI from the current register: a fixed number of queries."""
    return gi_feiten(registerstand(None))


def kameroverzichten_voor(user):
    """The archived overviews ``user`` may read (register/roles.py), without the PDF bytes."""
    from reports.models import Kameroverzicht

    Variant = Kameroverzicht.Variant
    varianten = [v for v in Variant.values if roles.mag_kameroverzicht_inzien(user, vertrouwelijk=v == Variant.VERTROUWELIJK)]
    return Kameroverzicht.objects.filter(variant__in=varianten).select_related("aangemaakt_door").defer("pdf", "data")


def kameroverzicht_voor(user, pk: int):
    """One archived overview ``user`` may see; DoesNotExist otherwise."""
    from reports.models import Kameroverzicht

    toegestaan = kameroverzichten_voor(user).values_list("pk", flat=True)
    return Kameroverzicht.objects.select_related("aangemaakt_door").get(pk=pk, pk__in=toegestaan)
