"""The daily evaluation of the signals (DESIGN.md §4, README "Vroegsignalering"): a signal can start without any
write, because a day passes: a report under embargo counts from its rapportdatum on (visibility follows the date),
and the toezichthouders are told that same day. The evaluation after a write (vroegsignalering/triggers.py) does not
see that; this command evaluates every GI for today (register/klok.py) and sends what is new. Idempotent: it records
a melding only for a signal whose state differs from the last melding (services.signalen_evalueren), so a second run
the same day sends nothing.

``--elke-nacht``: run now, then again shortly after each midnight Europe/Amsterdam, until the process that started it
ends (``--ouder``: scripts/serve starts it beside gunicorn and it stops with the server)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from register import klok
from vroegsignalering.models import GESTART
from vroegsignalering.services import signalen_evalueren

logger = logging.getLogger(__name__)

NA_MIDDERNACHT = dt.timedelta(minutes=5)  # the first run of a day: shortly after midnight Amsterdam
OPNIEUW_NA_FOUT = dt.timedelta(minutes=10)  # a failed run (database away) is tried again, within the same day
STAP_SECONDEN = 5  # how often the waiting loop checks that the server is still there


def volgende_keer(nu: dt.datetime) -> dt.datetime:
    """The moment of the next daily run after ``nu``: shortly after the coming midnight in Europe/Amsterdam."""
    vandaag = nu.astimezone(klok.AMSTERDAM).date()
    return klok.einde_van_dag(vandaag) + NA_MIDDERNACHT


class Command(BaseCommand):
    help = (
        "Bepaalt de signalen van alle instellingen voor vandaag (Europe/Amsterdam) en meldt wat sinds de vorige "
        "evaluatie is begonnen of geëindigd, ook zonder schrijfactie (een rapport dat vandaag openbaar wordt). Stuurt "
        "niets twee keer. Met --elke-nacht: nu en daarna kort na elke middernacht, tot het proces --ouder stopt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--elke-nacht", action="store_true",
            help="Blijf draaien: nu, en daarna elke nacht kort na middernacht (Europe/Amsterdam).",
        )
        parser.add_argument(
            "--ouder", type=int, default=None,
            help="Stop zodra het proces met dit nummer niet meer de ouder is (scripts/serve geeft dat van gunicorn).",
        )

    def handle(self, *args, elke_nacht=False, ouder=None, **options):
        if not elke_nacht:
            self._een_keer(fouten_doorgeven=True)
            return
        if self._ouder_leeft(ouder):
            self.stdout.write(f"Dagelijkse evaluatie van de signalen gestart (proces {os.getpid()}).")
            self.stdout.flush()
        while self._ouder_leeft(ouder):
            # A connection that the database closed overnight is not reused, and none is held while waiting. (Only
            # in this long-running loop: a single run is one short process, and inside a test's transaction closing
            # the connection would end the test's database.)
            close_old_connections()
            try:
                gelukt = self._een_keer(fouten_doorgeven=False)
            finally:
                close_old_connections()
            nu = timezone.now()
            volgende = volgende_keer(nu)
            if not gelukt:
                volgende = min(volgende, nu + OPNIEUW_NA_FOUT)
            if not self._wachten_tot(volgende, ouder):
                break

    def _een_keer(self, *, fouten_doorgeven: bool) -> bool:
        try:
            nieuw = signalen_evalueren()
        except Exception:
            if fouten_doorgeven:
                raise
            logger.exception("De dagelijkse evaluatie van de signalen is mislukt; over %s opnieuw.", OPNIEUW_NA_FOUT)
            return False
        gestart = sum(1 for m in nieuw if m.soort == GESTART)
        self.stdout.write(
            f"Signalen op {klok.vandaag().isoformat()}: {len(nieuw)} nieuwe meldingen "
            f"({gestart} begonnen, {len(nieuw) - gestart} geëindigd)"
            + ("; verstuurd aan wie ze ontvangt." if nieuw else "; niets te versturen.")
        )
        self.stdout.flush()  # in a log file beside the server, at once
        return True

    @staticmethod
    def _ouder_leeft(ouder: int | None) -> bool:
        return ouder is None or os.getppid() == ouder

    def _wachten_tot(self, moment: dt.datetime, ouder: int | None) -> bool:
        """Sleep until ``moment`` in short steps (the clock is read again each step, so a suspended machine or a
        change of the system time is noticed); False as soon as the parent process has gone."""
        while timezone.now() < moment:
            if not self._ouder_leeft(ouder):
                return False
            time.sleep(min(STAP_SECONDEN, max((moment - timezone.now()).total_seconds(), 0.0)))
        return self._ouder_leeft(ouder)
