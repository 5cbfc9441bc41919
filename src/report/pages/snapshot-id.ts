import { html, type Markup } from '../html.js';

/** How many hex digits of the data snapshot the review shows: as many as `crimetrends run`'s summary prints. */
export const SNAPSHOT_DIGITS = 12;

/**
 * Returns the data snapshot as every page of the review shows it: its first {@link SNAPSHOT_DIGITS} hex digits, the
 * whole SHA-256 in the element's title (where `crimetrends run` reads it back, to tell whether a run changed the
 * review in its folder). The title page, the annex and each page's footer showed it at 16, 64 and 64 digits, the
 * 64 broken over two lines on paper, beside the run summary's 12.
 *
 * @example renderSnapshot('72a9e8f0a099f3a5…') // '<code class="hash" title="72a9e8f0a099f3a5…">72a9e8f0a099</code>'
 */
export function renderSnapshot(snapshot: string): Markup {
  return html`<code class="hash" title="${snapshot}">${snapshot.slice(0, SNAPSHOT_DIGITS)}</code>`;
}
