// An event: its times at their precision, participants by role, the linked events in time,
// the network around it, and its articles side by side with the evidence and disagreements.

import { all, get } from "../api.js";
import { fill, h, label, link, section, status } from "../dom.js";
import { articleColumns } from "../components/articles.js";
import { disagreementCard, domId, loadDisagreements } from "../components/disagreements.js";
import { graphPanel } from "../components/graph.js";
import { timelinePanel } from "../components/timeline.js";
import { details, formatTime } from "../time.js";

export async function eventPage(page, { id }) {
  const path = `/events/${encodeURIComponent(id)}`;
  const [event, participants, quotes, evidence, disagreements] = await Promise.all([
    get(path), all(`${path}/participants`), all(`${path}/quotes`), get(`${path}/evidence`),
    loadDisagreements(),
  ]);
  const mine = disagreements.filter(concerns(event, participants, quotes));
  const classify = classifier(event, evidence, quotes, mine);
  fill(page, 
    header(event),
    section("When", times(event)),
    section("Participants by role", roles(participants)),
    quotes.length ? section("Quotes", quoteList(quotes)) : null,
    section("Timeline of related events", await timelinePanel(event)),
    section("Network of actors and events",
      graphPanel([`event:${event.id}`], { depth: 1, edge_types: "participation,relationship,event_link" })),
    section("The articles, with every excerpt highlighted", keyNote(),
      event.sources.length ? await articleColumns(event.sources, classify) : status("No articles.")),
    section("Where the sources disagree",
      mine.length ? mine.map(disagreementCard) : status("The sources agree on this event.")),
  );
}

function header(event) {
  return h("header", { class: "record-head" },
    h("p", { class: "kicker" }, "Event · ", label(event.event_type), " · ", label(event.modality)),
    h("h1", {}, event.title),
    event.summary ? h("p", { class: "lead" }, event.summary) : null,
    event.place ? h("p", { class: "meta" }, "Place: ", event.place.label) : null);
}

function times(event) {
  return h("dl", { class: "times" }, [["occurred", event.occurred], ["announced", event.announced]]
    .filter(([, time]) => time)
    .map(([name, time]) => [
      h("dt", {}, name),
      h("dd", {}, h("strong", {}, formatTime(time)),
        details(time).length ? h("span", { class: "precision" }, details(time).join(" · ")) : null,
        time.as_reported ? h("q", {}, time.as_reported) : null),
    ]));
}

function roles(participants) {
  const byRole = Map.groupBy(participants, (p) => p.role);
  if (!byRole.size) return status("No participants recorded.");
  return h("dl", { class: "roles" }, [...byRole].map(([role, items]) => [
    h("dt", {}, label(role)),
    h("dd", {}, h("ul", {}, items.map((p) =>
      h("li", {}, link(p.actor), p.description ? h("span", { class: "meta" }, ` — ${p.description}`) : null)))),
  ]));
}

function quoteList(quotes) {
  return h("ul", { class: "quotes" }, quotes.map((q) =>
    h("li", {}, h("q", {}, q.text), " — ", q.speaker ? link(q.speaker) : "unattributed")));
}

function keyNote() {
  return h("p", { class: "legend" },
    h("mark", { class: "ev ev-record" }, "about this event"), " ",
    h("mark", { class: "ev ev-disputed" }, "sources disagree (click)"), " ",
    h("mark", { class: "ev ev-other" }, "other excerpts"));
}

// The disagreements about this event, its participants, their roles, or its quotes.
function concerns(event, participants, quotes) {
  const ids = new Set([`event:${event.id}`,
    ...participants.flatMap((p) => [`actor:${p.actor.id}`, `participation:${p.id}`]),
    ...quotes.map((q) => `quote:${q.id}`)]);
  return (d) => ids.has(`${d.subject.type}:${d.subject.id}`);
}

// How each excerpt of an article is marked: behind a disagreement shown here, about this
// event (the event, its claims, participations and quotes), or another record's.
function classifier(event, evidence, quotes, disagreements) {
  const disputed = new Map();
  for (const d of disagreements) {
    for (const a of d.accounts) for (const e of a.evidence) disputed.set(e.id, domId(d));
  }
  const own = new Set([...evidence.evidence, ...evidence.claims.flatMap((c) => c.evidence)]
    .map((e) => e.id));
  const quoteIds = new Set(quotes.map((q) => q.id));
  const ownSubject = (s) => (s.type === "participation" && s.id.startsWith(`${event.id}--`)) ||
    (s.type === "event" && s.id === event.id) || (s.type === "quote" && quoteIds.has(s.id));
  return (e) => {
    if (disputed.has(e.id)) return { kind: "disputed", disagreement: disputed.get(e.id) };
    if (own.has(e.id) || ownSubject(e.subject)) return { kind: "record" };
    return { kind: "other" };
  };
}
