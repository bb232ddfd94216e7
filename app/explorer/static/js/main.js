// The hash router: `#/search?q=…`, `#/events/ID`, `#/actors/ID`, `#/sources/ID`, `#/map`, …
// Hash routes keep deep links working on reload with a server that serves one page at `/`.

import { h, status } from "./dom.js";
import { actorPage } from "./views/actor.js";
import { disagreementsPage } from "./views/disagreements.js";
import { eventPage } from "./views/event.js";
import { homePage } from "./views/home.js";
import { mapPage } from "./views/map.js";
import { quotePage } from "./views/quote.js";
import { searchPage } from "./views/search.js";
import { sourcePage } from "./views/source.js";

const ROUTES = [
  [/^\/?$/, homePage],
  [/^\/search$/, searchPage],
  [/^\/events\/([^/]+)$/, eventPage],
  [/^\/actors\/([^/]+)$/, actorPage],
  [/^\/sources\/([^/]+)$/, sourcePage],
  [/^\/quotes\/([^/]+)$/, quotePage],
  [/^\/map$/, mapPage],
  [/^\/disagreements$/, disagreementsPage],
];

const view = document.getElementById("view");
const input = document.getElementById("search-input");
let rendering = 0;

function parse(hash) {
  const [path, query = ""] = hash.replace(/^#/, "").split("?");
  return { path: decodeURIComponent(path), params: new URLSearchParams(query) };
}

async function render() {
  const ticket = ++rendering;
  const { path, params } = parse(location.hash);
  const match = ROUTES.map(([pattern, page]) => [path.match(pattern), page]).find(([m]) => m);
  // The page is in the document while it is built: the graph and the map measure their boxes.
  const page = h("div", { class: "page" }, status("Loading…"));
  view.replaceChildren(page);
  view.setAttribute("aria-busy", "true");
  input.value = path === "/search" ? params.get("q") || "" : "";
  window.scrollTo(0, 0);
  try {
    if (!match) throw new Error(`No page at ${path}`);
    const [found, show] = match;
    await show(page, { id: found[1], params });
  } catch (error) {
    console.error(error); // for the browser tests, which fail on console errors
    page.replaceChildren(h("h1", {}, "Not shown"), status(error.message, "error"));
  }
  if (ticket !== rendering) return; // a later navigation has taken over
  view.removeAttribute("aria-busy");
  document.title = `${page.querySelector("h1")?.textContent || "Explorer"} · Event Records`;
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = input.value.trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});
window.addEventListener("hashchange", render);
render();
