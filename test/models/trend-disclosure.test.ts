import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { STABLE_SLOPE_PCT, TREND_ALPHA, type SeriesTrend } from '../../src/schema/marts.js';
import type { Store } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { openTestWarehouse, tempDir } from '../helpers/warehouse.js';
import { buildAll } from './helpers.js';

// The bundled sample's state trends against a reader who knows every published figure: the years of the window
// (series_total, "<5" for a small count) and the trend's statistics and direction. Trying 1 to 4 for each "<5" must leave more than
// one value that reproduces what series_trend publishes, for every "<5" of every window.

interface Point { year: number; value: number; small: boolean }
type Window = SeriesTrend & { points: Point[] };

let store: Store;
let windows: Window[];

beforeAll(async () => {
  const path = join(tempDir(), 'warehouse.duckdb');
  const ingest = await runCli(['ingest', join(PROJECT_ROOT, 'data/sample/returns'), '--warehouse', path]);
  if (ingest.code !== 0) throw new Error(`ingest of the sample failed: ${ingest.stderr}`);
  store = await buildAll(await openTestWarehouse(path));
  windows = await store.all<Window>(`
    select trend.*, list({'year': total.time_period, 'value': total.obs_value, 'small': total.is_small_count} order by total.time_period) as points
    from series_trend as trend
    inner join series_total as total
        on total.ref_area = trend.ref_area and total.indicator = trend.indicator
        and total.time_period between trend.window_start and trend.end_year
    where trend.n_points >= 4
    group by all
    order by trend.ref_area, trend.indicator, trend.end_year`);
}, 120_000);
afterAll(() => store.close());

/** Theil-Sen slope (median of the pairwise slopes), Mann-Kendall S and the tie groups' sizes of `points`. */
function statistics(points: readonly Point[]): { slope: number; mean: number; s: number; ties: string } {
  const slopes: number[] = [];
  let s = 0;
  points.forEach((a, i) => points.slice(i + 1).forEach((b) => {
    slopes.push((b.value - a.value) / (b.year - a.year));
    s += Math.sign(b.value - a.value);
  }));
  slopes.sort((x, y) => x - y);
  const m = slopes.length;
  const slope = m % 2 === 1 ? slopes[(m - 1) / 2]! : (slopes[m / 2 - 1]! + slopes[m / 2]!) / 2;
  const counts = new Map<number, number>();
  for (const p of points) counts.set(p.value, (counts.get(p.value) ?? 0) + 1);
  const ties = [...counts.values()].filter((t) => t > 1).sort().join(',');
  return { slope, mean: points.reduce((sum, p) => sum + p.value, 0) / points.length, s, ties };
}

/** The "<5" years of `window` that only one value from 1 to 4 reproduces its published statistics for. */
function pinned(window: Window): number[] {
  const smalls = window.points.flatMap((p, i) => (p.small ? [i] : []));
  const fits: number[][] = [];
  const fill = (values: number[]): void => {
    if (values.length < smalls.length) {
      for (let v = 1; v <= 4; v++) fill([...values, v]);
      return;
    }
    const tried = window.points.map((p, i) => (p.small ? { ...p, value: values[smalls.indexOf(i)]! } : p));
    const st = statistics(tried);
    const truth = statistics(window.points);
    const close = (published: number | null, value: number) => published === null || Math.abs(published - value) < 1e-9;
    // S and p (a function of n, S and the ties) are published unless withheld; so are the mean, slope and slope %
    if (window.mk_s !== null && (st.s !== truth.s || st.ties !== truth.ties)) return;
    if (!close(window.mean_value, st.mean) || !close(window.slope, st.slope)) return;
    if (window.slope_pct_per_year !== null && !close(window.slope_pct_per_year, (100 * st.slope) / st.mean)) return;
    // the direction, unless withheld: p is the same for every fit (same n, S and ties), the slope % is not
    if (window.suppression_reason === 'small_count_direction') {
      fits.push(values);
      return;
    }
    const trending = st.mean > 0 && Math.abs((100 * st.slope) / st.mean) >= STABLE_SLOPE_PCT && window.mk_p_value! <= TREND_ALPHA;
    if ((trending ? (st.slope > 0 ? 'rising' : 'falling') : 'stable') !== window.direction) return;
    fits.push(values);
  };
  fill([]);
  return smalls.filter((_, j) => new Set(fits.map((values) => values[j])).size === 1).map((i) => window.points[i]!.year);
}

describe("the sample's state trends with a small count in the window", () => {
  it('withhold the mean, the slope and the slope %: 49 windows; S, p and the direction too in the windows with two "<5" or more', () => {
    const withSmall = windows.filter((w) => w.points.some((p) => p.small));
    expect(withSmall).toHaveLength(49);
    const smalls = (w: Window): number => w.points.filter((p) => p.small).length;
    for (const w of withSmall) {
      expect(w, `${w.ref_area} ${w.indicator} ${w.end_year}`).toMatchObject({ mean_value: null, slope: null, slope_pct_per_year: null });
      expect(w.suppression_reason, `${w.ref_area} ${w.indicator} ${w.end_year}`).toBe(smalls(w) === 1 ? 'small_count' : 'small_count_direction');
      if (smalls(w) > 1) expect(w).toMatchObject({ mk_s: null, mk_p_value: null, direction: 'insufficient_data' });
    }
    // in the sample, every window with one "<5" has the same direction whatever it is: none is withheld for that
    expect(withSmall.filter((w) => smalls(w) === 1)).toHaveLength(withSmall.filter((w) => w.suppression_reason === 'small_count').length);
    // and no window without one is withheld
    expect(windows.filter((w) => !w.points.some((p) => p.small) && w.suppression_reason !== null)).toEqual([]);
  });

  it("give no \"<5\" back to a reader trying 1 to 4 against what is published (the slope gave back 31 windows' before)", () => {
    // GEO TIP_CNV 2019–2023: 9, 8, 5, 7, "<5" (4). Its slope -1.125 was published and only 4 gives it: pairwise slopes
    // -1, -2, -0.67, -1.25, -3, -0.5, -1.33, 2, -0.5, -3 → sorted middle pair -1.25, -1 (3 gives -1.25, 2 -1.625, 1 -2)
    const geo = windows.find((w) => w.ref_area === 'GEO' && w.indicator === 'TIP_CNV' && w.end_year === 2023)!;
    expect(geo.points.map((p) => (p.small ? '<5' : p.value))).toEqual([9, 8, 5, 7, '<5']);
    expect(statistics(geo.points).slope).toBeCloseTo(-1.125, 12);
    expect(pinned({ ...geo, slope: -1.125 })).toEqual([2023]);
    expect(pinned(geo)).toEqual([]);
    expect(windows.filter((w) => pinned(w).length > 0).map((w) => `${w.ref_area} ${w.indicator} ${w.end_year}`)).toEqual([]);
  });
});
