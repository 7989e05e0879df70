"""data/dossier.yml: what the dossier is and who publishes it (schema.DossierMeta), read and checked with the
same `file:line: field: message (hint)` errors as the records. Absent, the dossier gets an empty DossierMeta,
and the site says only what is true of any dossier."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from macros.records.consistency import duplicate_problems
from macros.records.errors import DataError, did_you_mean, dotted_path
from macros.records.load import display_path, load_file, locate
from macros.records.schema import DOSSIER_FILE, KINDS, MODELS, DossierMeta
from macros.records.validate import Lines, _schema_errors  # the records' wording of pydantic errors, kept in one place


def load_meta(data_dir: Path, present: dict[str, set[str]]) -> tuple[DossierMeta, list[DataError]]:
    """The dossier's metadata and every error in its file. `present`: the record ids in the data folder,
    which the corrections log's `records` must name."""
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
    # References are checked from what was written, so a schema error elsewhere in the file hides none.
    errors = list(_correction_reference_errors(raw.data, raw.text, shown, present))
    errors += _home_choice_errors(raw.data, raw.text, shown, present)
    try:
        meta = DossierMeta.model_validate(raw.data)
    except ValidationError as problems:
        found = _schema_errors(raw, DossierMeta, problems, Lines())  # type: ignore[arg-type]  # DossierMeta is no Record: only its fields are read
        return DossierMeta(), sorted([error for error, _ in found] + errors)

    errors += [DataError(shown, locate(raw.text, where), dotted_path(where), message, hint) for where, message, hint in duplicate_problems(meta)]
    return meta, sorted(errors)


def _correction_reference_errors(data: object, text: str, shown: str, present: dict[str, set[str]]) -> Iterator[DataError]:
    """Each `corrections[i].records[j]` that names no record, as written (whether or not the rest is valid)."""
    corrections = data.get("corrections") if isinstance(data, dict) else None
    for i, correction in enumerate(corrections if isinstance(corrections, list) else []):
        records = correction.get("records") if isinstance(correction, dict) else None
        for j, reference in enumerate(records if isinstance(records, list) else []):
            if not isinstance(reference, str):
                continue  # the schema's error names it
            kind, _, record_id = reference.partition("/")
            if kind not in KINDS:
                message, hint = f"'{kind}' is not a record kind", did_you_mean(kind, KINDS) or f"the kinds are: {', '.join(KINDS)}"
            elif record_id not in present[kind]:
                message, hint = f"no record '{reference}'", did_you_mean(record_id, present[kind]) or f"write the id of a file in data/{kind}/"
            else:
                continue
            # The line is looked up only for an error: finding it composes the file's YAML.
            yield DataError(shown, locate(text, ("corrections", i, "records", j)), f"corrections[{i}].records[{j}]", message, hint)


# The home page's choices (DossierMeta.featured_topics, key_claims, key_facts) and the kind of record each names.
HOME_CHOICES = {"featured_topics": "topics", "key_claims": "claims", "key_facts": "figures"}


def _home_choice_errors(data: object, text: str, shown: str, present: dict[str, set[str]]) -> Iterator[DataError]:
    """Each id among the home page's choices that names no record of its kind, as written."""
    for field, kind in HOME_CHOICES.items():
        ids = data.get(field) if isinstance(data, dict) else None
        for i, record_id in enumerate(ids if isinstance(ids, list) else []):
            if not isinstance(record_id, str) or record_id in present[kind]:
                continue  # not a string: the schema's error names it
            hint = did_you_mean(record_id, present[kind]) or f"write the id of a file in data/{kind}/"
            yield DataError(shown, locate(text, (field, i)), f"{field}[{i}]", f"no {MODELS[kind].singular} '{record_id}'", hint)


def site_name_text(name: str) -> str:
    """The site's name as text, whether or not the site hook (front.on_config) has made it escaped Markup."""
    from markupsafe import Markup

    return name.unescape() if isinstance(name, Markup) else str(name)
