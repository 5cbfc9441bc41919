import type { TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildReview, type BuiltReview } from '../../src/report/build-review.js';
import { buildReturnsChart } from '../../src/report/charts/build-returns-chart.js';
import { memberNouns } from '../../src/report/pages/prose-name.js';
import { loadTestReference } from '../helpers/warehouse.js';
import { renderSvg, spokenElements, type Spoken } from './helpers/render-aria.js';
import { buildSampleModel } from './helpers/sample-model.js';

// What a screen reader hears of a chart's marks: Vega writes each mark's `description` into the SVG as its aria-label,
// and without one the mark's encoded fields by their titles, or by the raw field name where a field has none. The
// text and rule marks read "label: No return", "note: no data", "gap: no data", "printed: 8", "Min of median: 1", the
// map's ISO codes "longitude: 20; latitude: 41; iso3: ALB", and the bars and points gave their fields too
// ("completeness: 85%; State: Albania; timeliness: On time; …"). Each mark that carries a figure now reads as a
// sentence saying what its tooltip says; a mark that repeats another (a value label, a halo, a stem, the ISO codes,
// the sea) is silent; and a spoken text, rule, rect or country says what it is ("note", "line", "cell", "state")
// where Vega said "text mark", "rule mark", "rect mark", "geoshape".

/** Every mark item the chart's SVG gives a screen reader (axes, legends and titles aside), with its role description and label. */
async function spokenMarks(spec: TopLevelSpec): Promise<Spoken[]> {
  return spokenElements(await renderSvg(spec), /<[a-z]+ [^>]*role="graphics-symbol"[^>]*>/g).filter((s) => !['axis', 'legend', 'title'].includes(s.role));
}

let built: BuiltReview;
const spoken = new Map<string, Spoken[]>();

beforeAll(async () => {
  built = await buildReview(buildSampleModel(await loadTestReference()), PROJECT_ROOT);
  // the specs as written with the review, each rendered headless as the review's SVG is
  for (const figure of built.figures) {
    const written = built.files.find((f) => f.path === `specs/${figure.id}.vl.json`);
    spoken.set(figure.id, await spokenMarks(JSON.parse(String(written?.content)) as TopLevelSpec));
  }
}, 180_000);

const labels = (id: string, role: string) => (spoken.get(id) ?? []).filter((s) => s.role === role).map((s) => s.label);

