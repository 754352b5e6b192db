"""Importing historic records (README, "Historische gegevens importeren").

Every row is written as the services of its kind write it (historisch/soorten.py), as the importer, with the reason
"import <bestandsnaam>" in the history. The whole file is one transaction: a preview checks every row and keeps
nothing; a real import saves only when every row is accepted (all or nothing). A row names its record by a natural
key: a row equal to the record in the register is "ongewijzigd", a row that differs corrects it, so importing the
same file twice changes nothing.

At bulk speed: what the rows look up (the GI's, the themes, the existing records of the file's GI's, the records
that a uniqueness rule compares with) is read once per file, one query per kind of lookup, and the rules of the
services answer from that (register/beperkingen.py ``vooraf_gelezen``); the new records of a kind that allows it
are validated by the same service functions without saving (``voorbereiden``) and, when every row is accepted,
saved with one insert per model and batch, their history and the signals of a save included
(register/services.py ``in_bulk_registreren``). A correction goes through its service row by row, as does every row
of a kind whose rows depend on each other (instellingen, certificaatbesluiten: ``Soort.in_bulk``). Two new rows that
a uniqueness rule of the model forbids together are refused, naming each other. Every row is checked, so the report
names every error at once; the page shows the refused rows first (views.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from historisch import bestanden
from historisch.soorten import (
    OUDE_DATUMKOLOM, SOORTEN, VERVALLEN, Celfout, Naslag, Nieuw, Rij, Soort, lees_ja_nee, validatiefouten,
)
from register import beperkingen, vertrouwelijkheid
from register.teksten import iso_in_meldingen
from register.services import vereis_schrijfrecht

NIEUW, GEWIJZIGD, ONGEWIJZIGD, OVERGESLAGEN, GEWEIGERD = "nieuw", "gewijzigd", "ongewijzigd", "overgeslagen", "geweigerd"
STATUS_TEKST = {
    NIEUW: "aanvaard: nieuw",
    GEWIJZIGD: "aanvaard: gecorrigeerd",
    ONGEWIJZIGD: "aanvaard: ongewijzigd (staat al zo in het register)",
    OVERGESLAGEN: "overgeslagen: vervallen registratie (een import laat niets vervallen)",
    GEWEIGERD: "geweigerd",
}
MAX_NAAM = 200
TONEN = 50  # rows of each part of the report shown on the page; the whole report is a CSV download (views.py)


def getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass
class Rijverslag:
    nummer: int  # the row in the file (the header is row 1)
    sleutel: str
    status: str = ""
    fouten: list[tuple[str, str]] = field(default_factory=list)  # (column or "", message)

    @property
    def status_tekst(self) -> str:
        return STATUS_TEKST[self.status]

    @property
    def anker(self) -> str:
        return f"rij-{self.nummer}"


@dataclass
class Verslag:
    soort: str
    bestandsnaam: str
    rijen: list[Rijverslag] = field(default_factory=list)
    bestandsfout: str = ""
    opgeslagen: bool = False

    def aantal(self, status: str) -> int:
        return sum(1 for r in self.rijen if r.status == status)

    @property
    def geweigerd(self) -> bool:
        return bool(self.bestandsfout) or any(r.status == GEWEIGERD for r in self.rijen)

    @property
    def geweigerde_rijen(self) -> list[Rijverslag]:
        return [r for r in self.rijen if r.status == GEWEIGERD]

    @property
    def aanvaarde_rijen(self) -> list[Rijverslag]:
        return [r for r in self.rijen if r.status != GEWEIGERD]

    @property
    def eerste_geweigerde(self) -> list[Rijverslag]:
        return self.geweigerde_rijen[:TONEN]

    @property
    def eerste_aanvaarde(self) -> list[Rijverslag]:
        return self.aanvaarde_rijen[:TONEN]

    @property
    def aanvaardtekst(self) -> str:
        """The caption of the accepted rows shown: all of them, or the first TONEN of how many."""
        aantal = len(self.rijen) - self.aantal(GEWEIGERD)
        if aantal <= TONEN:
            return f"{'De aanvaarde rij' if aantal == 1 else f'Alle {getal(aantal)} aanvaarde rijen'}, met hun uitkomst"
        return f"De eerste {TONEN} van {getal(aantal)} aanvaarde rijen, met hun uitkomst"

    @property
    def weigeringstekst(self) -> str:
        """'12 van 5.000 rijen geweigerd': the heading above the refused rows."""
        return f"{getal(self.aantal(GEWEIGERD))} van {getal(len(self.rijen))} rijen geweigerd"

    @property
    def verandert_iets(self) -> bool:
        return any(r.status in (NIEUW, GEWIJZIGD) for r in self.rijen)

    @property
    def samenvatting(self) -> str:
        if self.bestandsfout:
            return f"Het bestand is geweigerd: {self.bestandsfout} Er is niets opgeslagen."
        delen = [f"{self.aantal(s)} {s}" for s in (NIEUW, GEWIJZIGD, ONGEWIJZIGD, OVERGESLAGEN, GEWEIGERD) if self.aantal(s)]
        tekst = f"{len(self.rijen)} rijen: {', '.join(delen) or 'geen'}."
        if self.geweigerd:
            return f"{tekst} Er is niets opgeslagen: verbeter de geweigerde rijen en lees het bestand opnieuw in."
        if not self.verandert_iets:
            return f"{tekst} Het bestand verandert niets in het register."
        return f"{tekst} {'Opgeslagen.' if self.opgeslagen else 'Nog niet opgeslagen: bevestig de import.'}"


def schone_naam(naam: str) -> str:
    """The file's own name (no folder), as it appears in the reason of every change."""
    naam = os.path.basename((naam or "").replace("\\", "/")).strip() or "bestand"
    return naam[:MAX_NAAM]


