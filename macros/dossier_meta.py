"""data/dossier.yml: what the dossier is and who publishes it (schema.DossierMeta), read and checked with the
same `file:line: field: message (hint)` errors as the records. Absent, the dossier gets an empty DossierMeta,
and the site says only what is true of any dossier."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import DataError, did_you_mean
from .load import display_path, load_file, locate
from .schema import DOSSIER_FILE, KINDS, DossierMeta


def load_meta(data_dir: Path, present: dict[str, set[str]]) -> tuple[DossierMeta, list[DataError]]:
    """The dossier's metadata and every error in its file. `present`: the record ids in the data folder,
    which the corrections log's `records` must name."""
    from .validate import _schema_errors  # the records' wording of pydantic errors, kept in one place

    path = data_dir / DOSSIER_FILE
    if not path.exists() and not path.is_symlink():
        return DossierMeta(), []
    shown = display_path(path)
    if not path.is_file():
        return DossierMeta(), [DataError(shown, 0, "", f"{DOSSIER_FILE} must be a file",
                                         "write the dossier's title, scope and publisher in it")]
    raw, error = load_file("dossier", path, shown)
    if raw is None:
        return DossierMeta(), [error] if error else []
    try:
        meta = DossierMeta.model_validate(raw.data)
    except ValidationError as problems:
        return DossierMeta(), list(_schema_errors(raw, DossierMeta, problems))  # type: ignore[arg-type]
    errors = []
    for i, correction in enumerate(meta.corrections):
        for j, reference in enumerate(correction.records):
            kind, _, record_id = reference.partition("/")
            location = ("corrections", i, "records", j)
            if kind not in KINDS:
                hint = did_you_mean(kind, KINDS) or f"the kinds are: {', '.join(KINDS)}"
                errors.append(DataError(shown, locate(raw.text, location), f"corrections[{i}].records[{j}]",
                                        f"'{kind}' is not a record kind", hint))
            elif record_id not in present[kind]:
                hint = did_you_mean(record_id, present[kind]) or f"write the id of a file in data/{kind}/"
                errors.append(DataError(shown, locate(raw.text, location), f"corrections[{i}].records[{j}]",
                                        f"no record '{reference}'", hint))
    return meta, errors


def site_name_text(name: str) -> str:
    """The site's name as text, whether or not the site hook (front_hook.on_config) has made it escaped Markup."""
    from markupsafe import Markup

    return name.unescape() if isinstance(name, Markup) else str(name)
