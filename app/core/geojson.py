"""A page of records as an RFC 7946 GeoJSON FeatureCollection (https://www.rfc-editor.org/rfc/rfc7946).

Each record is a Feature: its id, its point as `[lon, lat]` (§3.1.1: longitude first), or
`geometry: null` when it has none (§3.2), and the record itself as `properties`. The page's
cursors and links ride along as foreign members (§6.1), so paging works as on JSON.
"""

from typing import Any

GEOJSON = "application/geo+json"
Geometry = dict[str, Any] | None


def point(lat: float | None, lon: float | None) -> Geometry:
    """A GeoJSON Point, or None without coordinates."""
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def feature_collection(page: dict[str, Any], geometries: list[Geometry]) -> dict[str, Any]:
    """The page envelope (`items` plus cursors and links) as a FeatureCollection."""
    features = [
        {"type": "Feature", "id": item["id"], "geometry": geometry, "properties": item}
        for item, geometry in zip(page["items"], geometries, strict=True)
    ]
    paging = {key: value for key, value in page.items() if key != "items"}
    return {"type": "FeatureCollection", "features": features, **paging}


# What OpenAPI shows for the GeoJSON answer of a list route.
GEOJSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 7946 FeatureCollection: one Feature per record (`properties` is the "
    "record, `geometry` its Point as [lon, lat] or null), with the page's `limit`, "
    "`has_more`, `next_cursor`, `prev_cursor` and `links` as foreign members.",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": "string"},
                    "geometry": {
                        "anyOf": [
                            {
                                "type": "object",
                                "properties": {
                                    "type": {"const": "Point"},
                                    "coordinates": {
                                        "type": "array",
                                        "items": {"type": "number"},
                                        "minItems": 2,
                                        "maxItems": 2,
                                    },
                                },
                            },
                            {"type": "null"},
                        ]
                    },
                    "properties": {"type": "object"},
                },
            },
        },
    },
}
