import type { Config } from 'vega-lite';
import { measureChartText } from '../measure-chart-text.mjs';

/**
 * The typeface every chart uses: Helvetica, or a font with its widths (Arial on Windows, Liberation Sans or Arimo on
 * Linux), so that the server-side SVG, laid out with those widths (measure-chart-text.mjs), and the browser agree
 * without web fonts. A bare `sans-serif` may be DejaVu Sans, a tenth wider.
 */
export const CHART_FONT = 'Helvetica, Arial, "Liberation Sans", Arimo, sans-serif';

/** A Vega expression that breaks a facet label `Area: measure` over two lines. */
export const SPLIT_LABEL = "split(datum.label, ': ')";

/**
 * Returns a Vega expression for a facet header that writes each of `labels` over lines of at most about `maxChars`
 * characters (first the part before ": ", the area, then the measure, each wrapped at spaces), so a long panel title
 * is wrapped rather than cut off; any other label is split at ": " as {@link SPLIT_LABEL} does.
 *
 * @example wrapLabelExpr(['Firearms trafficking: Firearm parts and components seized'], 24)
 */
export function wrapLabelExpr(labels: readonly string[], maxChars: number): string {
  const lines = Object.fromEntries(labels.map((label) => [label, wrapLabel(label, maxChars)]));
  return `(${JSON.stringify(lines)})[datum.label] || ${SPLIT_LABEL}`;
}

/**
 * Returns `label` as lines: split at ": ", each part wrapped at spaces to at most `maxChars` characters (a longer
 * word keeps its own line).
 *
 * @example wrapLabel('Firearms trafficking: Firearm parts and components seized', 24) // ['Firearms trafficking', 'Firearm parts and', 'components seized']
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  return label.split(': ').flatMap((part) => {
    const lines: string[] = [];
    for (const word of part.split(' ')) {
      const last = lines[lines.length - 1];
      if (last !== undefined && last.length + 1 + word.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    return lines;
  });
}

/**
 * Returns the years to label on a small multiple's x axis: at most `max` of them, evenly spaced and counting back
 * from the last (the reference year is always labelled).
 *
 * @example labelYears([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025], 5) // [2017, 2019, 2021, 2023, 2025]
 */
export function labelYears(years: readonly number[], max: number): number[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(sorted.length / max));
  return sorted.filter((_, i) => (sorted.length - 1 - i) % step === 0);
}

/** The widest a chart may be drawn on a desktop screen: the page's column, 50rem less its padding (review.css). */
export const COLUMN_WIDTH = 760;

/**
 * Returns how many columns a legend of `labels` (11px, after a 10px symbol) takes to fit within `width` pixels: all
 * in one row if they fit, otherwise as few rows as fit, with the entries spread evenly over them (six that do not
 * fit in one row are three columns of two, not five and one).
 *
 * @example legendColumns(['Women', 'Girls', 'Men', 'Boys'], 600) // 4
 */
export function legendColumns(labels: readonly string[], width: number): number {
  // Vega's legend: a 10px symbol, 4px to the label, 10px between columns, each column as wide as its widest entry.
  const entry = (label: string) => 10 + 4 + measureChartText(label, 11);
  const span = (columns: number) =>
    Array.from({ length: columns }, (_, c) => Math.max(0, ...labels.filter((_, i) => i % columns === c).map(entry))).reduce((sum, w) => sum + w, 0) + 10 * (columns - 1);
  let columns = Math.max(1, labels.length);
  while (columns > 1 && span(columns) > width) columns -= 1;
  const even = Math.ceil(labels.length / Math.ceil(labels.length / columns));
  return even > 0 && span(even) <= width ? even : columns;
}

/** Neutral colours shared by charts and pages. */
export const INK = { text: '#222222', muted: '#5f5f5f', rule: '#8a8a8a', grid: '#e4e4e4', median: '#4d4d4d' } as const;

/**
 * Map colours: neighbouring countries a neutral grey (L* 81), at least 8 in CIE L* from the lightest class of every
 * ramp (L* 92–93), so that a state in the palest class never reads as land outside the group (the warm off-white
 * they had, L* 95, lay 2 from it); the sea a pale blue (L* 89) and "no data" a near-white (L* 96), each at least 8
 * from the neighbours; "no data" hatched in the grey that outlines the legend's swatches (3:1 against its fill), its
 * swatch the hatched square outlined in that grey, so that it is told from the palest class by its hatching; the
 * coastline a dark blue-grey (L* 43), 4.4:1 against the sea and 4.7:1 or more against the palest class, so that
 * printed in greyscale, where the sea and the palest class are nearly one grey (1.1:1), a coastal state still has an
 * edge against the sea.
 */
export const MAP_INK = { sea: '#d3e2ee', land: '#c8c8c8', border: '#ffffff', noData: '#f4f4f4', hatch: '#8a8a8a', coast: '#52687c' } as const;

/**
 * Returns the Vega-Lite config every chart of the review shares: quiet axes, no chart titles (the figure caption
 * carries the title), legible 11px labels, white background for print.
 */
export function buildChartConfig(): Config {
  return {
    background: '#ffffff',
    font: CHART_FONT,
    padding: 4,
    view: { stroke: null, continuousWidth: 520, continuousHeight: 260 },
    axis: {
      labelColor: INK.muted, titleColor: INK.text, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal',
      domainColor: INK.rule, tickColor: INK.rule, gridColor: INK.grid, labelFlush: false,
    },
    axisBand: { ticks: false, domain: false },
    legend: { labelColor: INK.text, titleColor: INK.text, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal' },
    header: { labelFontSize: 11, labelColor: INK.text, titleFontSize: 11, labelFontWeight: 'bold', labelAnchor: 'start', labelOrient: 'top', labelPadding: 4 },
    text: { font: CHART_FONT, fontSize: 10, color: INK.text },
    line: { strokeWidth: 2 },
    point: { size: 36, filled: true },
    bar: { discreteBandSize: { band: 0.75 } },
    tick: { thickness: 2 },
    numberFormat: ',.0f',
  };
}

/**
 * Returns `text` with its first letter in lower case, for a title inside a sentence a screen reader speaks
 * ("Persons suspected per offence" in "Albania, Trafficking in persons, persons suspected per offence: 0.30.").
 */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * What a chart calls the group's members in its axis, legend and tooltip titles: the bare nouns of `memberNouns`
 * ("state" and "states", "economy" and "economies"), passed in by the page, which knows the group.
 */
export interface ChartMembers {
  bareOne: string;
  bareMany: string;
}

/**
 * Returns the members' noun as a chart's title gives it, capitalised: "State", "Economies".
 *
 * @example memberTitle({ bareOne: 'economy', bareMany: 'economies' }) // 'Economy'
 */
export function memberTitle(members: ChartMembers, isMany = false): string {
  const noun = isMany ? members.bareMany : members.bareOne;
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}
