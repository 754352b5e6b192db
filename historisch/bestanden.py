"""Reading and writing the files of an import or export: CSV (semicolon or comma, UTF-8 or Windows-1252) and
XLSX (the first sheet). A file is a header row with column names and one row per record; nothing else."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import Workbook, load_workbook

from register import tekens
from register.csvcel import csv_cel

CSV, XLSX = "csv", "xlsx"
FORMATEN = (CSV, XLSX)
MAX_BYTES = 1_000_000  # a file of historic records; larger files are split (README)
MAX_RIJEN = 5_000
MAX_UITGEPAKT = 50_000_000  # an XLSX is a zip archive: its unpacked size is bounded too
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"


class Bestandsfout(Exception):
    """A file that cannot be read as a table: the message says what to do."""


def formaat_van(bestandsnaam: str) -> str:
    naam = bestandsnaam.lower()
    for formaat in FORMATEN:
        if naam.endswith("." + formaat):
            return formaat
    raise Bestandsfout(
        f"Het bestand '{bestandsnaam}' is geen CSV- of XLSX-bestand. Sla het op als .csv of .xlsx en probeer opnieuw."
    )


def lees(bestandsnaam: str, inhoud: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (column names, lower case) and the rows as (row number in the file, {column: cell}); empty rows
    are skipped. Raises Bestandsfout for a file that is not a table the register can read."""
    if len(inhoud) > MAX_BYTES:
        raise Bestandsfout(
            f"Het bestand is {len(inhoud):,} bytes; hoogstens {MAX_BYTES:,} bytes worden in één keer ingelezen. "
            "Verdeel de rijen over meer bestanden.".replace(",", ".")
        )
    tabel = _lees_xlsx(inhoud) if formaat_van(bestandsnaam) == XLSX else _lees_csv(inhoud)
    if not tabel or not any(_gevuld(c) for c in tabel[0]):
        raise Bestandsfout("Het bestand is leeg. De eerste rij noemt de kolommen; download het sjabloon als voorbeeld.")
    kop = [str(c or "").strip().lower() for c in tabel[0]]
    while kop and not kop[-1]:
        kop.pop()
    dubbel = sorted({k for k in kop if k and kop.count(k) > 1})
    if dubbel:
        raise Bestandsfout(f"De kolom {', '.join(dubbel)} staat meer dan eens in de eerste rij. Laat er één staan.")
    if "" in kop:
        raise Bestandsfout(
            f"Kolom {kop.index('') + 1} van de eerste rij heeft geen naam. Geef elke kolom de naam uit het sjabloon."
        )
    rijen = []
    for nummer, cellen in enumerate(tabel[1:], start=2):
        if not any(_gevuld(c) for c in cellen):
            continue
        if any(_gevuld(c) for c in cellen[len(kop):]):
            raise Bestandsfout(f"Rij {nummer} heeft meer cellen dan de eerste rij kolommen noemt. Geef elke kolom een naam.")
        rijen.append((nummer, {k: (cellen[i] if i < len(cellen) else None) for i, k in enumerate(kop)}))
        if len(rijen) > MAX_RIJEN:
            raise Bestandsfout(f"Het bestand heeft meer dan {MAX_RIJEN} rijen. Verdeel de rijen over meer bestanden.")
    return kop, rijen


def _gevuld(cel) -> bool:
    return cel is not None and str(cel).strip() != ""


def _lees_csv(inhoud: bytes) -> list[list]:
    if b"\x00" in inhoud:
        raise Bestandsfout("Het bestand bevat NUL-tekens en is dus geen tekstbestand. Sla het op als CSV (UTF-8).")
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252", errors="replace")
    eerste = tekst.split("\n", 1)[0]
    scheiding = max((";", ",", "\t"), key=eerste.count)
    try:
        return [rij for rij in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)]
    except csv.Error as exc:
        raise Bestandsfout(f"Het CSV-bestand kan niet worden gelezen ({exc}). Sla het opnieuw op als CSV.") from exc


def _lees_xlsx(inhoud: bytes) -> list[list]:
    try:
        uitgepakt = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(inhoud)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Bestandsfout("Het XLSX-bestand kan niet worden gelezen. Sla het opnieuw op als Excel-werkmap (.xlsx).") from exc
    if uitgepakt > MAX_UITGEPAKT:  # a small file that unpacks to gigabytes is no table of records
        raise Bestandsfout("Het XLSX-bestand is uitgepakt te groot. Verdeel de rijen over meer bestanden.")
    try:
        werkmap = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        raise Bestandsfout("Het XLSX-bestand kan niet worden gelezen. Sla het opnieuw op als Excel-werkmap (.xlsx).") from exc
    try:
        blad = werkmap.worksheets[0]
        tabel = []
        for rij in blad.iter_rows(values_only=True):
            tabel.append(list(rij))
            if len(tabel) > MAX_RIJEN + 1:
                raise Bestandsfout(f"Het bestand heeft meer dan {MAX_RIJEN} rijen. Verdeel de rijen over meer bestanden.")
        return tabel
    finally:
        werkmap.close()


def schrijf(formaat: str, kolommen: list[str], rijen: list[dict]) -> bytes:
    """A table as CSV (semicolon-separated, UTF-8 with BOM, like the open data) or XLSX; every cell passes
    ``csv_cel``, so no cell is ever run as a formula, also not in a spreadsheet program opening the XLSX, and
    ``tekens.leesbaar``, so text stored before control characters were refused still makes a valid file."""
    waarden = [[csv_cel(tekens.leesbaar_in(rij.get(k, ""))) for k in kolommen] for rij in rijen]
    if formaat == CSV:
        buffer = io.StringIO()
        schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(kolommen)
        schrijver.writerows(waarden)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    werkmap = Workbook(write_only=True)
    blad = werkmap.create_sheet("gegevens")
    blad.append(kolommen)
    for rij in waarden:
        blad.append(rij)
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()
