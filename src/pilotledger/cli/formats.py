"""The --format choices, from the one list of what the renderers can do (render/__init__.py).
Light: the command modules take their option types from here to build `--help`."""

from __future__ import annotations

from enum import Enum

from pilotledger.render import FILE_FORMATS, TEXT_FORMATS


def _formats(name: str, names: tuple[str, ...]) -> type[Enum]:
    return Enum(name, {format_name: format_name for format_name in names}, type=str)


Format = _formats("Format", TEXT_FORMATS)
MatrixFormat = _formats(
    "MatrixFormat", (*TEXT_FORMATS, "html", "xlsx")
)  # 58 columns: no A4 portrait docx
StatusFormat = _formats("StatusFormat", TEXT_FORMATS + FILE_FORMATS)
ReportFormat = _formats("ReportFormat", TEXT_FORMATS + FILE_FORMATS)
