// A network of actors and events drawn by Cytoscape.js from GET /graph, which answers
// elements in the form Cytoscape reads (each with its `data`). Tapping a node opens its page.

import { get } from "../api.js";
import { h, label } from "../dom.js";

const STYLE = [
  { selector: "node", style: {
    label: "data(short)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 110,
    "text-valign": "bottom", "text-margin-y": 4, color: "#222", width: 18, height: 18,
    "background-color": "#888" } },
  { selector: 'node[type = "event"]', style: { shape: "round-rectangle", "background-color": "#d97706" } },
  { selector: 'node[type = "actor"]', style: { "background-color": "#1f5fa8" } },
  { selector: 'node[type = "place"]', style: { shape: "diamond", "background-color": "#15803d" } },
  { selector: "node.focus", style: { width: 30, height: 30, "border-width": 3, "border-color": "#111" } },
  { selector: "edge", style: {
    width: 1.2, "line-color": "#b6b6b6", "target-arrow-color": "#b6b6b6",
    "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(name)",
    "font-size": 8, color: "#666", "text-rotation": "autorotate" } },
];

export function graphPanel(focus, params = {}) {
  const canvas = h("div", { class: "graph", role: "img", "aria-label": "Network of actors and events" });
  const note = h("p", { class: "meta" }, "Loading the graph…");
  const panel = h("div", { class: "graph-panel" }, canvas, note, legend());
  draw(canvas, note, focus, params).catch((error) => { note.textContent = error.message; });
  return panel;
}

async function draw(canvas, note, focus, params) {
  const graph = await get("/graph", { node: focus, ...params });
  if (typeof cytoscape !== "function") throw new Error("Cytoscape.js did not load.");
  await connected(canvas);
  const elements = {
    nodes: graph.nodes.map((n) => ({ data: { ...n.data, href: n.href, short: shorten(n.label) },
      classes: focus.includes(n.id) ? "focus" : "" })),
    edges: graph.edges.map((e) => ({ data: { ...e.data, name: label(e.label || "") } })),
  };
  // maxZoom keeps a small graph from being blown up to fill the box, labels and all.
  const cy = cytoscape({ container: canvas, elements, style: STYLE, maxZoom: 1.3, minZoom: 0.2,
    layout: { name: "cose", animate: false, randomize: true, padding: 30, nodeRepulsion: 600000,
      idealEdgeLength: 110, nodeOverlap: 40, componentSpacing: 80, gravity: 0.5 } });
  cy.on("tap", "node", (event) => { location.hash = `#${event.target.data("href")}`; });
  canvas.dataset.nodes = String(cy.nodes().length);
  canvas.dataset.edges = String(cy.edges().length);
  note.textContent = `${graph.nodes.length} records, ${graph.edges.length} links` +
    (graph.truncated ? ` (truncated: ${graph.hint})` : "") + ". Tap a node to open it.";
}

// Cytoscape lays out in its container's box, so wait until the page holding it is shown.
async function connected(element) {
  while (!element.isConnected) await new Promise((done) => requestAnimationFrame(done));
}

function shorten(text) {
  return text.length > 48 ? `${text.slice(0, 46)}…` : text;
}

function legend() {
  return h("p", { class: "legend" },
    h("span", { class: "key key-event" }, "event"),
    h("span", { class: "key key-actor" }, "actor"),
    h("span", { class: "key key-place" }, "place"));
}
