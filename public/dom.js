// @ts-check
// Building the page's DOM, text only. Every piece of data from the API (post texts, authors,
// titles, even incident ids) reaches the DOM as text: through textContent, text nodes or
// attribute values set by name. Never innerHTML. A URL becomes a link only when it parses as
// http(s).

/**
 * An element of index.html by id (the page's fixed regions always exist).
 * @param {string} id
 * @returns {HTMLElement}
 */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * An <input>, <select> or other control of index.html by id.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type the element's class, checked
 * @returns {T}
 */
export function control(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`#${id} is not a ${type.name}`);
  return node;
}

const FORBIDDEN_ATTR = /^(on|href$|src$|srcdoc$|style$|action$|formaction$|xlink:href$)/i;

/** @typedef {string | number | boolean | null | undefined} AttrValue */
/** @typedef {Node | string | number | null | undefined | false} Child */
/** Children, or lists of them, nested up to three deep. @typedef {Child | readonly (Child | readonly (Child | readonly Child[])[])[]} Children */

/**
 * el('p', { class: 'x' }, 'text', child): strings become text nodes; attributes by name.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttrValue> | null} attrs
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (FORBIDDEN_ATTR.test(k)) throw new Error(`el(): attribute ${k} is not set this way`);
      if (k === 'class') node.className = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of /** @type {Child[]} */ (children.flat(Infinity))) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/**
 * A parsed http(s) URL, or null (javascript:, data:, relative, malformed...).
 * @param {string | null | undefined} raw
 */
export function safeUrl(raw) {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  let u;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
}

/**
 * A link to a source when its URL is http(s); otherwise the URL as plain text.
 * @param {string | null | undefined} raw
 * @param {string} [label]
 */
export function sourceLink(raw, label) {
  const u = safeUrl(raw);
  if (!u) {
    if (typeof raw !== 'string' || !raw) return null;
    return el('span', { class: 'url-text', title: 'Not a web address: shown as text, not a link' }, raw);
  }
  const a = el(
    'a',
    { class: 'src-link', target: '_blank', rel: 'noopener noreferrer' },
    label || u.hostname.replace(/^www\./, ''),
    el('span', { 'aria-hidden': 'true' }, ' ↗'),
  );
  a.href = u.href;
  return a;
}

/**
 * Puts `items` into `list` in this order, moving or inserting only what is not in its place
 * already (a node left where it is keeps its focus and scroll position).
 * @param {HTMLElement} list
 * @param {Element[]} items
 */
export function reconcile(list, items) {
  let cursor = list.firstElementChild;
  for (const item of items) {
    if (item === cursor) {
      cursor = cursor.nextElementSibling;
      continue;
    }
    list.insertBefore(item, cursor);
  }
  while (cursor) {
    const next = cursor.nextElementSibling;
    cursor.remove();
    cursor = next;
  }
}
