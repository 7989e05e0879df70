"""The dossier the dossier tests check: `DOSSIER_DATA_DIR` (default data/) and its archive `DOSSIER_ARCHIVE_DIR`
(default ../shared/seeds, as mkdocs.yml), relative paths read from the project folder as mkdocs.yml does.
Tests that need a particular record derive it from the data (the most-quoted actor, a claim naming a sum),
so they hold for any dossier put in data/."""

from __future__ import annotations

import collections
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _from_environment(name: str, default: str) -> Path:
    path = Path(os.environ.get(name) or default)
    return path if path.is_absolute() else ROOT / path


DATA = _from_environment("DOSSIER_DATA_DIR", "data")
ARCHIVE = _from_environment("DOSSIER_ARCHIVE_DIR", "../shared/seeds")


@cache
def records(kind: str) -> dict[str, dict[str, Any]]:
    """{id: the record's fields as written} of one kind, sorted by id."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) or {} for path in sorted(DATA.glob(f"{kind}/*.yml"))}


def most_quoted_actor() -> str:
    """The id of the actor with most statements (ties: the first by id)."""
    speakers = collections.Counter(str(statement.get("speaker")) for statement in records("statements").values())
    return min(speakers, key=lambda actor: (-speakers[actor], actor))


def claim_naming_a_sum() -> tuple[str, str] | None:
    """(claim id, the sum's words as a reader searches them, e.g. "7 billion") of the first claim whose text
    names a sum in a currency sign and a word ("$7 billion"), or None."""
    for claim_id, claim in records("claims").items():
        found = re.search(r"[$€£¥₼₽₺₪₹₴₩₦₱₸₾](\d+) (thousand|million|billion|trillion)\b", str(claim.get("text", "")))
        if found:
            return claim_id, f"{found[1]} {found[2]}"
    return None


def dossier_meta() -> dict[str, Any]:
    """data/dossier.yml as written; {} without one (the file is optional)."""
    meta_file = DATA / "dossier.yml"
    meta = yaml.safe_load(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else None
    return meta if isinstance(meta, dict) else {}


def site_title() -> str:
    """The name the dossier's site goes by: data/dossier.yml's `title`, or without one (the file is optional)
    the site name mkdocs.yml gives (DOSSIER_SITE_NAME, or its default)."""
    meta = dossier_meta()
    if meta.get("title"):
        return str(meta["title"])
    from mkdocs.config import load_config

    return str(load_config(str(ROOT / "mkdocs.yml")).site_name)
