"""Wederhoor (DESIGN.md §3 Reactie, §5): for a signal of severity hoog or aandacht that exists for that GI and year
when the reactie is recorded (wederhoor/services.py), the KMI, the inspecties and the ministerie (its beleidsreactie
on the signal) each record at most one public reactie per GI, year and signal code. The ministerie also records one
beleidsreactie per overview year on the whole picture (``Beleidsreactie``). The Kamer overview prints, under each
such signal, the reacties recorded by its peildatum, and the beleidsreactie after the summary.

A reactie whose signal later disappears (a correction of the facts behind it) is not changed or removed: it stays in
the register and its history, and where it is shown the register says that the signal no longer stands
(wederhoor/selectors.py ``signaal_bestaat_nog``; the API's field ``signaalBestaatNog``, the page Open signalen).

Its own app, one floor above ``signalen``: it answers the signal codes of the alignment rules (signalen/regels.py,
the one list of codes), which ``register`` at the ground floor cannot name. It is part of the register (history,
change feed, the registry of domain models in register/domein.py), so the overview reads the reacties as recorded
through ``signalen.selectors.registerstand_op(peildatum)["reacties"]`` without importing this app: the arrows stay
one way.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from register import klok, roles
from register.datums import EERSTE_DAG
from register.models import LANGE_TEKST, BegrensdeTekst, Feit, Instelling
from signalen import regels



def signaalcodes() -> list[tuple[str, str]]:
    """The codes of the signals that count (DESIGN.md §3: "a signal of §4 with severity hoog or aandacht",
    signalen/regels.py ERNST_TELT), with their titles, from the signal definitions: a code added there is offered
    here without a migration (the choices are this callable)."""
    return [(d.code, d.titel) for d in regels.DEFINITIES if d.ernst in regels.ERNST_TELT]


# The organisations that give a reactie: the role of whoever records it (register/domein.py), never typed.
ORGANISATIES = [(rol, roles.ROL_NAMEN[rol]) for rol in roles.WEDERHOOR_ORGANISATIES]


def _jaar_controleren(jaar, onderwerp: str) -> None:
    laatste = klok.vandaag().year
    if jaar is not None and not EERSTE_DAG.year <= jaar <= laatste:
        raise ValidationError({
            "jaar": f"{onderwerp} een verstreken of het lopende jaar; {jaar} kan niet. "
            f"Kies een jaar van {EERSTE_DAG.year} tot en met {laatste}."
        })


class Reactie(Feit):
    """The reactie of the KMI, the inspecties or the ministerie on one signal of one GI in one year (wederhoor)."""

    instelling = models.ForeignKey(Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="reacties")
    jaar = models.PositiveSmallIntegerField("jaar", help_text="Het jaar van het signaal, bijvoorbeeld 2025.")
    signaalcode = models.CharField(
        "signaal",
        max_length=60,
        choices=signaalcodes,
        help_text="Het signaal (ernst hoog of aandacht) waarop de reactie ingaat.",
    )
    organisatie = models.CharField(
        "organisatie",
        max_length=20,
        choices=ORGANISATIES,
        editable=False,
        help_text="Namens wie de reactie is gegeven; volgt uit de rol van wie haar vastlegt.",
    )
    tekst = BegrensdeTekst(
        "reactie (openbaar)",
        max_length=LANGE_TEKST,
        help_text="De reactie zoals zij in het Kameroverzicht bij het signaal staat.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        ordering = ["instelling__afkorting", "jaar", "signaalcode", "organisatie"]
        constraints = [
            models.UniqueConstraint(
                # signaalcode last: the API names the last field of a clash (api/problems.py), the one a client chose
                fields=["instelling", "jaar", "organisatie", "signaalcode"],
                condition=Q(vervallen=False),
                name="reactie_een_per_organisatie_signaal_jaar",
                violation_error_message="Uw organisatie heeft al een reactie op dit signaal van deze instelling in dit "
                "jaar; per organisatie is er één. Corrigeer die reactie, of laat haar vervallen als zij onjuist is.",
            ),
        ]

    def __str__(self):
        organisatie = dict(ORGANISATIES).get(self.organisatie, self.organisatie)
        return f"Reactie {organisatie} op {self.signaalcode} ({self.instelling.afkorting}, {self.jaar})"

    def clean(self):
        super().clean()
        _jaar_controleren(self.jaar, "Een reactie gaat over het signaal van")


class Beleidsreactie(Feit):
    """The ministerie's beleidsreactie on the whole picture of one overview year (DESIGN.md §3 Reactie): one per
    year among the records that count; written by the ministerie only (register/domein.py), with history."""

    jaar = models.PositiveSmallIntegerField("jaar", help_text="Het verslagjaar van het Kameroverzicht, bijvoorbeeld 2025.")
    tekst = BegrensdeTekst(
        "beleidsreactie (openbaar)",
        max_length=LANGE_TEKST,
        help_text="De beleidsreactie van het ministerie zoals zij in het Kameroverzicht na de samenvatting staat.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "beleidsreactie"
        verbose_name_plural = "beleidsreacties"
        ordering = ["-jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["jaar"],
                condition=Q(vervallen=False),
                name="beleidsreactie_een_per_jaar",
                violation_error_message="Voor dit jaar is al een beleidsreactie vastgelegd; per jaar is er één. "
                "Corrigeer die beleidsreactie, of laat haar vervallen als zij onjuist is.",
            ),
        ]

    def __str__(self):
        return f"Beleidsreactie op {self.jaar}"

    def clean(self):
        super().clean()
        _jaar_controleren(self.jaar, "Een beleidsreactie gaat over het Kameroverzicht van")
