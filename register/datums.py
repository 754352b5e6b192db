"""Sane dates (DESIGN.md §3): the one table of which date field means what, and the one check on it.

- Nothing lies before 1 January 2000, the first day of the register.
- What has happened (GEBEURD: besluitdatum, rapportdatum, audit and visit dates, maatregel datum,
  monitor peildatum, a GI's gegevens vanaf) does not lie after today.
- What is planned (GEPLAND: ingangsdatum, geldig tot, voorziene einddatum, hersteltermijn, termijn,
  actief vanaf/tot) lies at most 10 years after today.
- What is published on a set day (AANGEKONDIGD: the rapportdatum of an inspection report) lies at most
  EMBARGO_DAGEN days after today: the inspecties may enter a report before it is published, and until its
  rapportdatum it is under embargo (register/vertrouwelijkheid.py decides who sees it).

"Today" is the Amsterdam date of ``register.klok``. ``Feit.full_clean`` asks ``datumfouten`` on every
write, so the admin form, the API and the loaders (all through ``register.services``) share this one
rule. A value that is already stored is not judged again: a record entered before this rule existed
can still be corrected in its other fields or declared void; the rules that read it are total anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from register import klok
from register.rules import add_years
from register.teksten import datum_iso, datum_melding

GEBEURD = "gebeurd"  # what has happened: not after today
GEPLAND = "gepland"  # what is planned: at most JAREN_VOORUIT years after today
AANGEKONDIGD = "aangekondigd"  # published on a set day: at most EMBARGO_DAGEN days after today (DESIGN.md §3, Embargo)

EERSTE_DAG = dt.date(2000, 1, 1)
JAREN_VOORUIT = 10
EMBARGO_DAGEN = 30

# Every date field of the register, by model label. tests/test_datums.py checks that no DateField of
# the register's apps is missing here.
DATUMSOORTEN: dict[str, dict[str, str]] = {
    # A GI may be registered before it starts (a merger takes effect on an announced date).
    # Gegevens vanaf: from when the record is complete, a statement about what has been recorded (not after today).
    "register.Instelling": {"actief_vanaf": GEPLAND, "actief_tot": GEPLAND, "certificering_vanaf": GEBEURD,
                            "toezicht_vanaf": GEBEURD},
    "register.Monitormeting": {"peildatum": GEBEURD},
    "register.Monitordefinitie": {"geldig_vanaf": GEBEURD},
    "register.Omvang": {"datum": GEBEURD},
    "certification.Audit": {"startdatum": GEBEURD, "einddatum": GEBEURD, "hersteltermijn": GEPLAND},
    "certification.Certificaatbesluit": {"besluitdatum": GEBEURD, "ingangsdatum": GEPLAND, "geldig_tot": GEPLAND},
    "certification.Bezwaar": {"ingediend_op": GEBEURD, "datum_uitkomst": GEBEURD},
    "certification.Aanvraag": {"ingediend_op": GEBEURD, "afgehandeld_op": GEBEURD},
    "supervision.Toezichtbesluit": {"besluitdatum": GEBEURD, "ingangsdatum": GEPLAND, "voorziene_einddatum": GEPLAND},
    "supervision.Handhavingsmaatregel": {"datum": GEBEURD, "termijn": GEPLAND},
    "supervision.Inspectieonderzoek": {"bezoek_van": GEBEURD, "bezoek_tot": GEBEURD, "rapportdatum": AANGEKONDIGD},
}


# A date as the import reads it back (historisch/). Messages use ``datum_melding``: the reader's own form.
tekst = datum_iso


def bereik(soort: str, vandaag: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last allowed day (inclusive) for a field of ``soort``."""
    vandaag = vandaag or klok.vandaag()
    if soort == GEBEURD:
        return EERSTE_DAG, vandaag
    if soort == AANGEKONDIGD:
        return EERSTE_DAG, vandaag + dt.timedelta(days=EMBARGO_DAGEN)
    return EERSTE_DAG, add_years(vandaag, JAREN_VOORUIT)


def _bericht(label: str, waarde: dt.date, soort: str, eerste: dt.date, laatste: dt.date) -> str:
    naam = f"'{label[:1].upper()}{label[1:]}'"
    kies = f"Kies een datum van {datum_melding(eerste)} tot en met {datum_melding(laatste)}."
    if waarde < eerste:
        return f"{naam} ({datum_melding(waarde)}) ligt vóór {datum_melding(eerste)}, de eerste dag van het register. {kies}"
    if soort == GEBEURD:
        return (
            f"{naam} ({datum_melding(waarde)}) ligt na vandaag; wat al gebeurd is kan niet in de toekomst liggen. {kies}"
        )
    if soort == AANGEKONDIGD:
        return (
            f"{naam} ({datum_melding(waarde)}) ligt meer dan {EMBARGO_DAGEN} dagen na vandaag; een rapport kan "
            f"hoogstens {EMBARGO_DAGEN} dagen vóór de publicatie worden vastgelegd (onder embargo tot die dag). {kies}"
        )
    return f"{naam} ({datum_melding(waarde)}) ligt meer dan {JAREN_VOORUIT} jaar na vandaag. {kies}"


def datumfouten(instance, exclude: Iterable[str] = ()) -> dict[str, str]:
    """Dutch messages for the date fields of ``instance`` outside their range (field name -> message)."""
    soorten = DATUMSOORTEN.get(instance._meta.label, {})
    exclude = set(exclude or ())
    vandaag = klok.vandaag()
    fouten: dict[str, str] = {}
    for veld, soort in soorten.items():
        waarde = getattr(instance, veld, None)
        if veld in exclude or not isinstance(waarde, dt.date):
            continue
        eerste, laatste = bereik(soort, vandaag)
        if not eerste <= waarde <= laatste:
            label = str(instance._meta.get_field(veld).verbose_name)
            fouten[veld] = _bericht(label, waarde, soort, eerste, laatste)
    if fouten and instance.pk is not None:
        # Values stored before this rule existed stay as they are (one query, only when something is wrong).
        opgeslagen = type(instance)._base_manager.filter(pk=instance.pk).values(*fouten).first() or {}
        fouten = {veld: bericht for veld, bericht in fouten.items() if opgeslagen.get(veld) != getattr(instance, veld)}
    return fouten
