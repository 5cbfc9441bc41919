import { Markup, escapeHtml } from './html.js';

/**
 * Returns `value` as JSON that is safe inside an HTML `<script>` element: `<`, `>`, `&` and the two JavaScript
 * line separators are written as `\u` escapes, so no string in the data can close the element.
 *
 * @example toScriptJson({ comment: '</script>' }) // '{"comment":"\\u003c/script\\u003e"}'
 */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Returns a `<script type="application/json">` element holding `value`, for the page script to read. */
export function renderJsonScript(id: string, value: unknown): Markup {
  return new Markup(`<script type="application/json" id="${escapeHtml(id)}">${toScriptJson(value)}</script>`);
}
