"""Geographic filters for any collection located by a place: `within=` (the hierarchy),
`bbox=` and `near=`+`radius_km=` (the place's coordinates).

Each compiles to `<place column> IN (SELECT place.id ...)`: `within` through a recursive CTE
over the indexed `part_of_id`, the others through the `(lat, lon)` index as a bounding box,
then (for `near`) the exact great-circle distance by the haversine formula. SQLite needs its
math functions (built in since 3.35) for `near`.
"""

import math
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import col

from app.core.errors import BadParameter
from app.core.query.resource import RelationFilter
from app.models import Place

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG), as GeoJSON tools commonly use
MAX_RADIUS_KM = math.pi * EARTH_RADIUS_KM  # half the circumference: the whole globe
_KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def within_ids(values: list[str]) -> Any:
    """The ids of the given places and of every place within them, at any depth."""
    tree = select(col(Place.id)).where(col(Place.id).in_(values)).cte("within", recursive=True)
    # UNION, not UNION ALL: a cycle in stored data ends the walk instead of looping.
    tree = tree.union(select(col(Place.id)).join(tree, col(Place.part_of_id) == tree.c.id))
    return select(tree.c.id)


def parse_bbox(raw: str, param: str = "query.bbox") -> tuple[float, float, float, float]:
    """`min_lon,min_lat,max_lon,max_lat` (RFC 7946 §5 order); min_lon > max_lon crosses the
    antimeridian."""
    min_lon, min_lat, max_lon, max_lat = _numbers(raw, 4, param, "min_lon,min_lat,max_lon,max_lat")
    for lat in (min_lat, max_lat):
        _check_lat(lat, param)
    for lon in (min_lon, max_lon):
        _check_lon(lon, param)
    if min_lat > max_lat:
        raise BadParameter(param, "min_lat is greater than max_lat")
    return min_lon, min_lat, max_lon, max_lat


def parse_near(raw: str, radius: list[str] | None) -> tuple[float, float, float]:
    """`near=lat,lon` and `radius_km=R` (0 < R <= half the Earth's circumference)."""
    lat, lon = _numbers(raw, 2, "query.near", "lat,lon")
    _check_lat(lat, "query.near")
    _check_lon(lon, "query.near")
    if not radius:
        raise BadParameter("query.radius_km", "near= needs radius_km= (kilometres)")
    (km,) = _numbers(radius[-1], 1, "query.radius_km", "a number of kilometres")
    if not 0 < km <= MAX_RADIUS_KM:
        raise BadParameter("query.radius_km", f"must be above 0 and at most {MAX_RADIUS_KM:.0f}")
    return lat, lon, km


def in_bbox(box: tuple[float, float, float, float]) -> ColumnElement[bool]:
    min_lon, min_lat, max_lon, max_lat = box
    lat, lon = col(Place.lat), col(Place.lon)
    across = min_lon > max_lon  # the box spans the antimeridian: two longitude ranges
    lons = or_(lon >= min_lon, lon <= max_lon) if across else lon.between(min_lon, max_lon)
    return and_(lat.between(min_lat, max_lat), lons)


def near(lat: float, lon: float, km: float) -> ColumnElement[bool]:
    """Within `km` of the point: its bounding box (indexed), then the haversine distance."""
    return and_(in_bbox(_box_around(lat, lon, km)), _haversine_at_most(lat, lon, km))


def _box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    dlat = km / _KM_PER_DEGREE
    min_lat, max_lat = lat - dlat, lat + dlat
    if min_lat <= -90 or max_lat >= 90:  # the circle holds a pole: every longitude
        return -180.0, max(min_lat, -90.0), 180.0, min(max_lat, 90.0)
    dlon = math.degrees(
        math.asin(min(1.0, math.sin(km / EARTH_RADIUS_KM) / math.cos(math.radians(lat))))
    )
    west, east = lon - dlon, lon + dlon
    if dlon >= 180 or (west < -180 and east > 180):
        return -180.0, min_lat, 180.0, max_lat
    return _wrap(west), min_lat, _wrap(east), max_lat


def _wrap(lon: float) -> float:
    return (lon + 180) % 360 - 180 if not -180 <= lon <= 180 else lon


def _haversine_at_most(lat: float, lon: float, km: float) -> ColumnElement[bool]:
    # hav(d/R) = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2); compared with hav(km/R), no asin.
    phi, lam = func.radians(col(Place.lat)), func.radians(col(Place.lon))
    half_dphi = func.sin((phi - math.radians(lat)) / 2)
    half_dlam = func.sin((lam - math.radians(lon)) / 2)
    hav = (
        half_dphi * half_dphi + math.cos(math.radians(lat)) * func.cos(phi) * half_dlam * half_dlam
    )
    limit = math.sin(km / EARTH_RADIUS_KM / 2) ** 2
    result: ColumnElement[bool] = hav <= limit
    return result


def _numbers(raw: str, count: int, param: str, shape: str) -> list[float]:
    parts = raw.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        raise BadParameter(param, f"expected {shape} (decimal degrees), got {raw!r}")
    return numbers


def _check_lat(value: float, param: str) -> None:
    if not -90 <= value <= 90:
        raise BadParameter(param, f"latitude {value} is outside -90..90")


def _check_lon(value: float, param: str) -> None:
    if not -180 <= value <= 180:
        raise BadParameter(param, f"longitude {value} is outside -180..180")


def geo_relations(place_column: Any) -> tuple[RelationFilter, ...]:
    """`within`, `bbox`, `near` and `radius_km` for a collection whose rows sit at
    `place_column` (an event's place, or a place itself)."""

    def within(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
        return col(place_column).in_(within_ids(values))

    def bbox(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
        box = parse_bbox(",".join(values))
        return col(place_column).in_(select(col(Place.id)).where(in_bbox(box)))

    def around(values: list[str], companions: Mapping[str, list[str]]) -> ColumnElement[bool]:
        point = parse_near(",".join(values), companions.get("radius_km"))
        return col(place_column).in_(select(col(Place.id)).where(near(*point)))

    def radius_alone(values: list[str], _: Mapping[str, list[str]]) -> ColumnElement[bool]:
        raise BadParameter("query.radius_km", "radius_km= goes with near=lat,lon")

    return (
        RelationFilter(
            "within",
            "Place id(s): at the place or any place within it, at any depth "
            "(`within=belgium` finds what is in Brussels).",
            within,
        ),
        RelationFilter(
            "bbox",
            "`min_lon,min_lat,max_lon,max_lat` in WGS84 degrees (RFC 7946 order): where the "
            "place's point lies in the box; min_lon > max_lon crosses the antimeridian.",
            bbox,
            multiple=False,
        ),
        RelationFilter(
            "near",
            "`lat,lon` in WGS84 degrees, with `radius_km`: where the place's point is within "
            "that great-circle distance.",
            around,
            companions=("radius_km",),
            multiple=False,
        ),
        RelationFilter(
            "radius_km", "Kilometres from `near` (above 0).", radius_alone, multiple=False
        ),
    )
