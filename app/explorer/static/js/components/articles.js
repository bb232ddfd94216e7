// Articles side by side, every excerpt drawn from them highlighted at its offsets.
// Offsets count Unicode code points (the API's `text[start:end] == excerpt`), so the text
// is split into code points first: a JavaScript string index counts UTF-16 units.

import { get } from "../api.js";
import { h, link } from "../dom.js";
import { formatTime } from "../time.js";

// Stronger kinds win where excerpts overlap.
const RANK = { other: 0, record: 1, disputed: 2 };

export async function articleColumns(sources, classify) {
  const columns = await Promise.all(sources.map((ref) => articleColumn(ref.id, classify)));
  return h("div", { class: "articles" }, columns);
}

async function articleColumn(sourceId, classify) {
  const [source, body] = await Promise.all([
    get(`/sources/${encodeURIComponent(sourceId)}`),
    get(`/sources/${encodeURIComponent(sourceId)}/text`),
  ]);
  const excerpts = body.evidence.map((evidence) => ({ ...evidence, ...classify(evidence) }));
  return h("article", { class: "article", dataset: { source: source.id } },
    h("h3", {}, h("a", { href: `#/sources/${source.id}` }, source.title)),
    h("p", { class: "meta" }, [
      source.outlet ? link(source.outlet) : null,
      source.byline,
      `published ${formatTime(source.published)}`,
      source.url ? h("a", { href: source.url, rel: "noreferrer" }, "original") : null,
    ].filter(Boolean).flatMap((part, i) => (i ? [" · ", part] : [part]))),
    highlighted(body.text, excerpts));
}

// The text as runs of code points, each run inside the excerpts covering it (if any).
export function highlighted(text, excerpts) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const excerpt of excerpts) cuts.add(excerpt.start).add(excerpt.end);
  const bounds = [...cuts].filter((i) => i >= 0 && i <= chars.length).sort((a, b) => a - b);
  const out = h("div", { class: "article-text" });
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    const run = chars.slice(start, end).join("");
    const covering = excerpts.filter((e) => e.start < end && e.end > start);
    out.append(covering.length ? mark(run, covering) : run);
  }
  return out;
}

function mark(run, covering) {
  const top = covering.reduce((a, b) => (RANK[b.kind] > RANK[a.kind] ? b : a));
  const disputes = [...new Set(covering.filter((e) => e.kind === "disputed").map((e) => e.disagreement))];
  return h("mark", {
    class: `ev ev-${top.kind}`,
    title: covering.map((e) => e.note || e.subject.label).join("\n"),
    dataset: {
      evidence: covering.map((e) => e.id).join(" "),
      disagreement: disputes.length ? disputes.join(" ") : undefined,
    },
    onclick: disputes.length ? () => reveal(disputes) : undefined,
    onkeydown: disputes.length ? (key) => key.key === "Enter" && reveal(disputes) : undefined,
    tabindex: disputes.length ? "0" : undefined,
  }, run);
}

// Clicking a disputed passage brings its disagreements, every account, into view.
function reveal(disagreementIds) {
  const cards = disagreementIds.map((id) => document.getElementById(id)).filter(Boolean);
  cards[0]?.scrollIntoView({ behavior: "smooth", block: "center" });
  for (const card of cards) {
    card.classList.add("flash");
    setTimeout(() => card.classList.remove("flash"), 2000);
  }
}
