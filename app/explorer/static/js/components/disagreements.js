// Where the sources disagree: every account, with its sources and the excerpts behind it.

import { all } from "../api.js";
import { h, label, link } from "../dom.js";
import { details, formatTime } from "../time.js";

export function loadDisagreements() {
  return all("/disagreements");
}

export function domId(disagreement) {
  return `dis-${disagreement.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

export function disagreementCard(item) {
  const qualifier = Object.entries(item.qualifier || {}).map(([k, v]) => `${k}: ${v}`).join(", ");
  return h("article", { class: "disagreement", id: domId(item) },
    h("h3", {}, link(item.subject), " · ", label(item.property), qualifier ? ` (${qualifier})` : ""),
    h("div", { class: "accounts" }, item.accounts.map(account)));
}

function account(item) {
  return h("div", { class: "account" },
    h("p", { class: "value" }, value(item.value)),
    item.rank ? h("p", { class: "rank" }, `rank: ${item.rank}`) : null,
    h("p", { class: "meta" }, "according to ", item.sources.map((s, i) => [i ? ", " : "", link(s)])),
    item.evidence.map((e) => h("blockquote", {}, `“${e.excerpt}”`)));
}

const TIME_KEYS = ["precision", "as_reported", "earliest", "latest"];

function value(v) {
  if (v === null || v === undefined) return "not stated";
  if (Array.isArray(v)) return v.join("; ");
  if (typeof v === "object" && TIME_KEYS.some((key) => key in v)) {
    const more = details(v);
    return [formatTime(v), more.length ? ` (${more.join(", ")})` : "",
      v.as_reported ? ` — “${v.as_reported}”` : ""];
  }
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}
