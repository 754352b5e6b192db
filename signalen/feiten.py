"""Plain facts: the register as rows (``Registerstand``) and what the signal rules need of one GI (``GIFeiten``,
made of the fact types of register/rules.py).

Nothing here queries or imports Django: signalen/selectors.py reads the database into a ``Registerstand``; the
signal rules (signalen/regels.py), the overview builder (reports/overzicht.py), wederhoor and vroegsignalering
work on what this module shapes from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

from register import rules


@dataclass
class Registerstand:
    """Plain rows of every record that counts (not vervallen), as now or as recorded at a moment, per domain
    model by its resource name (register/domein.py): ``stand["audits"]``."""

    rijen: dict[str, list[SimpleNamespace]] = field(default_factory=dict)
    # The latest recorded change at or before the moment (None when read from the current tables); for an
    # openbaar stand the latest change the public may see (register/vertrouwelijkheid.py).
    laatste_wijziging: dt.datetime | None = None

    def __getitem__(self, naam: str) -> list[SimpleNamespace]:
        return self.rijen[naam]


@dataclass(frozen=True)
class GIFeiten:
    """Everything the signal rules need of one GI. ``certificering_vanaf`` and ``toezicht_vanaf``: the first day the
    register's record of that side is complete (None: complete since the GI became active; rules.NOG_NIETS_VASTGELEGD:
    nothing recorded yet); before it that side is 'onbekend' and no signal that needs it fires."""

    afkorting: str
    actief_vanaf: dt.date | None = None
    actief_tot: dt.date | None = None
    certificaten: tuple[rules.CertificaatFeit, ...] = ()
    toezichten: tuple[rules.ToezichtFeit, ...] = ()
    rapporten: tuple[rules.RapportFeit, ...] = ()
    audits: tuple[rules.AuditFeit, ...] = ()
    certificering_vanaf: dt.date | None = None
    toezicht_vanaf: dt.date | None = None

    def bekend(self, datum: dt.date, *kanten: str) -> bool:
        """Does the register know each of ``kanten`` ('certificering', 'toezicht') of the GI on ``datum``?"""
        return all(rules.is_bekend(datum, getattr(self, f"{kant}_vanaf")) for kant in kanten)


def eerste_registratie(instellingen) -> dt.date | None:
    """The first registration date: the first day on which the register held a GI that was active. Per GI
    (``(actief_vanaf, vastgelegd_dag)``, either None when not known) the later of the day it was recorded and its
    actief vanaf, the earliest of those; None when there is no GI. The one rule every refusal of an overview on an
    earlier peildatum names (signalen/selectors.py reads its input from the register now)."""
    dagen = []
    for actief_vanaf, vastgelegd in instellingen:
        bekend = [d for d in (actief_vanaf, vastgelegd) if d is not None]
        if bekend:
            dagen.append(max(bekend))
    return min(dagen, default=None)


def per_instelling(rijen) -> dict[int | None, list]:
    result: dict[int | None, list] = {}
    for r in rijen:
        result.setdefault(r.instelling_id, []).append(r)
    return result


def onderzoeken_per_gi(stand: Registerstand) -> list[SimpleNamespace]:
    """One row per report and GI it concerns (an overarching report names several): the report's fields with that
    GI as ``instelling_id``, the GI's ``zienswijze`` and ``zienswijze_bron``, and ``instelling_ids``: every GI of the
    report, in the order they were linked. A report without a GI (only in a damaged register) has no row."""
    onderzoeken = {o.id: o for o in stand["inspectieonderzoeken"]}
    koppelingen = sorted((k for k in stand["onderzochte_instellingen"] if k.onderzoek_id in onderzoeken), key=lambda k: k.id)
    alle: dict[int, list[int]] = {}
    for k in koppelingen:
        alle.setdefault(k.onderzoek_id, []).append(k.instelling_id)
    return [
        SimpleNamespace(**{
            **vars(onderzoeken[k.onderzoek_id]), "instelling_id": k.instelling_id, "zienswijze": k.zienswijze,
            "zienswijze_bron": k.zienswijze_bron, "instelling_ids": tuple(alle[k.onderzoek_id]),
        })
        for k in koppelingen
    ]


def oordelen_per_onderzoek(stand: Registerstand) -> dict[tuple[int, int], list[SimpleNamespace]]:
    """The oordelen of each report per GI (key: ``(onderzoek_id, instelling_id)``) with their theme's code, name
    and order, in theme order."""
    themas = {t.id: t for t in stand["themas"]}
    result: dict[int, list] = {}
    for o in stand["oordelen"]:
        thema = themas.get(o.thema_id)
        o.thema_code = thema.code if thema else str(o.thema_id)
        o.thema_naam = thema.naam if thema else str(o.thema_id)
        o.thema_volgorde = thema.volgorde if thema else 0
        result.setdefault((o.onderzoek_id, o.instelling_id), []).append(o)
    for lijst in result.values():
        lijst.sort(key=lambda o: (o.thema_volgorde, o.thema_naam))
    return result


def gi_feiten(stand: Registerstand, *, openbaar: bool = False) -> list[GIFeiten]:
    """The facts the signal rules need, one per GI, in the order of the register state. ``openbaar``: the facts the
    public may see (DESIGN.md §4, each variant computes its signals from the facts it may show): the audits without
    their uitkomst, which is confidential, so no aanleiding rests on it."""
    cert = per_instelling(stand["certificaatbesluiten"])
    toezicht = per_instelling(stand["toezichtbesluiten"])
    onderzoeken = per_instelling(onderzoeken_per_gi(stand))
    audits = per_instelling(stand["audits"])
    oordelen = oordelen_per_onderzoek(stand)
    result = []
    for gi in stand["instellingen"]:
        rapporten = tuple(
            rules.RapportFeit(
                o.id,
                o.rapportdatum,
                o.titel,
                tuple(
                    rules.OordeelFeit(x.thema_code, x.thema_naam, x.waarde) for x in oordelen.get((o.id, gi.id), [])
                ),
                rules.kwaliteit_van(o),
            )
            for o in onderzoeken.get(gi.id, [])
        )
        result.append(
            GIFeiten(
                afkorting=gi.afkorting,
                actief_vanaf=gi.actief_vanaf,
                actief_tot=gi.actief_tot,
                certificaten=tuple(rules.CertificaatFeit.van(b) for b in cert.get(gi.id, [])),
                toezichten=tuple(rules.ToezichtFeit.van(b) for b in toezicht.get(gi.id, [])),
                rapporten=rapporten,
                audits=tuple(rules.AuditFeit.van(a, uitkomst_zichtbaar=not openbaar) for a in audits.get(gi.id, [])),
                certificering_vanaf=rules.gegevens_vanaf(gi, "certificering"),
                toezicht_vanaf=rules.gegevens_vanaf(gi, "toezicht"),
            )
        )
    return result
