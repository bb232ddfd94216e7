// The start page: what the data set is, and every event in time order.

import { all } from "../api.js";
import { fill, h, label, section } from "../dom.js";
import { formatSpan } from "../time.js";

export async function homePage(page) {
  const items = await all("/timeline");
  fill(page, 
    h("h1", {}, "Events"),
    h("p", { class: "lead" },
      "News events, the people and bodies in them and the articles that report them. ",
      "Search above by any spelling of a name (“Yun Seok-yeol” finds Yoon Suk-yeol) or any words."),
    section(`${items.length} events in time order`, eventList(items)),
  );
}

export function eventList(items, current = null) {
  return h("ol", { class: "events" }, items.map((item) =>
    h("li", { class: item.id === current ? "current" : null },
      h("time", { datetime: item.start || "" }, formatSpan(item)),
      h("span", { class: "precision" }, item.precision || ""),
      h("a", { href: `#${item.href}` }, item.title),
      h("span", { class: "tag" }, label(item.event_type)))));
}
