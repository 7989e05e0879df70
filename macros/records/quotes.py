"""Quote verification: every verbatim `text` and `wording` must appear in the archived source it cites.

Only typographic quote marks and whitespace are normalised; anything else that differs (a changed word,
a "tidied" comma) is reported, because a quote is the words actually printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.records.errors import DataError, dotted_path
from macros.records.load import locate, wide_encoding, windows_1252_character
from macros.records.schema import Source, Statement
from macros.records.validate import Dossier

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'"})
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


@dataclass
class QuoteReport:
    checked: int
    unverifiable: list[str]  # "statement id via source id": no archive copy to check against
    errors: list[DataError]


def verify_quotes(dossier: Dossier, archive_dir: Path) -> QuoteReport:
    """Check every quotation in the dossier against the archive copies of the sources printing it."""
    archive_texts: dict[str, str | DataError | None] = {}
    report = QuoteReport(0, [], [])

    def printed_in(source: Source) -> str | DataError | None:
        """The archive copy's text (normalised), None when there is none, or why it cannot be read."""
        name = str(source.archive)
        if name not in archive_texts:
            archive_texts[name] = _read_archive(archive_dir / name, source)
            if isinstance(archive_texts[name], DataError):
                report.errors.append(archive_texts[name])  # type: ignore[arg-type]  # once per copy, at the source
        return archive_texts[name]

    for statement in dossier.records["statements"].values():
        assert isinstance(statement, Statement)
        if statement.form != "quote":
            continue  # a paraphrase is our words by definition
        canonical = normalise(statement.text)
        canonical_printed, problems = False, len(report.errors)
        for position, reported in enumerate(statement.reported_in):
            source = dossier.get("sources", reported.source)
            assert isinstance(source, Source)
            if not source.archive:
                report.unverifiable.append(f"{statement.id} via {source.id}")
                continue
            printed = printed_in(source)
            if isinstance(printed, DataError):
                continue  # reported once, at the source's archive: field
            if printed is None:
                report.errors.append(_error(statement, ("reported_in", position, "source"),
                                            f"archive copy '{source.archive}' of source '{source.id}' not found in {archive_dir}",
                                            "fix the source's archive: field or the archive folder"))
                continue
            report.checked += 1
            canonical_printed |= canonical in printed
            if normalise(reported.wording or statement.text) not in printed:
                location = ("reported_in", position, "wording") if reported.wording else ("text",)
                report.errors.append(_error(statement, location, f"not found verbatim in {source.archive} ({source.id})",
                                            "copy the words exactly as printed; only quote marks and spaces may differ"))
        every_report_has_wording = all(reported.wording for reported in statement.reported_in)
        if every_report_has_wording and not canonical_printed and len(report.errors) == problems:
            report.errors.append(_error(statement, ("text",), "the canonical text is printed by none of its sources",
                                        "make `text` the wording of one source and drop that source's `wording`"))
    report.errors.sort()
    return report


def _read_archive(path: Path, source: Source) -> str | DataError | None:
    """The normalised text of an archive copy; None when there is no such file; an error when it is not text."""
    if not path.is_file():
        return None
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _error(source, ("archive",), f"the archive copy '{source.archive}' cannot be read ({error.strerror})", "check its permissions")
    wide = wide_encoding(raw)
    if wide:
        return _error(source, ("archive",), f"the archive copy '{source.archive}' is {wide[0][:6]} text ({wide[1]}), not UTF-8",
                      "save it as UTF-8 text, the words exactly as printed")
    try:
        return normalise(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        character = windows_1252_character(raw, error)
        seems = (f": byte 0x{raw[error.start]:02x} is '{character}' in Windows-1252 (Latin-1), the encoding it seems to be saved in"
                 if character else f" (byte 0x{raw[error.start]:02x} at offset {error.start})")
        return _error(source, ("archive",), f"the archive copy '{source.archive}' is not UTF-8 text{seems}",
                      "save it as UTF-8 text, the words exactly as printed")


def _error(record: Statement | Source, location: tuple[str | int, ...], message: str, hint: str) -> DataError:
    path = Path(record.path)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return DataError(record.path, locate(text, location), dotted_path(location), message, hint)
