"""Writes of wederhoor: a reactie of the KMI (role ``kmi``), the inspecties (role ``inspectie``) or the ministerie
(role ``ministerie``, its beleidsreactie on a signal), and the ministerie's beleidsreactie per overview year. Each
organisation records, corrects and declares void only its own reacties; the organisation follows from the writer's
role (register/domein.py, register/services.py, the one write-permission rule). At most one reactie per GI, year,
signal code and organisation among the records that count (the model's constraint, with a Dutch message).

A reactie answers a signal **that exists** for that GI and year when it is recorded, as the writer's variant sees it
(the ministerie: the openbaar signals; the toezichthouders: all signals; wederhoor/selectors.py ``signalen_nu``).
The check lives here only, so every door (admin, API, a loader) refuses the same way and saves nothing. It is asked
again when a correction changes the GI, the year or the code. A reactie whose signal later disappears after a
correction of the facts is kept (with its history); the register then says the signal no longer stands
(wederhoor/selectors.py ``signaal_bestaat_nog``)."""

from django.core.exceptions import ValidationError

from register import klok
from register.datums import EERSTE_DAG
from register.services import corrigeren, laten_vervallen, registreren, vereis_schrijfrecht
from signalen import regels
from wederhoor import selectors
from wederhoor.models import Beleidsreactie, Reactie

def _instelling_id(waarde):
    return getattr(waarde, "pk", waarde)


def signaal_controleren(*, actor, instelling, jaar, signaalcode) -> None:
    """Refuse (ValidationError on ``signaalcode``) a reactie on a signal that does not exist for that GI and year in
    the register now, as ``actor``'s variant sees it. Values the model itself refuses (no GI, a year out of range, an
    unknown code) are left to its validation, which says what is wrong with them."""
    gi_id = _instelling_id(instelling)
    if (gi_id is None or not isinstance(jaar, int) or not EERSTE_DAG.year <= jaar <= klok.vandaag().year
            or signaalcode not in regels.DEFINITIE):
        return
    nu = selectors.signalen_nu({gi_id}, jaar, openbaar=selectors.openbaar_voor(actor)).get((gi_id, jaar), {})
    if signaalcode in nu:
        return
    naam = getattr(instelling, "afkorting", None) or f"instelling {gi_id}"
    titel = regels.DEFINITIE[signaalcode].titel
    if nu:
        wel = "; ".join(f"'{regels.DEFINITIE[c].titel}' ({c})" for c in sorted(nu))
        hint = f"Wel geldt in {jaar} voor {naam}: {wel}. Kies een van die signalen."
    else:
        hint = (f"{naam} heeft in {jaar} geen signaal met ernst hoog of aandacht, dus geen signaal om op te reageren. "
                "Controleer de instelling en het jaar (zie Open signalen of /api/v1/signalen).")
    raise ValidationError({"signaalcode": (
        f"Het signaal '{titel}' ({signaalcode}) bestaat niet voor {naam} in {jaar}; een reactie kan alleen op een "
        f"signaal dat het register voor die instelling en dat jaar vaststelt. {hint}"
    )}, code="geen_signaal")


def reactie_registreren(*, actor, reden: str = "", **velden) -> Reactie:
    vereis_schrijfrecht(actor, Reactie)
    signaal_controleren(
        actor=actor, instelling=velden.get("instelling", velden.get("instelling_id")),
        jaar=velden.get("jaar"), signaalcode=velden.get("signaalcode"),
    )
    return registreren(Reactie, actor=actor, velden=velden, reden=reden)


def reactie_corrigeren(*, actor, reactie: Reactie, reden: str, **velden) -> Reactie:
    vereis_schrijfrecht(actor, Reactie)
    instelling = velden.get("instelling", velden.get("instelling_id", reactie.instelling))
    jaar, code = velden.get("jaar", reactie.jaar), velden.get("signaalcode", reactie.signaalcode)
    if (_instelling_id(instelling), jaar, code) != (reactie.instelling_id, reactie.jaar, reactie.signaalcode):
        # Only a correction that moves the reactie to another signal is judged again: the text of a reactie whose
        # signal no longer stands can still be corrected (or the reactie declared void).
        signaal_controleren(actor=actor, instelling=instelling, jaar=jaar, signaalcode=code)
    return corrigeren(reactie, actor=actor, velden=velden, reden=reden)


def reactie_laten_vervallen(*, actor, reactie: Reactie, reden: str) -> Reactie:
    return laten_vervallen(reactie, actor=actor, reden=reden)


def beleidsreactie_registreren(*, actor, reden: str = "", **velden) -> Beleidsreactie:
    return registreren(Beleidsreactie, actor=actor, velden=velden, reden=reden)


def beleidsreactie_corrigeren(*, actor, beleidsreactie: Beleidsreactie, reden: str, **velden) -> Beleidsreactie:
    return corrigeren(beleidsreactie, actor=actor, velden=velden, reden=reden)


def beleidsreactie_laten_vervallen(*, actor, beleidsreactie: Beleidsreactie, reden: str) -> Beleidsreactie:
    return laten_vervallen(beleidsreactie, actor=actor, reden=reden)
