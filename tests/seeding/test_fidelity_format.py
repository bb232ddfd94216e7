"""The seed format says where a name and each part of a time come from, and is checked."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.imports.seed import SeedError, plan_seed
from tests.conftest import SEEDS

Edit = Callable[[dict[str, Any]], None]


def _rejected(tmp_path: Path, kind: str, edit: Edit) -> str:
    """The loader's complaint after `edit` changes the seed file of `kind`."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    path = target / "data" / f"{kind}.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SeedError) as failure:
        plan_seed(target)
    return str(failure.value)


def _actor(content: dict[str, Any], actor_id: str) -> dict[str, Any]:
    actor: dict[str, Any] = next(a for a in content["actors"] if a["id"] == actor_id)
    return actor


def _event(content: dict[str, Any], event_id: str) -> dict[str, Any]:
    event: dict[str, Any] = next(e for e in content["events"] if e["id"] == event_id)
    return event


def test_a_reference_name_may_not_cite_evidence(tmp_path: Path) -> None:
    def edit(content: dict[str, Any]) -> None:
        names = _actor(content, "south-korea")["names"]
        attested = next(n for n in names if n["name"] == "South Korea")
        attested["origin"] = "reference"

    assert "has origin reference but cites evidence" in _rejected(tmp_path, "actors", edit)


def test_an_article_name_must_cite_evidence(tmp_path: Path) -> None:
    def edit(content: dict[str, Any]) -> None:
        names = _actor(content, "south-korea")["names"]
        native = next(n for n in names if n["name"] == "대한민국")
        del native["origin"]

    assert "'대한민국' needs evidence" in _rejected(tmp_path, "actors", edit)


def test_a_time_cannot_state_a_part_it_does_not_hold(tmp_path: Path) -> None:
    def edit(content: dict[str, Any]) -> None:
        _event(content, "nato-strategic-concept-2010")["occurred"]["stated"] = ["year", "month"]

    assert "stated parts ['month'] are not in this time" in _rejected(tmp_path, "events", edit)


def test_unstated_parts_need_an_inference_note(tmp_path: Path) -> None:
    def edit(content: dict[str, Any]) -> None:
        event = _event(content, "global-times-criticises-nato-involvement")
        del event["occurred"]["inferred"]

    assert "were inferred from" in _rejected(tmp_path, "events", edit)


def test_a_disagreement_kind_must_be_one_of_three(tmp_path: Path) -> None:
    def edit(content: dict[str, Any]) -> None:
        claim = _event(content, "nac-decides-rok-nato-office")["claims"][0]
        claim["disagreement"] = "spelling"

    message = _rejected(tmp_path, "events", edit)
    assert "disagreement" in message
    assert "contradiction" in message
