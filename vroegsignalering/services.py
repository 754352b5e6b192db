"""Writes of vroegsignalering: evaluating the signals after a write and recording a melding for each signal that
started or ended (then telling the toezichthouders), the per-user e-mail preference, and the weekly overview."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from register import klok, roles
from register.models import Instelling
from register.services import GeenSchrijfrecht
from register.teksten import periode_tekst
from signalen import regels as signalen
from signalen.feiten import gi_feiten
from signalen.selectors import registerstand_nu
from vroegsignalering import berichten, selectors
from vroegsignalering.models import BEEINDIGD, GESTART, Meldingsvoorkeur, Signaalmelding

logger = logging.getLogger(__name__)


def _perioden(signaal: signalen.Signaal) -> str:
    return ", ".join(periode_tekst(van, tot) for van, tot in signaal.perioden)


def _huidige_signalen(instelling_ids, jaar: int) -> dict[int, dict[str, list[signalen.Signaal]]]:
    """The hoog and aandacht signals of ``jaar`` of every GI in ``instelling_ids`` (None: all), per GI id and code,
    from the register now: one query per domain model, reading only the records of those GI's. From the facts the
    public may see (signalen/feiten.py): a melding goes to the ministerie too, who may not read the audit uitkomst,
    so no melding rests on it (DESIGN.md §4, each variant computes its signals from the facts it may show)."""
    stand = registerstand_nu(instellingen=instelling_ids)
    ids = {gi.afkorting: gi.id for gi in stand["instellingen"]}
    result: dict[int, dict[str, list[signalen.Signaal]]] = {}
    for feiten in gi_feiten(stand, openbaar=True):
        gi_id = ids[feiten.afkorting]
        per_code = result.setdefault(gi_id, {})
        for signaal in signalen.signalen_van(feiten, jaar):
            if signalen.telt(signaal):
                per_code.setdefault(signaal.code, []).append(signaal)
    return result


def signalen_evalueren(*, instelling_ids=None, versturen: bool = True) -> list[Signaalmelding]:
    """Compare the open hoog and aandacht signals of the current year (register/klok.py) of the GI's
    ``instelling_ids`` (None: every GI) with the last known state (the latest melding of each signal), record a
    melding for each signal that started or ended, and, after they are saved, e-mail them to the toezichthouders
    who asked for it (``versturen``). Returns the new meldingen; a second evaluation without a change records none."""
    jaar = klok.vandaag().year
    with transaction.atomic():
        # One evaluation per GI at a time: the GI rows are locked (PostgreSQL; SQLite writes one at a time anyway),
        # so two commits at once cannot both record the same start.
        vergrendeld = Instelling.objects.select_for_update().order_by("pk")
        if instelling_ids is not None:
            vergrendeld = vergrendeld.filter(pk__in=instelling_ids)
        list(vergrendeld.values_list("pk", flat=True))
        nu = _huidige_signalen(instelling_ids, jaar)
        bekend = selectors.open_meldingen(jaar, instelling_ids)
        nieuw = []
        for gi_id in sorted(set(nu) | {gi for gi, _ in bekend}):
            codes_nu = nu.get(gi_id, {})
            for code, lijst in sorted(codes_nu.items()):
                if (gi_id, code) not in bekend:
                    nieuw.append(Signaalmelding(
                        instelling_id=gi_id, jaar=jaar, signaalcode=code, ernst=lijst[0].ernst, soort=GESTART,
                        perioden="; ".join(_perioden(s) for s in lijst), uitleg=" ".join(s.uitleg for s in lijst),
                    ))
            for (bekend_gi, code), gestart in sorted(bekend.items()):
                if bekend_gi == gi_id and code not in codes_nu:
                    nieuw.append(Signaalmelding(
                        instelling_id=gi_id, jaar=jaar, signaalcode=code, ernst=gestart.ernst, soort=BEEINDIGD,
                        perioden=gestart.perioden, uitleg=gestart.uitleg,
                    ))
        moment = timezone.now()
        for melding in nieuw:
            melding.aangemaakt_op = moment
            melding.save()
    if nieuw and versturen:
        berichten.meldingen_versturen(nieuw)
    return nieuw


# -- the e-mail preference ---------------------------------------------------------------------------


def meldingsvoorkeur_controleren(*, actor, gebruiker, email_ontvangen: bool) -> None:
    """The rule of the preference: a toezichthouder sets their own, functional admin anyone's; only a
    toezichthouder with an e-mail address can turn the e-mail on."""
    eigen = actor is not None and gebruiker is not None and actor.pk == gebruiker.pk and roles.is_toezichthouder(actor)
    if not (eigen or roles.mag_gebruikers_beheren(actor)):
        raise GeenSchrijfrecht(
            "U mag alleen uw eigen meldingsvoorkeur instellen, als toezichthouder (KMI, inspecties of RvA); die van "
            "anderen stelt functioneel beheer in."
        )
    if email_ontvangen and not (roles.toegekende_rollen(gebruiker) & roles.TOEZICHTHOUDERS):
        raise ValidationError({"email_ontvangen": (
            f"'{gebruiker.get_username()}' heeft geen rol van toezichthouder (KMI, inspecties of RvA); alleen "
            "toezichthouders ontvangen signaalmeldingen. Ken eerst zo'n rol toe of laat dit uit."
        )})
    if email_ontvangen and not (gebruiker.email or "").strip():
        raise ValidationError({"email_ontvangen": (
            f"Het account '{gebruiker.get_username()}' heeft geen e-mailadres. Laat functioneel beheer het "
            "e-mailadres invullen en zet de meldingen daarna aan."
        )})


@transaction.atomic
def meldingsvoorkeur_instellen(*, actor, gebruiker, email_ontvangen: bool) -> Meldingsvoorkeur:
    meldingsvoorkeur_controleren(actor=actor, gebruiker=gebruiker, email_ontvangen=email_ontvangen)
    voorkeur, _ = Meldingsvoorkeur.objects.select_for_update().get_or_create(gebruiker=gebruiker)
    voorkeur.email_ontvangen = bool(email_ontvangen)
    voorkeur.save()
    return voorkeur


# -- the weekly overview -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Overzicht:
    gebruiker: object
    signalen: list[selectors.OpenSignaal]
    verstuurd: bool


def signaaloverzicht_versturen(*, proef: bool = False) -> list[Overzicht]:
    """For every toezichthouder who receives meldingen: one e-mail listing the open signals of the current year
    still without a reactie of their organisation (the RvA: without any reactie). Nobody gets an empty overview.
    First the signals of every GI are evaluated, so a change that came with the passing of time (a new year) is
    reported too. ``proef``: evaluate nothing, send nothing; only say what would be sent."""
    if not proef:
        signalen_evalueren()
    open_nu = selectors.open_signalen()
    result = []
    for gebruiker in selectors.ontvangers():
        wachtend = selectors.zonder_reactie_voor(gebruiker, open_nu)
        verstuurd = bool(wachtend) and not proef and berichten.overzicht_versturen(gebruiker, wachtend)
        result.append(Overzicht(gebruiker, wachtend, verstuurd))
    return result

