"""Unit tests of the import's write primitives: the prebuilt-parameter upsert and the
stored-key probe, on each backend (the HTTP tests cover the import as a whole)."""

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from app.imports.repository import stored_rows
from app.imports.upsert import upsert
from app.models import Claim, Place
from app.seeding.rows import Row

_THEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
_LATER = datetime(2026, 6, 7, 8, 9, 10, tzinfo=UTC)


def _stamps(now: datetime) -> dict[str, object]:
    return {"created_at": now, "updated_at": now, "version": 1}


def _place(place_id: str, name: str) -> Row:
    return Row(Place, id=place_id, name=name, kind="city")


def _claim(value: object) -> Row:
    return Row(
        Claim, id="clm-1", subject_type="place", subject_id="p-1", property="size", value=value
    )


def test_upsert_inserts_then_updates_keeping_created_at_and_bumping_version(
    empty_engine: Engine,
) -> None:
    table = Place.__table__  # type: ignore[attr-defined]
    with Session(empty_engine) as session:
        connection = session.connection()
        rows = [_place("p-1", "Old").values, _place("p-2", "Two").values]
        upsert(connection, table, rows, _stamps(_THEN))
        upsert(connection, table, [_place("p-1", "New").values], _stamps(_LATER))
        session.commit()
        first, second = session.get(Place, "p-1"), session.get(Place, "p-2")
    assert first is not None
    assert second is not None
    assert (first.name, first.version, first.created_at, first.updated_at) == (
        "New",
        2,
        _THEN,
        _LATER,
    )
    assert (second.name, second.version, second.created_at) == ("Two", 1, _THEN)


def test_upsert_applies_each_columns_bind_processor(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        connection = session.connection()
        place = _place("p-1", "One").values
        upsert(connection, Place.__table__, [place], _stamps(_THEN))  # type: ignore[attr-defined]
        value = {"amount": 3, "unit": "km²", "nested": [1, None]}
        claim_row = _claim(value).values
        upsert(connection, Claim.__table__, [claim_row], _stamps(_THEN))  # type: ignore[attr-defined]
        session.commit()
        claim = session.get(Claim, "clm-1")
    assert claim is not None
    assert claim.value == value  # JSON encoded on the way in, decoded on the way out


def test_stored_rows_finds_only_the_stored_keys_whatever_the_batch_size(
    empty_engine: Engine,
) -> None:
    stored = [_place(f"p-{n}", f"Place {n}") for n in range(3)]
    with Session(empty_engine) as session:
        connection = session.connection()
        rows = [row.values for row in stored]
        upsert(connection, Place.__table__, rows, _stamps(_THEN))  # type: ignore[attr-defined]
        # 13 keys: the probe pads them to 16 by repeating the last, an unstored one.
        asked = [_place(f"p-{n}", "other") for n in range(13)]
        found = stored_rows(session, asked)
    assert set(found) == {("place", (f"p-{n}",)) for n in range(3)}
    assert found[("place", ("p-1",))]["name"] == "Place 1"
