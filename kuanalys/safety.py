"""Checks made on an input file before any parser sees it.

`preflight(path)` returns the problems that make a file unreadable or unsafe: missing, too
large, not a real .xlsx (old .xls, .ods, CSV, anything else), encrypted, corrupt, or a zip
whose unpacked size or compression ratio is abnormal (zip bomb). Limits are in `config`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from kuanalys import config
from kuanalys.errors import Problem

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls and encrypted .xlsx


def preflight(path: Path) -> list[Problem]:
    """Return problems that stop `path` from being parsed safely (empty list if none)."""
    name = str(path)
    if not path.is_file():
        return [Problem(name, "Filen finns inte.")]
    size = path.stat().st_size
    if size == 0:
        return [Problem(name, "Filen är tom (0 byte).")]
    if size > config.MAX_FILE_BYTES:
        return [Problem(name, f"Filen är för stor ({size / 1e6:.1f} MB); gränsen är {config.MAX_FILE_BYTES / 1e6:.0f} MB.")]
    head = path.read_bytes()[:8]
    if head.startswith(_OLE_MAGIC):
        return [Problem(name, "Filen är antingen lösenordsskyddad/krypterad eller en gammal .xls-fil. Spara den som .xlsx utan lösenord.")]
    if not head.startswith(_XLSX_MAGIC):
        return [Problem(name, "Filen är ingen Excel-arbetsbok (.xlsx). Öppna den i Excel och spara som .xlsx.")]
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        return [Problem(name, "Filen är trasig eller ofullständig och kan inte öppnas. Spara om den från Excel.")]
    if "mimetype" in names and "content.xml" in names:
        return [Problem(name, "Filen är en OpenDocument-fil (.ods). Spara den som .xlsx.")]
    if "xl/workbook.xml" not in names:
        return [Problem(name, "Filen är ett zip-arkiv men ingen Excel-arbetsbok. Spara den som .xlsx.")]
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > config.MAX_UNPACKED_BYTES:
        return [Problem(name, f"Filen packas upp till {unpacked / 1e6:.0f} MB, mer än gränsen {config.MAX_UNPACKED_BYTES / 1e6:.0f} MB. Den läses inte.")]
    if unpacked / packed > config.MAX_COMPRESSION_RATIO:
        return [Problem(name, f"Filen har en onormal komprimeringsgrad ({unpacked / packed:.0f}:1, gränsen är {config.MAX_COMPRESSION_RATIO:.0f}:1) och kan vara en zip-bomb. Den läses inte.")]
    return []
