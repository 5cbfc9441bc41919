import { html, joinHtml, type Markup } from '../html.js';

/**
 * Returns a submitted file name as a `file` span (escaped) in which a narrow line or table cell may break only before
 * a `.`, `_` or `-` other than the extension's dot (a `<wbr>` there, as house styles break a URL before punctuation),
 * so that a phone shows `ROU_2025_annual_return` / `_v2.csv` rather than `ROU_2025_annual_ret` / `urn_v2.csv`; a run
 * with no such character that is wider than the line still wraps (review.css, `overflow-wrap`).
 *
 * @example renderFileName('ROU_2025_v2.csv') // <span class="file">ROU<wbr>_2025<wbr>_v2.csv</span>
 */
export function renderFileName(fileName: string | null | undefined): Markup {
  const parts = (fileName ?? '').split(/(?=[._-])/);
  // the extension stays with the name before it: "ROU_2025" / ".csv" on two lines reads as two things
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last?.startsWith('.')) parts.splice(-2, 2, `${parts[parts.length - 2] ?? ''}${last}`);
  return html`<span class="file">${joinHtml(parts, html`<wbr>`)}</span>`;
}
