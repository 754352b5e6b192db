"""Writes of vroegsignalering: evaluating the signals after a write and recording a melding for each signal that
started or ended (then telling the toezichthouders and the ministerie), the per-user e-mail preference, and the
weekly overview."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from register import roles, standversie, vertrouwelijkheid
from register.models import Instelling
from register.services import GeenSchrijfrecht
from signalen import regels as signalen
from vroegsignalering import berichten, selectors
from supervision.models import Inspectieonderzoek
from vroegsignalering.models import (
    BEEINDIGD, EMBARGO_GEWIJZIGD, EMBARGO_VASTGELEGD, EMBARGO_VERVALLEN, GESTART, OPENBAAR, VERTROUWELIJK,
    Embargomelding, Meldingsvoorkeur, Signaalmelding,
)
from signalen.selectors import registerstand_nu
from wederhoor.selectors import signalen_nu

logger = logging.getLogger(__name__)


def _perioden(signaal: signalen.Signaal) -> str:
    """The periods of a signal, each day as its datumkwaliteit allows (signalen/regels.py perioden_tekst)."""
    return signalen.perioden_tekst(signaal)


def signalen_evalueren(*, instelling_ids=None, versturen: bool = True) -> list[Signaalmelding]:
    """Compare the open hoog and aandacht signals of every year (from a GI's first recorded date up to the current
    year, register/klok.py) of the GI's ``instelling_ids`` (None: every GI) with the last known state (the latest
    melding of each signal), per variant: the vertrouwelijk one from all facts, the openbaar one from the public facts
    only (wederhoor/selectors.py ``signalen_nu``). Record a melding for each signal that started or ended, and, after
    they are saved, e-mail them (``versturen``): the vertrouwelijk meldingen to the toezichthouders, the openbaar ones
    to the ministerie. A late registration or an import that changes a signal in an earlier year is reported too.
    Returns the new meldingen; a second evaluation without a change records none."""
    with transaction.atomic():
        # One evaluation per GI at a time: the GI rows are locked (PostgreSQL; SQLite writes one at a time anyway),
        # so two commits at once cannot both record the same start.
        vergrendeld = Instelling.objects.select_for_update().order_by("pk")
        if instelling_ids is not None:
            vergrendeld = vergrendeld.filter(pk__in=instelling_ids)
        list(vergrendeld.values_list("pk", flat=True))
        nieuw = []
        # One read of the register for both variants (each takes the facts it may show from it). For the refresh
        # after a write (NA_EVALUATIE) the public versions first: a write after this moment makes what is derived
        # from the stand below behind, never ahead.
        versies = standversie.versies_per_gi(openbaar=True) if instelling_ids is not None else None
        stand = registerstand_nu(instellingen=instelling_ids)
        for variant in (VERTROUWELIJK, OPENBAAR):
            nu = signalen_nu(instelling_ids, openbaar=variant == OPENBAAR, stand=stand)
            bekend = selectors.open_meldingen(variant, instelling_ids)
            for (gi_id, jaar), codes_nu in sorted(nu.items()):
                for code, lijst in sorted(codes_nu.items()):
                    if (gi_id, jaar, code) not in bekend:
                        nieuw.append(Signaalmelding(
                            instelling_id=gi_id, jaar=jaar, signaalcode=code, ernst=lijst[0].ernst, soort=GESTART,
                            variant=variant, perioden="; ".join(_perioden(s) for s in lijst),
                            uitleg=" ".join(s.uitleg for s in lijst),
                        ))
            for (gi_id, jaar, code), gestart in sorted(bekend.items()):
                if code not in nu.get((gi_id, jaar), {}):
                    nieuw.append(Signaalmelding(
                        instelling_id=gi_id, jaar=jaar, signaalcode=code, ernst=gestart.ernst, soort=BEEINDIGD,
                        variant=variant, perioden=gestart.perioden, uitleg=gestart.uitleg,
                    ))
        moment = timezone.now()
        for melding in nieuw:
            melding.aangemaakt_op = moment
            melding.save()
    if instelling_ids is not None:
        for haak in NA_EVALUATIE:
            try:
                haak(stand, versies, set(instelling_ids))
            except Exception:  # noqa: BLE001 (a refresh is a courtesy; the reader derives what it left)
                logger.warning("Verversen na de evaluatie mislukt", exc_info=True)
    if nieuw and versturen:
        berichten.meldingen_versturen(nieuw)
    return nieuw


# After the evaluation of the GI's a write touched: (the register state it read, the public versions read just before
# it, the GI ids), for what may derive from that state instead of reading it again (api/views.py
# ``signalen_delen_verversen``, registered by api/apps.py). Never fails the evaluation.
NA_EVALUATIE: list = []


# -- reports under embargo ---------------------------------------------------------------------------


def embargomeldingen_vastleggen(*, onderzoeken: dict[int, bool], versturen: bool = True) -> list[Embargomelding]:
    """A melding for each report of ``onderzoeken`` (id -> whether it was new in the write) that is under embargo
    now (register/vertrouwelijkheid.py), then an e-mail to those who may see it before its rapportdatum
    (roles.LEZERS_EMBARGO): they are informed in advance (DESIGN.md §3, Embargo). A report that is public (its
    rapportdatum today or earlier) needs no melding: everyone sees it."""
    nieuw = []
    with transaction.atomic():
        for onderzoek in Inspectieonderzoek.objects.filter(pk__in=onderzoeken).order_by("pk"):
            if not vertrouwelijkheid.onder_embargo(onderzoek.rapportdatum):
                continue
            soort = EMBARGO_VERVALLEN if onderzoek.vervallen else (
                EMBARGO_VASTGELEGD if onderzoeken[onderzoek.pk] else EMBARGO_GEWIJZIGD
            )
            melding = Embargomelding(onderzoek=onderzoek, soort=soort, titel=onderzoek.titel, rapportdatum=onderzoek.rapportdatum)
            melding.save()
            nieuw.append(melding)
    if nieuw and versturen:
        berichten.embargomeldingen_versturen(nieuw)
    return nieuw


# -- the e-mail preference ---------------------------------------------------------------------------


def meldingsvoorkeur_controleren(*, actor, gebruiker, email_ontvangen: bool) -> None:
    """The rule of the preference: a user of the four roles (kmi, inspectie, rva, ministerie) sets their own,
    functional admin anyone's; only such a user with an e-mail address can turn the e-mail on."""
    eigen = (actor is not None and gebruiker is not None and actor.pk == gebruiker.pk
             and selectors.mag_meldingen_ontvangen(actor))
    if not (eigen or roles.mag_gebruikers_beheren(actor)):
        raise GeenSchrijfrecht(
            "U mag alleen uw eigen meldingsvoorkeur instellen, als toezichthouder (KMI, inspecties of RvA) of als "
            "ministerie; die van anderen stelt functioneel beheer in."
        )
    if email_ontvangen and not (roles.toegekende_rollen(gebruiker) & selectors.ONTVANGERS):
        raise ValidationError({"email_ontvangen": (
            f"'{gebruiker.get_username()}' heeft geen rol van toezichthouder (KMI, inspecties of RvA) of ministerie; "
            "alleen zij ontvangen signaalmeldingen. Ken eerst zo'n rol toe of laat dit uit."
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
    """For every user who receives meldingen (the four roles, e-mail not turned off): one e-mail listing the open
    signals of their variant (of any year) still without a reactie of their organisation (the RvA: without any
    reactie). Nobody gets an empty overview.
    First the signals of every GI are evaluated, so a change that came with the passing of time (a new year) is
    reported too. ``proef``: evaluate nothing, send nothing; only say what would be sent."""
    if not proef:
        signalen_evalueren()
    open_nu = {variant: selectors.open_signalen(variant) for variant in (VERTROUWELIJK, OPENBAAR)}
    result = []
    for gebruiker in selectors.ontvangers():
        wachtend = selectors.zonder_reactie_voor(gebruiker, open_nu[selectors.variant_voor(gebruiker)])
        verstuurd = bool(wachtend) and not proef and berichten.overzicht_versturen(gebruiker, wachtend)
        result.append(Overzicht(gebruiker, wachtend, verstuurd))
    return result