describe('a chart mark is spoken as a sentence, never by a raw field name', () => {
  it('renders every chart of the sample review, each with marks that speak', () => {
    expect(spoken.size).toBe(built.figures.length);
    expect(spoken.size).toBeGreaterThanOrEqual(40);
    expect([...spoken].filter(([, marks]) => marks.length === 0).map(([id]) => id)).toEqual([]);
  });

  it('no mark of any chart reads a field name: "label:", "note:", "value:", "text:" or any other', () => {
    for (const [id, marks] of spoken) {
      expect(marks.filter((m) => /^(label|note|value|text): /.test(m.label)), id).toEqual([]);
      // a field's name is lower case ("gap", "printed", "iso3", "completeness"); a title or a name is not
      expect(marks.filter((m) => /(^|; )[a-z][A-Za-z0-9]*: /.test(m.label)), id).toEqual([]);
      expect(marks.filter((m) => !/^[A-Z].*\.$/.test(m.label)), id).toEqual([]);
    }
  });

  it('says what a spoken mark is, never Vega\u2019s "text mark", "rule mark", "rect mark" or "geoshape"', () => {
    const roles = new Set([...spoken.values()].flat().map((m) => m.role));
    expect([...roles].sort()).toEqual(['bar', 'cell', 'circle', 'line', 'note', 'point', 'state']);
  });

  it('Figure 2.1: a bar says its completeness and when the return came; the state without one is its note, and the labels at the bars\u2019 ends are silent', () => {
    expect(labels('fig-2-1', 'bar')).toContain('Albania: 85.0% of catalogue series reported, return on time.');
    expect(labels('fig-2-1', 'bar')).toContain('Armenia: 76.7% of catalogue series reported, return 20 days late.');
    // was "State: Serbia; label: No return"
    expect(labels('fig-2-1', 'note')).toEqual(['Serbia: no return.']);
  });

  it('Figure 4.2: a bar, the note of a state without a rate and the median rule, one a panel', () => {
    expect(labels('fig-4-2', 'bar')).toContain('Albania, Trafficking in persons: victims detected: 1.3 per 100,000.');
    // was "State: Serbia; gap: no data"
    expect(labels('fig-4-2', 'note')).toContain('Serbia, Trafficking in persons: victims detected: no data.');
    // was "Min of median: 1; Regional median: 0.76"
    expect(labels('fig-4-2', 'line')).toEqual([
      'Trafficking in persons: victims detected: regional median 0.76 per 100,000.',
      'Smuggling of migrants: offences recorded: regional median 0.63 per 100,000.',
      'Drug seizures (kilograms): regional median 3.1 per 100,000.',
    ]);
  });

  it('Figure 4.3: a state of the map, with a rate or without; the sea, the neighbours, the hatching and the ISO codes are silent', () => {
    expect(labels('fig-4-3', 'state')).toContain('Albania, number per 100,000: 1.3.');
    expect(labels('fig-4-3', 'state')).toContain('Serbia, number per 100,000: no data.');
    expect(spoken.get('fig-4-3')!.map((m) => m.role)).toEqual(Array(13).fill('state'));
  });

  it('Figure 4.4: a dot, a note where the ratio is not shown, and the median rule of each step', () => {
    expect(labels('fig-4-4', 'circle')).toContain('Albania, Trafficking in persons, persons suspected per offence: 0.30.');
    // was "State: Azerbaijan; note: not shown (<5)"
    expect(labels('fig-4-4', 'note')).toContain('Azerbaijan, Trafficking in persons, convicted per person prosecuted: not shown (<5).');
    // was "Min of median: 0"; the stems ("ratio: 0; State: Albania") are silent
    expect(labels('fig-4-4', 'line')).toHaveLength(9);
    expect(labels('fig-4-4', 'line')).toContain('Trafficking in persons, persons suspected per offence: regional median 0.45.');
  });

  it('the other charts: a heatmap\u2019s cell, a part of a breakdown, an index, a regional total, a state\u2019s rate', () => {
    // was "Reporting state: Bulgaria; Citizenship of the victim: Albania; Number: 8", and its text "…; printed: 8"
    expect(labels('fig-4-8', 'cell')).toContain('Reporting state Bulgaria, citizenship of the victim Albania: 8.');
    expect(spoken.get('fig-4-8')!.every((m) => m.role === 'cell')).toBe(true);
    expect(labels('fig-4-7', 'bar')).toContain('Region (12 states shown), Cannabis: 970.0 kilograms, 17.4%.');
    expect(labels('fig-4-1', 'point')).toContain('Trafficking in persons: offences recorded, 2016: index 100, the base year.');
    expect(labels('fig-3-1', 'point')).toContain('Corruption: offences recorded, 2025: regional total 2,365, reported by 12 of 13 states; Ukraine added; Serbia dropped.');
    expect(labels('fig-alb-1', 'point')).toContain('Albania, Trafficking in persons: victims detected, 2016: 0.87 per 100,000.');
  });
});

describe('the returns chart', () => {
  it('says a rejected return is one, and when it came', async () => {
    const rows = [
      { state: 'Albania', completeness: 0.85, printed: '85.0%', timeliness: 'On time' as const, label: '85.0%, on time' },
      { state: 'Georgia', completeness: null, printed: 'Rejected', timeliness: 'Late' as const, label: 'Rejected, 3 days late' },
      { state: 'Serbia', completeness: null, printed: 'No return', timeliness: 'Not received' as const, label: 'No return' },
    ];
    const marks = await spokenMarks(buildReturnsChart(rows, ['Albania', 'Georgia', 'Serbia'], 'd', memberNouns({ code: 'BSEC' })));
    expect(marks).toEqual([
      { role: 'bar', label: 'Albania: 85.0% of catalogue series reported, return on time.' },
      { role: 'note', label: 'Georgia: return rejected, 3 days late.' },
      { role: 'note', label: 'Serbia: no return.' },
    ]);
  });
});
