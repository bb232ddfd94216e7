// Search results: actors by any spelling of any name, events, quotes and articles by words.

import { get } from "../api.js";
import { fill, h, label, snippet, status } from "../dom.js";

export async function searchPage(page, { params }) {
  const q = params.get("q") || "";
  if (!q.trim()) {
    fill(page, h("h1", {}, "Search"), status("Type a name or some words above."));
    return;
  }
  const result = await get("/search", { q, limit: 50 });
  fill(page, 
    h("h1", {}, `Search: ${q}`),
    result.items.length
      ? h("ol", { class: "hits" }, result.items.map(hit))
      : status("Nothing matches; try fewer words or another spelling."),
  );
}

function hit(item) {
  // An actor found through another of its names says which (the snippet is that whole name).
  const context = snippet(item.snippet);
  const matched = item.field === "name" && context.textContent !== item.label
    ? h("span", { class: "via" }, ` as “${context.textContent}”`)
    : null;
  return h("li", { class: `hit hit-${item.type}` },
    h("span", { class: "tag" }, label(item.type)),
    h("a", { href: `#${item.href}` }, item.label),
    matched,
    h("div", { class: "context" }, context));
}
