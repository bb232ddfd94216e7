// A quote opens on its event's page, where it is shown with its speaker and evidence.

import { get } from "../api.js";

export async function quotePage(page, { id }) {
  const quote = await get(`/quotes/${encodeURIComponent(id)}`);
  location.replace(`#${quote.event.href}`);
}
