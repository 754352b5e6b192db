"""Exporting a kind of record (the admin's list, with its filters) in the columns of the import, so an export can
be read back in unchanged. Confidential columns only for whoever may read them (register/vertrouwelijkheid.py);
every cell is neutralised against formulas (register.csvcel.csv_cel, in historisch/bestanden.py)."""

from __future__ import annotations

from historisch import bestanden
from historisch.soorten import VERVALLEN, Inspectieonderzoeken, Soort
from register import vertrouwelijkheid


def kolommen(definitie: Soort, user, *, export: bool) -> list[str]:
    """The columns of ``definitie`` that ``user`` may read (the template of an import, or an export with the column
    ``vervallen``)."""
    if isinstance(definitie, Inspectieonderzoeken):
        alle = definitie.alle_kolommen(alleen_actief=not export)
    else:
        alle = definitie.exportkolommen() if export else definitie.alle_kolommen()
    verborgen = vertrouwelijkheid.verborgen_velden(user, definitie.model)
    zichtbaar = [k for k in alle if k not in verborgen]
    return [*zichtbaar, VERVALLEN] if export else zichtbaar


def exporteren(definitie: Soort, user, queryset, formaat: str) -> bytes:
    namen = kolommen(definitie, user, export=True)
    rijen = []
    for obj in definitie.exportqueryset(queryset):
        for rij in definitie.exportrijen(obj):
            rij[VERVALLEN] = "ja" if obj.vervallen else "nee"
            rijen.append({k: rij.get(k, "") for k in namen})  # a column the user may not read is never even copied
    return bestanden.schrijf(formaat, namen, rijen)


def sjabloon(definitie: Soort, user, formaat: str) -> bytes:
    """The header row of an import of ``definitie``: every column ``user`` may fill in."""
    return bestanden.schrijf(formaat, kolommen(definitie, user, export=False), [])
