// A typed client for the Event Records API: types from `make client` (openapi-typescript),
// requests with openapi-fetch. `make client` type-checks this file with tsc.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Problem = components["schemas"]["Problem"];
type Event = components["schemas"]["EventRead"];

// JSON and problem+json only: lists also answer CSV and NDJSON (`format=`), which this
// client does not ask for, so `data` is the JSON shape and `error` the Problem.
type Media = "application/json" | "application/problem+json";
const api = createClient<paths, Media>({ baseUrl: "http://127.0.0.1:8000" });

/** One line for any error the API answers: every error body is a Problem (RFC 9457). */
function describe(problem: Problem): string {
  const fields = (problem.invalid_params ?? []).map((p) => `${p.name}: ${p.reason}`);
  return [`${problem.status} ${problem.title}: ${problem.detail}`, ...fields].join("\n");
}

/** A list with filters: agreements from 2022 on, newest first. */
export async function agreementsSince2022(): Promise<Event[]> {
  const { data, error } = await api.GET("/events", {
    params: {
      query: { event_type: "agree", when__gte: "2022", sort: "-when", limit: 20 },
    },
  });
  if (error) {
    throw new Error(describe(error)); // `error` is a Problem here, not `unknown`
  }
  return data.items;
}

/** One record with includes: the event, its participants and each participant's actor. */
export async function whoTookPart(eventId: string): Promise<string[] | null> {
  const { data, error } = await api.GET("/events/{event_id}", {
    params: { path: { event_id: eventId }, query: { include: "participants.actor" } },
  });
  if (error) {
    if (error.status === 404) {
      return null; // narrowed on the Problem's status
    }
    throw new Error(describe(error));
  }
  const participants = data.included?.participants ?? [];
  return participants.map((p) => `${p.included?.actor?.id ?? p.actor.id} (${p.role})`);
}

/** A write: needs an API key; 412 when the record changed since its ETag was read. */
export async function retitle(eventId: string, title: string, key: string): Promise<Event> {
  const current = await api.GET("/events/{event_id}", {
    params: { path: { event_id: eventId } },
  });
  if (current.error) {
    throw new Error(describe(current.error));
  }
  const etag = current.response.headers.get("ETag") ?? "*";
  const { data, error } = await api.PATCH("/events/{event_id}", {
    params: { path: { event_id: eventId }, header: { "if-match": etag } },
    headers: { Authorization: `Bearer ${key}` },
    body: { title },
  });
  if (error) {
    const retry = error.status === 412 ? " (changed meanwhile: read it again)" : "";
    throw new Error(describe(error) + retry);
  }
  return data;
}
