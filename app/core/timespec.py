"""Reported times: a value at a stated precision, with the article's own words.

Rule for ranges (used by sorting and, later, date filters): a value covers the whole span
its precision names, so "2022-06" at month precision runs from 2022-06-01 to 2022-06-30;
`earliest` and `latest` narrow that span ("at the end of June") or bound a time the text
gives only loosely ("recently").
"""

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import Self
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.core.vocab import Precision, TimePart

_PATTERNS = {
    Precision.YEAR: re.compile(r"^\d{4}$"),
    Precision.MONTH: re.compile(r"^\d{4}-\d{2}$"),
    Precision.DAY: re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    Precision.MINUTE: re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"),
}


class TimeSpec(BaseModel):
    """A time as reported: ISO 8601 value cut at its precision, zone and wording."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str | None = Field(
        default=None,
        description="ISO 8601 cut at `precision`: 2022, 2022-06, 2022-10-26, 2022-10-26T10:00.",
        examples=["2022-10-26"],
    )
    precision: Precision | None = Field(default=None, examples=["day"])
    timezone: str | None = Field(
        default=None,
        description="IANA zone the article's time is in; null when the article does not say.",
        examples=["Europe/Brussels"],
    )
    as_reported: str | None = Field(
        default=None,
        description="The article's own words for this time.",
        examples=["on the 26th (local time)"],
    )
    earliest: date | None = Field(default=None, description="Narrows or bounds the start.")
    latest: date | None = Field(default=None, description="Narrows or bounds the end.")
    stated: tuple[TimePart, ...] | None = Field(
        default=None,
        description="The parts the article itself gives (year, month, day, time, timezone); "
        "null when not recorded. Every other part of `value`, and every bound, is inferred.",
        examples=[["day", "timezone"]],
    )
    inferred: str | None = Field(
        default=None,
        description="What the parts the article does not give were inferred from.",
        examples=["Month and year are not in the article: from the events it reports."],
    )

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.value is None) != (self.precision is None):
            raise ValueError("value and precision go together")
        if self.value is None and self.earliest is None and self.latest is None:
            raise ValueError("a time needs a value or at least one bound")
        if self.value is not None and self.precision is not None:
            if not _PATTERNS[self.precision].match(self.value):
                raise ValueError(f"value {self.value!r} does not match precision {self.precision}")
            _span(self.value, self.precision)  # rejects impossible dates
        if self.timezone is not None and not known_zone(self.timezone):
            raise ValueError(f"unknown IANA time zone {self.timezone!r}")
        start, end = self.bounds()
        if start is not None and end is not None and start > end:
            raise ValueError("earliest is after latest")
        return self

    @model_validator(mode="after")
    def _stated_parts(self) -> Self:
        if self.stated is None:
            return self
        given = set(_parts(self.value, self.precision, self.timezone))
        extra = set(self.stated) - given
        if extra:
            raise ValueError(f"stated parts {sorted(p.value for p in extra)} are not in this time")
        unstated = given - set(self.stated)
        if (unstated or self.earliest or self.latest) and not self.inferred:
            raise ValueError(
                "say in `inferred` what the parts the article does not state were inferred from"
            )
        return self

    def bounds(self) -> tuple[date | None, date | None]:
        """The first and last day this time may fall on (None: open)."""
        start = end = None
        if self.value is not None and self.precision is not None:
            start, end = _span(self.value, self.precision)
        return self.earliest or start, self.latest or end


def _parts(value: str | None, precision: Precision | None, zone: str | None) -> list[TimePart]:
    """The parts a value at its precision holds: a day value holds its month and year."""
    order = [Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.MINUTE]
    parts = [TimePart.YEAR, TimePart.MONTH, TimePart.DAY, TimePart.TIME]
    held = parts[: order.index(precision) + 1] if value is not None and precision else []
    return held + ([TimePart.TIMEZONE] if zone else [])


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def known_zone(name: str) -> bool:
    """Whether `name` is an IANA zone. `available_timezones()` walks the whole tz database
    on each call (it was 90 % of a list request, called per row), so it runs once."""
    return name in _zones()


def _span(value: str, precision: Precision) -> tuple[date, date]:
    year = int(value[:4])
    if precision is Precision.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(value[5:7])
    if precision is Precision.MONTH:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(value[:10])
    return day, day
