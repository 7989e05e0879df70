"""Records of each kind taken from the mini fixture (tests/fixtures/mini): where a test needs a valid record
of every kind, a kind its own table does not name (a kind added since, as the guide's maintainer section
says: a model, templates, a guide section and a fixture record) takes the fixture's. So a new kind breaks no
test (tests/engine/test_trial_kind.py)."""

from __future__ import annotations

import functools
import json
from typing import Any

import yaml

from macros.records.schema import MODELS, field_specs
from tests.conftest import MINI


@functools.cache
def _fixture_record(kind: str) -> str:
    files = sorted((MINI / kind).glob("*.yml"))
    assert files, f"the mini fixture has no record of the kind '{kind}' (tests/fixtures/mini/{kind}/): add one, as the guide says"
    return json.dumps(yaml.safe_load(files[0].read_text(encoding="utf-8")))


def fixture_record(kind: str) -> dict[str, Any]:
    """The first record (by file name) of `kind` in the mini fixture: its fields, a fresh copy."""
    record: dict[str, Any] = json.loads(_fixture_record(kind))
    return record


def fixture_record_pointing_at(kind: str, id_of: dict[str, str]) -> dict[str, Any]:
    """The fixture's record of `kind`, each top-level reference to a kind in `id_of` pointing at that id."""
    record = fixture_record(kind)
    for spec in field_specs(MODELS[kind]):
        if spec.reference_kind in id_of and spec.name in record:
            target = id_of[spec.reference_kind]
            record[spec.name] = [target] if spec.is_list else target
    return record
