import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateChartRow } from '../../src/report/charts/build-state-chart.js';
import { renderSvg } from '../../src/report/render-svg.js';
import { buildStatePage } from '../../src/report/pages/build-state-page.js';
import type { ReviewIndex } from '../../src/report/pages/review-index.js';
import type { Store } from '../../src/store/index.js';
import { loadSampleReview } from './helpers/sample-review.js';

// The sample's North Macedonia sends its 2021 population flagged B (break in series: "population from the 2021
// census; earlier years are estimates based on the 2002 census and are not comparable"). Every rate of its state
// page is taken of that population, yet Figure MKD.1 drew each line straight through 2020–2021, and neither its note
// nor its text alternative said a word of the break. The line now starts again at 2021, and both say why.

let store: Store;
let ix: ReviewIndex;

beforeAll(async () => {
  ({ store, ix } = await loadSampleReview());
}, 120_000);

afterAll(() => store?.close());

const stateFigure = (iso3: string) => buildStatePage(ix, ix.states.find((s) => s.iso3 === iso3)!).figures[0]!;
const chartRows = (spec: unknown) => (spec as { data: { values: (StateChartRow & { printed: string })[] } }).data.values;
const SENTENCE = 'North Macedonia\u2019s population for 2021 is flagged as a break in series (B), so its rates from 2021 are not comparable with those before: each line is broken there.';

describe('a break in series of the population a state\u2019s rates are taken of', () => {
  it('breaks each line of North Macedonia\u2019s chart at 2021: 2016\u20132020 one stretch, 2021\u20132025 another', () => {
    const figure = stateFigure('MKD');
    const own = chartRows(figure.spec).filter((r) => r.series === 'North Macedonia' && r.panel === 'Trafficking in persons: victims detected');
    expect(own.map((r) => `${r.year}:${r.segment}`)).toEqual(['2016:0', '2017:0', '2018:0', '2019:0', '2020:0', '2021:1', '2022:1', '2023:1', '2024:1', '2025:1']);
    // every panel breaks there, the regional median's line not
    expect(new Set(chartRows(figure.spec).filter((r) => r.series === 'North Macedonia' && r.year === 2021).map((r) => r.segment))).toEqual(new Set([1]));
  });

  it('says so in the figure\u2019s note and its text alternative', () => {
    const figure = stateFigure('MKD');
    expect(figure.notes).toContain(SENTENCE);
    expect(figure.description.endsWith(` ${SENTENCE}`)).toBe(true);
  });

  it('draws the line in two pieces in the SVG written with the review', async () => {
    const { svg } = await renderSvg(stateFigure('MKD').spec, 'fig-mkd-1');
    const { svg: unbroken } = await renderSvg(stateFigure('ALB').spec, 'fig-alb-1');
    // the state's line layer (the second line layer of each panel): one line a stretch, two in each of the 6 panels
    const stateLines = (s: string) => [...s.matchAll(/<g class="mark-line role-mark child_layer_1_marks"[^>]*>\s*<path/g)].length;
    expect(stateLines(svg)).toBe(12);
    expect(stateLines(unbroken)).toBe(6);
  });

  it('leaves a state without a break as it was: one stretch, no such note', () => {
    const figure = stateFigure('ALB');
    expect(new Set(chartRows(figure.spec).filter((r) => r.series === 'Albania').map((r) => r.segment))).toEqual(new Set([0]));
    expect(figure.notes.join(' ')).not.toContain('break in series');
    expect(figure.description).not.toContain('break in series');
  });
});
