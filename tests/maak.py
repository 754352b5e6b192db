"""Small builders for test records; they go through the services like every other write."""

import datetime as dt
import itertools

from certification.services import audit_registreren, certificaatbesluit_registreren
from register.services import instelling_registreren
from supervision.models import Thema
from supervision.services import inspectieonderzoek_registreren, toezichtbesluit_registreren

D = dt.date
_teller = itertools.count(1)


def instelling(beheerder, afkorting=None, **velden):
    afkorting = afkorting or f"GI{next(_teller)}"
    velden.setdefault("naam", f"Jeugdbescherming {afkorting}")
    velden.setdefault("soort", "regionaal")
    velden.setdefault("bron", "testbron")
    return instelling_registreren(actor=beheerder, afkorting=afkorting, **velden)


# An overbrugging, and the besluit that follows one, are always under aanleiding (DESIGN.md §3, Afweging): the KMI
# records its afweging with them. A test that leaves the afweging out of such a besluit gets this one; a test about
# the afweging passes its own (also "" or whitespace) or afweging_vertrouwelijk.
AFWEGING_NA_OVERBRUGGING = "Afweging van het KMI (test): de afwijkingen zijn gewogen."


def _overbrugging_of_erna(gi, status, ingang) -> bool:
    from certification.models import Certificaatbesluit

    if status == "overbrugging":
        return True
    vorige = (
        Certificaatbesluit.objects.filter(instelling=gi, vervallen=False, ingangsdatum__lt=ingang)
        .order_by("-ingangsdatum", "-id").first()
    )
    return vorige is not None and vorige.status == "overbrugging"


def certificaat(kmi, gi, status, ingang, geldig_tot=None, **velden):
    velden.setdefault("besluitdatum", ingang)
    velden.setdefault("bron", "KMI-besluit (test)")
    if "afweging" not in velden and "afweging_vertrouwelijk" not in velden and _overbrugging_of_erna(gi, status, ingang):
        velden["afweging"] = AFWEGING_NA_OVERBRUGGING
    return certificaatbesluit_registreren(
        actor=kmi, instelling=gi, status=status, ingangsdatum=ingang, geldig_tot=geldig_tot, **velden
    )


def toezicht(inspecteur, gi, niveau, ingang, einde=None, **velden):
    velden.setdefault("besluitdatum", ingang)
    velden.setdefault("door", "IGJ_IJenV")
    velden.setdefault("bron", "toezichtbesluit (test)")
    return toezichtbesluit_registreren(
        actor=inspecteur, instelling=gi, niveau=niveau, ingangsdatum=ingang, voorziene_einddatum=einde, **velden
    )


def audit(kmi, gi, start, einde=None, **velden):
    velden.setdefault("soort", "periodiek")
    velden.setdefault("bron", "auditrapport (test)")
    return audit_registreren(actor=kmi, instelling=gi, startdatum=start, einddatum=einde or start, **velden)


def onderzoek(inspecteur, gi, rapportdatum, oordelen=None, **velden):
    """``gi``: one GI, or a list of GI's (a report on several). ``oordelen``: {thema_code: waarde} for a report on one
    GI, or {(gi, thema_code): waarde}."""
    gi_s = list(gi) if isinstance(gi, (list, tuple)) else [gi]
    velden.setdefault("soort", "thematisch")
    velden.setdefault("door", "IGJ_IJenV")
    velden.setdefault("titel", f"Rapport {'-'.join(g.afkorting for g in gi_s)} {rapportdatum}")
    velden.setdefault("bron", "inspectierapport (test)")
    themas = {t.code: t for t in Thema.objects.all()}
    lijst = []
    for sleutel, waarde in (oordelen or {}).items():
        over, code = sleutel if isinstance(sleutel, tuple) else (None, sleutel)
        lijst.append({"thema": themas[code], "waarde": waarde, **({"instelling": over} if over is not None else {})})
    return inspectieonderzoek_registreren(
        actor=inspecteur, instellingen=gi_s, rapportdatum=rapportdatum, oordelen=lijst, **velden
    )
