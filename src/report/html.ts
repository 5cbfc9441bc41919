/**
 * HTML built by construction: every value interpolated into an {@link html} template is escaped unless it is
 * already {@link Markup} (the result of another template, or text the report itself produced and vouches for with
 * {@link trusted}). Submitted text (comments, names, file names) therefore cannot become markup by forgetting a
 * call: there is no call to forget.
 */

/** A fragment of HTML that is safe to insert as is. */
export class Markup {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What an `html` template accepts: text (escaped), numbers, markup (kept), lists of those, and nothing. */
export type Interpolation = Markup | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Returns `text` with the five HTML-significant characters replaced by entities (safe in text and in quoted
 * attribute values).
 *
 * @example escapeHtml('<b>"x"</b>') // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return (value as readonly Interpolation[]).map(render).join('');
  if (typeof value === 'number') return escapeHtml(Number.isFinite(value) ? String(value) : '');
  return escapeHtml(String(value));
}

/**
 * Returns the template as {@link Markup}, escaping every interpolated value that is not itself markup.
 *
 * An interpolation right after `=` (an unquoted attribute value) throws: attribute values must be quoted so that
 * escaping is enough to keep them in place.
 *
 * @example html`<p title="${name}">${comment}</p>` // name and comment appear as text whatever they contain
 */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Markup {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    if (/=\s*$/.test(out)) throw new Error(`unquoted attribute value in html template near "${out.slice(-40)}"`);
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new Markup(out);
}

/**
 * Returns `markup` as {@link Markup} without escaping. Only for HTML or SVG that the report generated itself
 * (server-side chart SVG, sparklines); never for anything read from the warehouse.
 */
export function trusted(markup: string): Markup {
  return new Markup(markup);
}

/** Returns the parts joined by `separator` as one piece of markup (text parts escaped). */
export function joinHtml(parts: readonly Interpolation[], separator: Interpolation = ''): Markup {
  return new Markup(parts.map(render).join(render(separator)));
}