def reden(naam: str) -> str:
    return f"import {schone_naam(naam)}"


class _Terugdraaien(Exception):
    pass


@iso_in_meldingen()  # the file's dates are JJJJ-MM-DD, so its messages name dates that way too
def importeren(*, actor, soort: str, bestandsnaam: str, inhoud: bytes, opslaan: bool) -> Verslag:
    """Read ``inhoud`` as a file of kind ``soort`` and run every row through the services as ``actor``. With
    ``opslaan`` False (the preview) nothing is kept; with True everything is kept only if every row is accepted.
    A role that may not write this kind is refused before any row is read (GeenSchrijfrecht)."""
    definitie = SOORTEN[soort]
    vereis_schrijfrecht(actor, definitie.model)
    naam = schone_naam(bestandsnaam)
    verslag = Verslag(soort=soort, bestandsnaam=naam)
    try:
        kop, rijen = bestanden.lees(naam, inhoud)
        _controleer_kop(definitie, kop, actor)
    except bestanden.Bestandsfout as exc:
        verslag.bestandsfout = str(exc)
        return verslag
    try:
        with transaction.atomic():
            naslag = Naslag(actor)
            naslag.vooraf(definitie, rijen)
            if definitie.in_bulk:
                _in_bulk(definitie, actor, reden(naam), rijen, naslag, verslag, opslaan)
            else:
                gezien: dict[tuple, int] = {}
                for nummer, cellen in rijen:
                    verslag.rijen.append(_rij(definitie, actor, reden(naam), nummer, cellen, gezien, naslag))
            if not opslaan or verslag.geweigerd:
                raise _Terugdraaien
    except _Terugdraaien:
        return verslag
    verslag.opgeslagen = verslag.verandert_iets
    return verslag


def _controleer_kop(definitie: Soort, kop: list[str], actor) -> None:
    bekend = set(definitie.alle_kolommen()) | {VERVALLEN, OUDE_DATUMKOLOM}
    onbekend = [k for k in kop if k not in bekend and not definitie.extra_kolom(k)]
    if onbekend:
        namen = ", ".join(repr(k[:50]) for k in onbekend[:10]) + (f" en {len(onbekend) - 10} meer" if len(onbekend) > 10 else "")
        raise bestanden.Bestandsfout(
            f"De kolom {namen} hoort niet bij {definitie.naam}. Gebruik de kolommen van "
            f"het sjabloon voor {definitie.naam} (README, 'Historische gegevens importeren'); is dit een bestand van "
            "een andere soort, lees het dan in bij die soort."
        )
    ontbrekend = [k for k in definitie.sleutel if k not in kop]
    if ontbrekend:
        raise bestanden.Bestandsfout(
            f"De kolom {', '.join(repr(k) for k in ontbrekend)} ontbreekt; die bepaalt welke registratie een rij is. "
            f"Voeg haar toe (zie het sjabloon voor {definitie.naam})."
        )
    verborgen = [k for k in kop if k in vertrouwelijkheid.verborgen_velden(actor, definitie.model)]
    if verborgen:
        raise bestanden.Bestandsfout(f"U mag de vertrouwelijke kolom {', '.join(verborgen)} niet vullen. Haal haar weg.")


def _gelezen(definitie: Soort, nummer: int, cellen: dict, gezien: dict, naslag: Naslag):
    """A row read and named: its report, the row, and the existing record it names (None: a new one). The report
    is already final for a row that is refused for its cells or its key, or skipped (void)."""
    rij = definitie.lees({k: v for k, v in cellen.items() if k != VERVALLEN}, naslag)
    verslag = Rijverslag(nummer=nummer, sleutel=definitie.sleuteltekst(rij))
    try:
        vervallen = lees_ja_nee(cellen.get(VERVALLEN))
    except Celfout as exc:
        rij.fout(VERVALLEN, str(exc))
        vervallen = False
    if rij.fouten:
        return _geweigerd(verslag, rij.fouten), rij, None
    if vervallen:
        verslag.status = OVERGESLAGEN
        return verslag, rij, None
    sleutel = definitie.sleutel_van(rij)
    if sleutel in gezien:
        return _geweigerd(verslag, {None: [
            f"Deze rij noemt dezelfde registratie als rij {gezien[sleutel]} ({', '.join(definitie.sleutel)} gelijk). "
            "Laat één van beide staan."
        ]}), rij, None
    gezien[sleutel] = nummer
    return verslag, rij, definitie.bestaande(rij, naslag)


