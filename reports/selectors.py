"""Reads of the reports app: the register now or as recorded at the end of a peildatum, and the archive.

A register read is one query per domain model (register/domein.py), however many GI's and events there are;
it returns a ``Registerstand`` of plain rows (reports/feiten.py) that the signal rules and the overview builder
work on without querying again.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from register import domein, klok, vertrouwelijkheid
from reports import varianten
from reports.feiten import Registerstand
from reports.models import Kameroverzicht


def _velden(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _rij(values: dict) -> SimpleNamespace:
    values = dict(values)
    values.setdefault("pk", values.get("id"))
    return SimpleNamespace(**values)


def _telt(rij) -> bool:
    return not getattr(rij, "vervallen", False)


def _beperkt(model, qs, instellingen: frozenset[int] | None):
    """Only the rows of the GI's ``instellingen`` (None: all): a GI itself, a record of a GI (national records
    without a GI, such as a landelijke monitormeting, stay), or a record inside one (an oordeel in its report);
    a record of no GI at all (a theme) is never restricted."""
    if instellingen is None:
        return qs
    if model is domein.van("register.instelling").model:
        return qs.filter(id__in=instellingen)
    velden = {f.name: f for f in model._meta.concrete_fields}
    if "instelling" in velden:
        veld = velden["instelling"]
        alleen = Q(instelling_id__in=instellingen)
        return qs.filter(alleen | Q(instelling_id__isnull=True) if veld.null else alleen)
    for veld in velden.values():
        if veld.is_relation and any(f.name == "instelling" for f in veld.related_model._meta.concrete_fields):
            return qs.filter(**{f"{veld.name}__instelling_id__in": instellingen})
    return qs


def _huidig(model, instellingen: frozenset[int] | None = None) -> list[SimpleNamespace]:
    rijen = _beperkt(model, model.objects.order_by("id"), instellingen).values(*_velden(model))
    return [r for r in map(_rij, rijen) if _telt(r)]


def _zoals_vastgelegd(
    model, moment: dt.datetime, lezer=None, instellingen: frozenset[int] | None = None
) -> tuple[list[SimpleNamespace], dt.datetime | None]:
    """The latest historical version of every record at ``moment`` (exclusive); deleted ones are absent.
    With ``lezer``, the moment of the latest change is the latest change that reader may see."""
    velden = _velden(model)
    historie = _beperkt(model, model.history.filter(history_date__lt=moment), instellingen)
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


def registerstand(
    peildatum: dt.date | None = None, *, openbaar: bool = False, instellingen: set[int] | None = None
) -> Registerstand:
    """The register now (``peildatum`` None) or as recorded at the end of ``peildatum`` (register/klok.py): one
    query per domain model. ``openbaar``: dated by the latest change the public may see, so an edit of
    confidential fields only leaves the openbaar overview byte for byte the same. ``instellingen``: only the rows
    of the GI's with these ids (and the themes and national records), for work proportional to a page of GI's."""
    stand = Registerstand()
    instellingen = None if instellingen is None else frozenset(instellingen)
    if peildatum is None:
        for d in domein.DOMEINMODELLEN:
            stand.rijen[d.naam] = _huidig(d.model, instellingen)
    else:
        moment = klok.einde_van_dag(peildatum)
        lezer = AnonymousUser() if openbaar else None
        momenten = []
        for d in domein.DOMEINMODELLEN:
            stand.rijen[d.naam], laatste = _zoals_vastgelegd(d.model, moment, lezer, instellingen)
            if laatste is not None:
                momenten.append(laatste)
        stand.laatste_wijziging = max(momenten) if momenten else None
        # Seeded themes were created by a data migration without history rows; a theme without any
        # historical version counts with its current values.
        bekend = {t.id for t in stand["themas"]}
        stand.rijen["themas"] += [t for t in _huidig(domein.van("supervision.thema").model) if t.id not in bekend]
    levend = {o.id for o in stand["inspectieonderzoeken"]}
    stand.rijen["oordelen"] = [o for o in stand["oordelen"] if o.onderzoek_id in levend]
    stand["instellingen"].sort(key=lambda i: (i.naam, i.afkorting))
    return stand


def eerste_registratie() -> dt.date | None:
    """The first day on which the register, as it is now, held a GI that was active: per GI the later of the day its
    first version was recorded (Europe/Amsterdam) and its actief vanaf, the earliest of those. For the refusal of an
    overview on a peildatum before it (reports/overzicht.py GeenInstellingen). Two queries."""
    from django.db.models import Min  # noqa: PLC0415 (only on this refusal path)

    model = domein.van("register.instelling").model
    eerste_versie = dict(model.history.order_by().values("id").annotate(eerst=Min("history_date")).values_list("id", "eerst"))
    dagen = []
    for pk, aangemaakt_op, actief_vanaf in model.objects.filter(vervallen=False).values_list("id", "aangemaakt_op", "actief_vanaf"):
        vastgelegd = eerste_versie.get(pk, aangemaakt_op).astimezone(klok.AMSTERDAM).date()
        dagen.append(max(vastgelegd, actief_vanaf) if actief_vanaf else vastgelegd)
    return min(dagen, default=None)


def kameroverzichten_voor(user):
    """The archived overviews ``user`` may read (reports/varianten.py), without the PDF bytes."""
    return (
        Kameroverzicht.objects.filter(variant__in=varianten.leesbare_varianten(user))
        .select_related("aangemaakt_door")
        .defer("pdf", "data")
    )


def kameroverzicht_voor(user, pk: int):
    """One archived overview ``user`` may see; DoesNotExist otherwise."""
    toegestaan = kameroverzichten_voor(user).values_list("pk", flat=True)
    return Kameroverzicht.objects.select_related("aangemaakt_door").get(pk=pk, pk__in=toegestaan)
