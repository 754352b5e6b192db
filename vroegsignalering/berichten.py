"""The e-mails of vroegsignalering, through Django's mail backend (settings: the console in development, SMTP from
the environment in production; README "Vroegsignalering"). Plain Dutch text naming the GI, the signal, its period
and the page where the reactie is recorded. The ministerie receives the meldingen of the openbaar variant only (computed
from the public facts, vroegsignalering/models.py), so its e-mails carry no confidential field. Every e-mail ends with
the link to "Mijn meldingen", where the receiver turns the e-mail off."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from register import klok
from register.teksten import datum_cijfers, datum_tekst
from vroegsignalering import selectors
from vroegsignalering.models import GESTART, OPENBAAR, VERTROUWELIJK

logger = logging.getLogger(__name__)

AFZENDER_ONDERTEKENING = "GI-register (vroegsignalering)"


def site_url(pad: str) -> str:
    """An absolute address on the register's site: the public base of the API (API_BASIS_URL) without /api/v1."""
    return settings.API_BASIS_URL.removesuffix("/api/v1") + pad


def open_signalen_url() -> str:
    return site_url(reverse("admin:vroegsignalering_opensignaal_changelist"))


def voorkeur_url() -> str:
    """Where the receiver turns the e-mail off: their own page "Mijn meldingen" (after logging in)."""
    return site_url(reverse("admin:vroegsignalering_mijn_meldingen"))


def _soort_tekst(melding) -> str:
    return "begonnen" if melding.soort == GESTART else "beëindigd"


def melding_tekst(melding) -> str:
    gi = melding.instelling
    return "\n".join([
        f"Signaal {_soort_tekst(melding)}: {melding.titel} (ernst {melding.ernst})",
        f"Instelling: {gi.naam} ({gi.afkorting})",
        f"Jaar: {melding.jaar}",
        f"Periode: {melding.perioden}",
        f"Uitleg: {melding.uitleg}",
    ])


def _voet() -> str:
    return (
        f"Open signalen en reacties (wederhoor): {open_signalen_url()}\n\n"
        f"U ontvangt dit bericht omdat u signaalmeldingen per e-mail ontvangt. Uitzetten: {voorkeur_url()}\n"
        f"-- \n{AFZENDER_ONDERTEKENING}"
    )


def _onderwerp(meldingen) -> str:
    if len(meldingen) == 1:
        m = meldingen[0]
        return f"GI-register: signaal {_soort_tekst(m)} bij {m.instelling.afkorting}: {m.titel}"
    instellingen = ", ".join(sorted({m.instelling.afkorting for m in meldingen}))
    return f"GI-register: {len(meldingen)} signaalmeldingen ({instellingen})"


def _versturen(berichten: list[EmailMessage]) -> int:
    """Send; a mail server that is down is logged, never an error for the write that caused the melding (the
    melding itself is saved, and stays in the feed and on the open-signals page)."""
    if not berichten:
        return 0
    try:
        return get_connection().send_messages(berichten) or 0
    except Exception:
        logger.exception("Signaalmeldingen konden niet per e-mail worden verstuurd (%d berichten)", len(berichten))
        return 0


def meldingen_versturen(meldingen) -> int:
    """One e-mail per receiver (vroegsignalering.selectors.ontvangers) with the meldingen of one evaluation in the
    receiver's variant: the toezichthouders those from all facts, the ministerie those from the public facts.
    Returns the number of e-mails sent."""
    meldingen = list(meldingen)
    berichten = []
    for variant in (VERTROUWELIJK, OPENBAAR):
        eigen = [m for m in meldingen if m.variant == variant]
        if not eigen:
            continue
        tekst = (
            "Het GI-register meldt een wijziging in de signalen (ernst hoog of aandacht):\n\n"
            + "\n\n".join(melding_tekst(m) for m in eigen)
            + "\n\n" + _voet()
        )
        berichten += [EmailMessage(_onderwerp(eigen), tekst, None, [o.email]) for o in selectors.ontvangers(variant)]
    return _versturen(berichten)


def overzicht_versturen(gebruiker, open_signalen) -> bool:
    """The weekly overview of one receiver: the open signals of their variant still waiting for their organisation's
    reactie, each as it stands now."""
    regels = []
    for s in open_signalen:
        m = s.melding
        reacties = ", ".join(sorted(r.organisatie_naam for r in s.reacties)) or "nog geen"
        regels.append(
            f"- {m.instelling.naam} ({m.instelling.afkorting}): {m.titel} (ernst {m.ernst}), "
            f"jaar {m.jaar}, gemeld op {datum_cijfers(m.aangemaakt_op.astimezone(klok.AMSTERDAM))}; "
            f"periode nu {s.perioden}; reacties: {reacties}"
        )
    tekst = (
        f"Open signalen zonder reactie van uw organisatie ({len(open_signalen)}):\n\n" + "\n".join(regels) + "\n\n" + _voet()
    )
    onderwerp = f"GI-register: {len(open_signalen)} open signalen zonder reactie"
    return _versturen([EmailMessage(onderwerp, tekst, None, [gebruiker.email])]) == 1


def embargomeldingen_versturen(meldingen) -> int:
    """One e-mail per receiver who may see reports under embargo (selectors.embargo_ontvangers) naming the reports of
    ``meldingen``, their GI and the day they become public. Returns the number of e-mails sent."""
    meldingen = list(meldingen)
    if not meldingen:
        return 0
    regels = [
        f"- {m.titel} ({m.get_soort_display()}); openbaar op {datum_tekst(m.rapportdatum)}: {m.onderzoek}"
        for m in meldingen
    ]
    tekst = (
        "Het GI-register meldt vooraf een inspectierapport onder embargo. Tot de rapportdatum zien alleen de "
        "toezichthouders (KMI, inspecties, RvA) en het ministerie het; daarna is het openbaar. Deel het niet eerder.\n\n"
        + "\n".join(regels) + "\n\n"
        f"U ontvangt dit bericht omdat u meldingen per e-mail ontvangt. Uitzetten: {voorkeur_url()}\n"
        f"-- \n{AFZENDER_ONDERTEKENING}"
    )
    onderwerp = (
        f"GI-register: rapport onder embargo tot {datum_tekst(meldingen[0].rapportdatum)}" if len(meldingen) == 1
        else f"GI-register: {len(meldingen)} rapporten onder embargo"
    )
    return _versturen([EmailMessage(onderwerp, tekst, None, [o.email]) for o in selectors.embargo_ontvangers()])
