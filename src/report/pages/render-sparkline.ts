import { yearSpan } from '../format-number.js';
import { html, type Markup } from '../html.js';

const WIDTH = 84;
const HEIGHT = 18;
const PAD = 2;

/**
 * Returns a word-sized line chart of `values` (one per year, null for a gap) as inline SVG, drawn with the area's
 * colour and a dot on the last value; its accessible label lists the values. A year whose value is suppressed as a
 * small count has its display text in `suppressed` (e.g. "<5"): it is labelled "<5 (suppressed)" and drawn as a
 * hollow marker on the baseline (the count is small, its value unpublished), where a year without data is a gap.
 * A year whose value was imported has the source in `imported` (e.g. "UNODC"): its label reads "72 (UNODC)".
 */
export function renderSparkline(
  values: readonly (number | null)[],
  years: readonly number[],
  colour: string,
  suppressed: readonly (string | null)[] = [],
  imported: readonly string[] = [],
): Markup {
  const known = values.filter((v): v is number => v !== null);
  const isSuppressed = (i: number) => values[i] === null && (suppressed[i] ?? null) !== null;
  const source = (i: number) => (imported[i] ? ` (${imported[i]})` : '');
  const text = (v: number | null, i: number) => (isSuppressed(i) ? `${suppressed[i] ?? ''} (suppressed)` : v === null ? 'no data' : `${Math.round(v * 100) / 100}${source(i)}`);
  const label = `${years.length ? yearSpan(years[0] ?? 0, years[years.length - 1] ?? 0) : ''}: ${values.map(text).join(', ')}`;
  const small = values.map((_, i) => i).filter(isSuppressed);
  if (known.length === 0 && small.length === 0) return html`<span class="spark-empty" role="img" aria-label="${label}">no data</span>`;
  const max = known.length ? Math.max(...known) : 0;
  const min = Math.min(0, ...known);
  const span = max - min || 1;
  const x = (i: number) => PAD + (i * (WIDTH - 2 * PAD)) / Math.max(1, values.length - 1);
  const y = (v: number) => HEIGHT - PAD - ((v - min) * (HEIGHT - 2 * PAD)) / span;
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) runs.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) runs.push(current.join(' '));
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  const last = values[lastIndex] ?? null;
  return html`<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}">${runs.map(
    (points) => (points.includes(' ') ? html`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="1.5"/>` : html`<circle cx="${points.split(',')[0]}" cy="${points.split(',')[1]}" r="1.5" fill="${colour}"/>`),
  )}${small.map((i) => html`<circle class="spark-suppressed" cx="${x(i).toFixed(1)}" cy="${(HEIGHT - PAD - 0.5).toFixed(1)}" r="1.6" fill="#ffffff" stroke="${colour}" stroke-width="1"/>`)}${last === null ? '' : html`<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last).toFixed(1)}" r="2" fill="${colour}"/>`}</svg>`;
}
