// Every disagreement between the sources, all accounts shown.

import { fill, h, section } from "../dom.js";
import { disagreementCard, loadDisagreements } from "../components/disagreements.js";

export async function disagreementsPage(page) {
  const items = await loadDisagreements();
  fill(page, 
    h("h1", {}, "Where the sources disagree"),
    h("p", { class: "lead" }, "Each property on which the articles give different accounts; none is discarded."),
    section(`${items.length} disagreements`, items.map(disagreementCard)),
  );
}
