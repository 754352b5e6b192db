"""Reads of vroegsignalering: the last known state of each signal (from the meldingen), the signals open now with
the reacties given so far, and who receives meldingen by e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from register import klok, roles
from signalen import regels as signalen
from vroegsignalering.models import GESTART, Signaalmelding
from wederhoor.selectors import ReactieFeit, reacties_op, reacties_per_signaal

# Who reads the meldingen and the open signals: the toezichthouders, and functional admin (DESIGN.md §2: reads
# everything). Writing a reactie is wederhoor's rule (register/domein.py), asked where the button is shown.
LEZERS = roles.TOEZICHTHOUDERS | {roles.BEHEER}


def mag_meldingen_lezen(user) -> bool:
    return bool(roles.rollen_van(user) & LEZERS)


def laatste_meldingen(jaar: int, instelling_ids=None) -> dict[tuple[int, str], Signaalmelding]:
    """The latest melding of every (GI, signal code) of ``jaar``: the register's last known state of that signal
    (open when the latest is ``gestart``). Latest by id, the order in which they were recorded. One query."""
    meldingen = Signaalmelding.objects.filter(jaar=jaar)
    if instelling_ids is not None:
        meldingen = meldingen.filter(instelling_id__in=instelling_ids)
    laatste: dict[tuple[int, str], Signaalmelding] = {}
    for melding in meldingen.select_related("instelling").order_by("id"):
        laatste[(melding.instelling_id, melding.signaalcode)] = melding
    return laatste


def open_meldingen(jaar: int, instelling_ids=None) -> dict[tuple[int, str], Signaalmelding]:
    """The signals open now, each with the melding that started it."""
    return {sleutel: m for sleutel, m in laatste_meldingen(jaar, instelling_ids).items() if m.soort == GESTART}


@dataclass(frozen=True)
class OpenSignaal:
    melding: Signaalmelding  # the melding that started it: GI, code, severity, periods, explanation, date
    reacties: tuple[ReactieFeit, ...]

    @property
    def organisaties_met_reactie(self) -> frozenset[str]:
        return frozenset(r.organisatie for r in self.reacties)


def open_signalen(jaar: int | None = None) -> list[OpenSignaal]:
    """The hoog and aandacht signals of ``jaar`` (default: the current year) open now, with the reacties that count
    today; most severe first, then by GI and code. Two queries."""
    jaar = jaar or klok.vandaag().year
    per_signaal = reacties_per_signaal(reacties_op(klok.vandaag(), jaar))
    result = [
        OpenSignaal(m, tuple(per_signaal.get((m.instelling_id, jaar, m.signaalcode), ())))
        for m in open_meldingen(jaar).values()
    ]
    return sorted(result, key=lambda s: (
        signalen.ERNST_VOLGORDE.get(s.melding.ernst, 9), s.melding.instelling.naam, s.melding.signaalcode,
    ))


def zonder_reactie_voor(user, signalen_lijst: list[OpenSignaal]) -> list[OpenSignaal]:
    """The open signals still waiting for ``user``'s organisation: for the KMI or the inspecties those without a
    reactie of their own (of each, for someone holding both roles); for the RvA those without any reactie."""
    eigen = roles.rollen_van(user) & frozenset(roles.WEDERHOOR_ORGANISATIES)
    if eigen:
        return [s for s in signalen_lijst if not eigen <= s.organisaties_met_reactie]
    return [s for s in signalen_lijst if not s.reacties]


def ontvangers():
    """The active toezichthouders (kmi, inspectie, rva) who asked for meldingen by e-mail and have an address."""
    return (
        get_user_model().objects.filter(
            is_active=True,
            meldingsvoorkeur__email_ontvangen=True,
            groups__name__in=roles.TOEZICHTHOUDERS,
        )
        .exclude(email="")
        .distinct()
        .order_by("username")
    )


def recente_meldingen(aantal: int) -> list[Signaalmelding]:
    return list(Signaalmelding.objects.select_related("instelling").order_by("-aangemaakt_op", "-id")[:aantal])
