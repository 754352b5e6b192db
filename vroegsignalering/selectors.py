"""Reads of vroegsignalering: the last known state of each signal (from the meldingen, per variant), the signals open
now as they stand now with the reacties given so far, and who receives meldingen by e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from register import klok, roles, vertrouwelijkheid
from signalen import regels as signalen
from vroegsignalering.models import GESTART, OPENBAAR, VERTROUWELIJK, Meldingsvoorkeur, Signaalmelding
from wederhoor.selectors import ReactieFeit, reacties_op, reacties_per_signaal, signalen_nu

# Who is told of a signal (DESIGN.md §4): the toezichthouders and the ministerie. Who reads the meldingen and the open
# signals: those, and functional admin (DESIGN.md §2: reads everything). Writing a reactie is wederhoor's rule
# (register/domein.py), asked where the button is shown.
ONTVANGERS = roles.TOEZICHTHOUDERS | {roles.MINISTERIE}
LEZERS = ONTVANGERS | {roles.BEHEER}


def mag_meldingen_lezen(user) -> bool:
    return bool(roles.rollen_van(user) & LEZERS)


def mag_meldingen_ontvangen(user) -> bool:
    """Does ``user`` hold one of the four roles that are told of a signal (and set their own e-mail preference)?"""
    return bool(roles.rollen_van(user) & ONTVANGERS)


def variant_voor(user) -> str:
    """The meldingen ``user`` reads: those computed from all facts for whoever may read every confidential field,
    otherwise those from the public facts only (the ministerie)."""
    return VERTROUWELIJK if vertrouwelijkheid.mag_vertrouwelijk_lezen(user) else OPENBAAR


def laatste_meldingen(variant: str, instelling_ids=None) -> dict[tuple[int, int, str], Signaalmelding]:
    """The latest melding of every (GI, year, signal code) of ``variant``: the register's last known state of that
    signal (open when the latest is ``gestart``). Latest by id, the order in which they were recorded. One query."""
    meldingen = Signaalmelding.objects.filter(variant=variant)
    if instelling_ids is not None:
        meldingen = meldingen.filter(instelling_id__in=instelling_ids)
    laatste: dict[tuple[int, int, str], Signaalmelding] = {}
    for melding in meldingen.select_related("instelling").order_by("id"):
        laatste[(melding.instelling_id, melding.jaar, melding.signaalcode)] = melding
    return laatste


def open_meldingen(variant: str, instelling_ids=None) -> dict[tuple[int, int, str], Signaalmelding]:
    """The signals open now, each with the melding that started it."""
    return {sleutel: m for sleutel, m in laatste_meldingen(variant, instelling_ids).items() if m.soort == GESTART}


@dataclass(frozen=True)
class OpenSignaal:
    melding: Signaalmelding  # the melding that started it: GI, year, code, severity, and the moment it was reported
    reacties: tuple[ReactieFeit, ...]
    # The signal as it stands now (signalen/, from the register now in the melding's variant): its current periods
    # and explanation; the melding's own texts are those of the moment it was reported.
    perioden: str = ""
    uitleg: str = ""

    @property
    def organisaties_met_reactie(self) -> frozenset[str]:
        return frozenset(r.organisatie for r in self.reacties)


def _tekst(lijst) -> tuple[str, str]:
    perioden = "; ".join(signalen.perioden_tekst(s) for s in lijst)
    return perioden, " ".join(s.uitleg for s in lijst)


def open_signalen(variant: str = VERTROUWELIJK, jaar: int | None = None) -> list[OpenSignaal]:
    """The hoog and aandacht signals of ``variant`` open now, of every year (or of ``jaar``), each as it stands now
    (its current periods and explanation) beside the moment of the melding that started it, with the reacties that
    count today; most severe first, then by year (latest first), GI and code. One query per domain model and two."""
    open_nu = [m for m in open_meldingen(variant).values() if jaar is None or m.jaar == jaar]
    per_signaal = reacties_per_signaal(reacties_op(klok.vandaag(), jaar))
    nu = signalen_nu({m.instelling_id for m in open_nu}, openbaar=variant == OPENBAAR) if open_nu else {}
    result = []
    for m in open_nu:
        lijst = nu.get((m.instelling_id, m.jaar), {}).get(m.signaalcode)
        perioden, uitleg = _tekst(lijst) if lijst else (m.perioden, m.uitleg)
        result.append(OpenSignaal(m, tuple(per_signaal.get((m.instelling_id, m.jaar, m.signaalcode), ())), perioden, uitleg))
    return sorted(result, key=lambda s: (
        signalen.ERNST_VOLGORDE.get(s.melding.ernst, 9), -s.melding.jaar, s.melding.instelling.naam, s.melding.signaalcode,
    ))


def zonder_reactie_voor(user, signalen_lijst: list[OpenSignaal]) -> list[OpenSignaal]:
    """The open signals still waiting for ``user``'s organisation: for the KMI, the inspecties or the ministerie those
    without a reactie of their own (of each, for someone holding several roles); for the RvA those without any
    reactie."""
    eigen = roles.rollen_van(user) & frozenset(roles.WEDERHOOR_ORGANISATIES)
    if eigen:
        return [s for s in signalen_lijst if not eigen <= s.organisaties_met_reactie]
    return [s for s in signalen_lijst if not s.reacties]


def ontvangers(variant: str | None = None):
    """The active users of the four roles with an e-mail address who did not turn the e-mail off (no preference: on).
    With ``variant``: only those who read the meldingen of that variant (``variant_voor``)."""
    gebruikers = (
        get_user_model().objects.filter(is_active=True, groups__name__in=ONTVANGERS)
        .exclude(email="")
        .exclude(Q(meldingsvoorkeur__email_ontvangen=False))
        .distinct()
        .order_by("username")
    )
    return [g for g in gebruikers if variant is None or variant_voor(g) == variant]


def recente_meldingen(aantal: int, variant: str = VERTROUWELIJK) -> list[Signaalmelding]:
    return list(
        Signaalmelding.objects.filter(variant=variant).select_related("instelling").order_by("-aangemaakt_op", "-id")[:aantal]
    )


def email_aan(gebruiker) -> bool:
    """Does ``gebruiker`` receive the e-mail now: no preference (on by default) or turned on."""
    voorkeur = Meldingsvoorkeur.objects.filter(gebruiker=gebruiker).first()
    return voorkeur is None or voorkeur.email_ontvangen


def embargo_ontvangers():
    """Who is told in advance of a report under embargo (DESIGN.md §3): the active users who may see it
    (roles.LEZERS_EMBARGO, the one list) with an e-mail address who did not turn the e-mail off."""
    return list(
        get_user_model().objects.filter(is_active=True, groups__name__in=roles.LEZERS_EMBARGO)
        .exclude(email="")
        .exclude(Q(meldingsvoorkeur__email_ontvangen=False))
        .distinct()
        .order_by("username")
    )
