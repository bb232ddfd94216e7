// The event among the events it is linked to, in time order on a proportional axis.

import { get } from "../api.js";
import { h, label } from "../dom.js";
import { formatSpan } from "../time.js";

export async function timelinePanel(event) {
  const ids = [event.id, ...event.links.map((l) => l.event.id)];
  const page = await get("/timeline", { id__in: ids.join(","), limit: 500 });
  const relation = new Map(event.links.map((l) => [l.event.id, l]));
  return h("div", { class: "timeline" },
    axis(page.items, event.id),
    h("ol", { class: "events" }, page.items.map((item) => row(item, event.id, relation.get(item.id)))));
}

function row(item, current, link) {
  return h("li", { class: item.id === current ? "current" : null },
    h("time", { datetime: item.start || "" }, formatSpan(item)),
    h("span", { class: "precision" }, item.precision || ""),
    item.id === current ? h("strong", {}, item.title) : h("a", { href: `#${item.href}` }, item.title),
    link ? h("span", { class: "tag" }, relationText(link)) : h("span", { class: "tag" }, "this event"));
}

function relationText(link) {
  const type = label(link.link_type);
  return link.direction === "outgoing" ? `this event ${type} it` : `${type} this event`;
}

// Dots placed by date between the earliest start and the latest end (set from script:
// positions are data, and a CSP forbids inline style attributes, not CSSOM writes).
function axis(items, current) {
  const dated = items.filter((i) => i.start);
  if (dated.length < 2) return null;
  const time = (d) => Date.parse(d);
  const low = Math.min(...dated.map((i) => time(i.start)));
  const high = Math.max(...dated.map((i) => time(i.end || i.start)));
  const span = Math.max(high - low, 1);
  const bar = h("div", { class: "axis", "aria-hidden": "true" });
  for (const item of dated) {
    const dot = h("a", { href: `#${item.href}`, title: `${formatSpan(item)}: ${item.title}`,
      class: item.id === current ? "dot current" : "dot" });
    dot.style.left = `${((time(item.start) - low) / span) * 100}%`;
    dot.style.width = `max(8px, ${((time(item.end || item.start) - time(item.start)) / span) * 100}%)`;
    bar.append(dot);
  }
  return h("div", { class: "axis-wrap" }, bar,
    h("div", { class: "axis-labels" },
      h("span", {}, new Date(low).getUTCFullYear()), h("span", {}, new Date(high).getUTCFullYear())));
}