def _rij(definitie: Soort, actor, reden: str, nummer: int, cellen: dict, gezien: dict, naslag: Naslag) -> Rijverslag:
    """One row through the services: read, then registered or corrected before the next row is read."""
    verslag, rij, bestaand = _gelezen(definitie, nummer, cellen, gezien, naslag)
    if verslag.status:
        return verslag
    # Every service that registers or corrects is atomic itself: a refused row leaves nothing behind.
    try:
        if bestaand is None:
            definitie.registreer(actor=actor, reden=reden, rij=rij)
            verslag.status = NIEUW
            return verslag
        return _bestaand(definitie, actor, reden, verslag, rij, bestaand)
    except ValidationError as exc:
        return _geweigerd(verslag, validatiefouten(exc))


def _bestaand(definitie: Soort, actor, reden: str, verslag: Rijverslag, rij: Rij, bestaand) -> Rijverslag:
    velden = definitie.wijzigingen(bestaand, rij)
    if not velden and not definitie.extra_gewijzigd(bestaand, rij):
        verslag.status = ONGEWIJZIGD
        return verslag
    definitie.corrigeer(bestaand, actor=actor, reden=reden, velden=velden, rij=rij)
    verslag.status = GEWIJZIGD
    return verslag


def _in_bulk(definitie: Soort, actor, reden: str, rijen, naslag: Naslag, verslag: Verslag, opslaan: bool) -> None:
    """Every row read first; corrections through their service in file order; then the new rows validated by the
    services without saving, with what their rules ask of the database read once (register/beperkingen.py); saved
    at once only when ``opslaan`` and no row is refused."""
    gezien: dict[tuple, int] = {}
    nieuw: list[tuple[Rijverslag, Rij]] = []
    for nummer, cellen in rijen:
        rijverslag, rij, bestaand = _gelezen(definitie, nummer, cellen, gezien, naslag)
        verslag.rijen.append(rijverslag)
        if rijverslag.status:
            continue
        if bestaand is None:
            rijverslag.status = NIEUW  # until its validation below says otherwise
            nieuw.append((rijverslag, rij))
            continue
        try:
            _bestaand(definitie, actor, reden, rijverslag, rij, bestaand)
        except ValidationError as exc:
            _geweigerd(rijverslag, validatiefouten(exc))
    voorbereid: list[Nieuw] = []
    uniek: dict[tuple, int] = {}  # (constraint, values) -> the row that holds them
    naslag_uniek = beperkingen.unieke_naslag(definitie.model, _kandidaten(definitie, nieuw))
    with beperkingen.vooraf_gelezen(bestaand=naslag.bestaand(), uniek=naslag_uniek):
        for rijverslag, rij in nieuw:
            try:
                record = definitie.voorbereid(actor=actor, reden=reden, rij=rij)
                if record is None:  # this row through its service, now
                    record = Nieuw(definitie.registreer(actor=actor, reden=reden, rij=rij))
                else:
                    voorbereid.append(record)
            except ValidationError as exc:
                _geweigerd(rijverslag, validatiefouten(exc))
                continue
            _binnen_het_bestand_uniek(record, rijverslag, uniek)
    if opslaan and not verslag.geweigerd and voorbereid:
        definitie.in_bulk_opslaan(actor=actor, nieuwe=voorbereid)


def _kandidaten(definitie: Soort, nieuw: list[tuple[Rijverslag, Rij]]):
    """The new rows as unsaved records, for what a uniqueness rule compares them with (read in advance)."""
    for _, rij in nieuw:
        try:
            yield definitie.model(**rij.velden)
        except (TypeError, ValueError):
            continue  # the service names what is wrong; the rules then ask the database for this row


def _binnen_het_bestand_uniek(record: Nieuw, rijverslag: Rijverslag, uniek: dict) -> None:
    """Two new rows that a UniqueConstraint of the model forbids together: the later one is refused, naming the
    earlier (the database would refuse the second insert; this says which rows)."""
    for beperking, waarden in beperkingen.unieke_sleutels(record.record):
        eerder = uniek.setdefault((beperking.name, waarden), rijverslag.nummer)
        if eerder != rijverslag.nummer:
            if rijverslag.status != GEWEIGERD:
                _geweigerd(rijverslag, {None: [
                    f"Deze rij botst met rij {eerder}: {beperking.get_violation_error_message()} Laat één van beide staan."
                ]})


def _geweigerd(verslag: Rijverslag, fouten: dict) -> Rijverslag:
    verslag.status = GEWEIGERD
    for kolom, meldingen in fouten.items():
        for melding in meldingen:
            verslag.fouten.append((kolom or "", melding))
    return verslag
