// The only way the digest builds HTML: a tagged template that escapes every interpolation unless it
// is markup we produced ourselves (SafeHtml, from `html` or `raw`), and the link policy. Text in the
// digest model comes from feeds, so nothing from it may reach the output unescaped.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

// Control characters (except tab and newline) have no business in a mail body and some clients
// mis-render them; bidi overrides could disguise a quote's direction.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point: they are taken out of untrusted text
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text made safe for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[&<>"'`]/g, (char) => ESCAPES[char] ?? char);
}

/** Markup we wrote (or escaped) ourselves; the tagged template inserts it as is. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** Marks trusted markup, e.g. a constant entity; never pass model text to it. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function interpolate(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map((item: HtmlValue) => interpolate(item)).join('');
  return escapeHtml(String(value));
}

/**
 * html`<p title="${title}">${text}</p>`: every interpolation escaped (attribute values too, so
 * they must be quoted in the template), nested html`` results and raw() inserted as they are.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += interpolate(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(markup);
}

/**
 * The URL when it is an absolute http(s) URL, else null: no javascript:, data:, vbscript:, relative
 * or protocol-relative links reach an href. The URL is re-serialised by the WHATWG parser, so
 * whitespace and control characters that browsers ignore inside a scheme cannot hide one.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  return parsed.href;
}
