// One article: its metadata, the events it reports, and its text with every excerpt marked.

import { all } from "../api.js";
import { fill, h, section } from "../dom.js";
import { articleColumns } from "../components/articles.js";

export async function sourcePage(page, { id }) {
  const path = `/sources/${encodeURIComponent(id)}`;
  const [events, articles] = await Promise.all([
    all(`${path}/events`),
    articleColumns([{ id }], () => ({ kind: "record" })),
  ]);
  const title = articles.querySelector("h3").textContent;
  articles.querySelector("h3").remove();
  fill(page, 
    h("header", { class: "record-head" }, h("p", { class: "kicker" }, "Article"), h("h1", {}, title)),
    section("Events it reports", h("ul", {}, events.map((e) => h("li", {}, h("a", { href: `#/events/${e.id}` }, e.title))))),
    section("Text, with every excerpt the records cite", articles),
  );
}
