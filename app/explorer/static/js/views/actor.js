// An actor: every name as attested, with the articles using each; relationships both ways;
// the events it took part in; the network around it; the sources' disagreements about it.

import { all, get } from "../api.js";
import { fill, h, label, link, section, status } from "../dom.js";
import { disagreementCard, loadDisagreements } from "../components/disagreements.js";
import { graphPanel } from "../components/graph.js";

const IDENTIFIER_URLS = { wikidata: (id) => `https://www.wikidata.org/wiki/${id}` };

export async function actorPage(page, { id }) {
  const path = `/actors/${encodeURIComponent(id)}`;
  const [actor, relationships, participations, disagreements] = await Promise.all([
    get(path), all(`${path}/relationships`), all(`${path}/events`), loadDisagreements(),
  ]);
  const mine = disagreements.filter((d) => d.subject.type === "actor" && d.subject.id === actor.id);
  fill(page, 
    h("header", { class: "record-head" },
      h("p", { class: "kicker" }, "Actor · ", label(actor.kind)),
      h("h1", {}, actor.name),
      actor.description ? h("p", { class: "lead" }, actor.description) : null,
      identifiers(actor.identifiers)),
    section("Names as attested", names(actor.names)),
    section("Relationships", relationshipList(relationships, actor.id)),
    section("Events", eventList(participations)),
    section("Network", graphPanel([`actor:${actor.id}`], { depth: 1 })),
    mine.length ? section("Where the sources disagree", mine.map(disagreementCard)) : null,
  );
}

function identifiers(ids) {
  const entries = Object.entries(ids || {});
  if (!entries.length) return null;
  return h("p", { class: "meta" }, entries.map(([scheme, value], i) => [i ? " · " : "",
    IDENTIFIER_URLS[scheme]
      ? h("a", { href: IDENTIFIER_URLS[scheme](value), rel: "noreferrer" }, `${scheme} ${value}`)
      : `${scheme} ${value}`]));
}

function names(items) {
  return h("table", { class: "names" },
    h("thead", {}, h("tr", {}, h("th", {}, "name"), h("th", {}, "language"), h("th", {}, "kind"),
      h("th", {}, "used by"))),
    h("tbody", {}, items.map((n) => h("tr", {},
      h("td", { class: "name" }, n.name),
      h("td", {}, n.lang || ""),
      h("td", {}, label(n.kind || "")),
      h("td", {}, n.attested_by.length
        ? h("ul", { class: "plain" }, n.attested_by.map((s) => h("li", {}, link(s))))
        : h("span", { class: "meta" }, "no article"))))));
}

function relationshipList(items, self) {
  if (!items.length) return status("No relationships recorded.");
  return h("ul", { class: "relationships" }, items.map((r) => h("li", {},
    r.subject.id === self ? h("strong", {}, r.subject.label) : link(r.subject),
    h("span", { class: "tag" }, label(r.relationship_type)),
    r.object.id === self ? h("strong", {}, r.object.label) : link(r.object),
    r.description ? h("span", { class: "meta" }, ` — ${r.description}`) : null)));
}

function eventList(items) {
  if (!items.length) return status("No events recorded.");
  return h("ul", { class: "participations" }, items.map((p) => h("li", {},
    h("span", { class: "tag" }, label(p.role)), link(p.event),
    p.description ? h("span", { class: "meta" }, ` — ${p.description}`) : null)));
}
