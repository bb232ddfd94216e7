// The public API, same origin. Errors are RFC 9457 problems; their `detail` is shown.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of [].concat(value)) {
      if (item !== undefined && item !== null) query.append(name, item);
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function get(path, params = {}) {
  const response = await fetch(url(path, params), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// Every item of a list, following next_cursor (the API caps a page at 500).
export async function all(path, params = {}, most = 5000) {
  const items = [];
  let cursor = null;
  do {
    const page = await get(path, { ...params, limit: 500, cursor });
    items.push(...page.items);
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor && items.length < most);
  return items;
}

// An API href (`/events/x`) as the explorer's hash route for it (`#/events/x`).
export function route(href) {
  return `#${href}`;
}
