"""The places enclosing each located event's place, for grouping by country or region.

One recursive CTE climbs `part_of` from every place an event is at, giving a row per
(place, ancestor-or-self) with the ancestor's kind and its depth (0: the place itself);
each level is a primary-key lookup. From it, per place: the nearest `country`, and the
outermost `region` below that country (ADM1: ACLED nests admin1 → admin2 → admin3 as
regions, GDELT gives ADM1 alone). Plain SQL on both backends, computed once per request.
"""

from typing import Any

from sqlalchemy import and_, func, literal, or_, select
from sqlmodel import col

from app.core.vocab import PlaceKind
from app.models import Event, Place

LEVELS = ("country", "region")


def lineage() -> Any:
    """(place_id, ancestor_id, kind, parent_id, depth) for every place an event is at."""
    located = select(col(Event.place_id)).where(col(Event.place_id).is_not(None))
    tree = (
        select(
            col(Place.id).label("place_id"),
            col(Place.id).label("ancestor_id"),
            col(Place.kind).label("kind"),
            col(Place.part_of_id).label("parent_id"),
            literal(0).label("depth"),
        )
        .where(col(Place.id).in_(located))
        .cte("lineage", recursive=True)
    )
    # No chain without a cycle is longer than there are places: a cycle in stored data
    # (writes refuse them) ends the walk instead of looping.
    longest = select(func.count()).select_from(Place).scalar_subquery()
    step = select(
        tree.c.place_id,
        col(Place.id),
        col(Place.kind),
        col(Place.part_of_id),
        tree.c.depth + 1,
    ).join(tree, col(Place.id) == tree.c.parent_id)
    return tree.union_all(step.where(tree.c.depth < longest))


def _at_depth(tree: Any, depths: Any, name: str) -> Any:
    """(place_id, ancestor_id): the ancestor at the depth `depths` gives for each place."""
    match = and_(depths.c.place_id == tree.c.place_id, depths.c.depth == tree.c.depth)
    return select(tree.c.place_id, tree.c.ancestor_id).join(depths, match).subquery(name)


def _nearest_country(tree: Any) -> Any:
    return (
        select(tree.c.place_id, func.min(tree.c.depth).label("depth"))
        .where(tree.c.kind == PlaceKind.COUNTRY.value)
        .group_by(tree.c.place_id)
        .subquery("country_depth")
    )


def enclosing(tree: Any, level: str) -> Any:
    """(place_id, ancestor_id): each place's country, or its outermost region below it."""
    country = _nearest_country(tree)
    if level == "country":
        return _at_depth(tree, country, "country")
    below = or_(country.c.depth.is_(None), tree.c.depth < country.c.depth)
    outermost = (
        select(tree.c.place_id, func.max(tree.c.depth).label("depth"))
        .outerjoin(country, country.c.place_id == tree.c.place_id)
        .where(tree.c.kind == PlaceKind.REGION.value, below)
        .group_by(tree.c.place_id)
        .subquery("region_depth")
    )
    return _at_depth(tree, outermost, "region")
