// Building DOM nodes from script: no innerHTML with data, no inline handlers or styles.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// Replace a page's content; absent (null) parts are left out.
export function fill(page, ...children) {
  page.replaceChildren();
  return append(page, children);
}

export function link(ref, text) {
  return h("a", { href: `#${ref.href}`, class: `ref ref-${ref.type}` }, text ?? ref.label ?? ref.id);
}

export function section(title, ...children) {
  return h("section", { class: "panel" }, h("h2", {}, title), ...children);
}

export function status(text, kind = "status") {
  return h("p", { class: kind }, text);
}

// A search snippet is HTML-escaped text with <mark> around matches: keep only those two.
export function snippet(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = h("span", { class: "snippet" });
  for (const node of parsed.body.firstChild.childNodes) {
    out.append(node.nodeName === "MARK" ? h("mark", {}, node.textContent) : node.textContent);
  }
  return out;
}

export function label(text) {
  return String(text).replaceAll("_", " ");
}
