// Events on a map: Natural Earth country outlines (world-atlas, served by the app, no tile
// server) drawn in SVG with d3-geo, and a dot for each event whose place has coordinates.

import { all } from "../api.js";
import { fill, h, section, status } from "../dom.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 960;
const HEIGHT = 500;

export async function mapPage(page) {
  const [world, places, events] = await Promise.all([
    fetch("/explorer/vendor/countries-110m.json").then((r) => r.json()),
    all("/places"),
    all("/events", { place__isnull: "false", fields: "id,title,place" }),
  ]);
  const located = locate(events, places);
  const svg = draw(world, located);
  fill(page, 
    h("h1", {}, "Map of events"),
    located.length
      ? h("p", { class: "lead" },
        `${located.length} ${located.length === 1 ? "event" : "events"} at places with coordinates.`)
      : status("No located events yet: no place has coordinates so far.", "status empty-map"),
    h("div", { class: "map" }, svg),
    located.length ? section("Located events", h("ul", {}, located.map(({ event, place }) =>
      h("li", {}, h("a", { href: `#/events/${event.id}` }, event.title), ` — ${place.name}`)))) : null,
  );
}

// Events with the coordinates of their place, where the place has `lat`/`lon`.
function locate(events, places) {
  const byId = new Map(places.map((p) => [p.id, p]));
  return events
    .map((event) => ({ event, place: event.place && byId.get(event.place.id) }))
    .filter(({ place }) => place && Number.isFinite(place.lat) && Number.isFinite(place.lon));
}

function draw(world, located) {
  const projection = d3.geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = node("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
    "aria-label": "World map of located events", class: "world" });
  svg.append(node("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  const countries = topojson.feature(world, world.objects.countries).features;
  const outlines = node("g", { class: "countries" });
  for (const country of countries) {
    const shape = node("path", { d: path(country) || "", class: "country" });
    shape.append(node("title", {}, country.properties.name));
    outlines.append(shape);
  }
  svg.append(outlines);
  for (const { event, place } of located) svg.append(dot(projection, event, place));
  return svg;
}

function dot(projection, event, place) {
  const [x, y] = projection([place.lon, place.lat]);
  const anchor = node("a", { href: `#/events/${event.id}`, class: "event-dot" });
  anchor.append(node("circle", { cx: x, cy: y, r: 5 }), node("title", {}, `${event.title} (${place.name})`));
  return anchor;
}

function node(tag, attrs, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  if (text) element.textContent = text;
  return element;
}
