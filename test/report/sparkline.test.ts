import { describe, expect, it } from 'vitest';
import { renderSparkline } from '../../src/report/pages/render-sparkline.js';

const YEARS = [2021, 2022, 2023, 2024, 2025];

describe('sparkline: a suppressed small count is not a missing year', () => {
  it('labels a suppressed value as "<5 (suppressed)" and a year without data as "no data"', () => {
    const svg = renderSparkline([6, null, 8, null, 9], YEARS, '#123456', [null, '<5', null, null, null]).value;
    expect(svg).toContain('aria-label="2021–2025: 6, &lt;5 (suppressed), 8, no data, 9"');
  });

  it('draws the suppressed year as one hollow marker on the baseline, and nothing for the missing year', () => {
    const svg = renderSparkline([6, null, 8, null, 9], YEARS, '#123456', [null, '<5', null, null, null]).value;
    const hollow = [...svg.matchAll(/<circle class="spark-suppressed" cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill="#ffffff" stroke="#123456"/g)];
    expect(hollow).toHaveLength(1);
    expect(Number(hollow[0]![1])).toBeCloseTo(2 + 80 / 4, 1);
    expect(Number(hollow[0]![2])).toBe(15.5);
    // The line breaks on both sides of each unknown value: [6], [8], [9] are three single points.
    expect(svg.match(/<polyline/g)).toBeNull();
  });

  it('draws a series of suppressed values only (no number known) rather than calling it "no data"', () => {
    const out = renderSparkline([null, null, null, null, null], YEARS, '#123456', ['<5', '<5', null, null, '<5']).value;
    expect(out).toContain('<svg');
    expect(out.match(/spark-suppressed/g)).toHaveLength(3);
    expect(out).toContain('aria-label="2021–2025: &lt;5 (suppressed), &lt;5 (suppressed), no data, no data, &lt;5 (suppressed)"');
    expect(renderSparkline([null, null], [2024, 2025], '#123456').value).toContain('class="spark-empty"');
  });
});
