import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { formatChange, formatCount, formatNumber, formatRate, formatShare, listInProse, yearsInProse } from '../../src/report/format-number.js';

describe('format-number', () => {
  it('groups thousands and uses a true minus sign', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(-1234)).toBe('\u22121,234');
    expect(formatNumber(-0.01)).toBe('0');
    expect(formatNumber(null)).toBe('\u2013');
    expect(formatCount(12000)).toBe('12,000');
    expect(formatCount(12.25)).toBe('12.3');
  });

  it('formats shares, changes and rates', () => {
    expect(formatShare(0.4567)).toBe('45.7%');
    // a share that is not nothing never prints as 0, nor one short of the whole as 100
    expect(formatShare(0.004)).toBe('0.4%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.004, 0)).toBe('<1%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(0.9996)).toBe('>99.9%');
    expect(formatShare(0.996, 0)).toBe('>99%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatChange(0.12)).toBe('+12.0%');
    expect(formatChange(-0.083)).toBe('\u22128.3%');
    expect(formatChange(0.00001)).toBe('0.0%');
    expect(formatRate(0.456)).toBe('0.46');
    expect(formatRate(12.345)).toBe('12.3');
    expect(formatRate(1234.5)).toBe('1,235');
    expect(formatRate(0)).toBe('0'); // none recorded, never '0.00'
    expect(formatRate(0.001)).toBe('<0.01'); // 0.4 kg in a state of 85 million: above 0, never '0.00'
    expect(formatRate(0.0004, 1)).toBe('<0.001');
    expect(formatRate(0.006)).toBe('0.01');
  });

  it('lists in prose', () => {
    expect(listInProse([])).toBe('');
    expect(listInProse(['a'])).toBe('a');
    expect(listInProse(['a', 'b', 'c'])).toBe('a, b and c');
  });

  test.prop([fc.integer({ min: -1e12, max: 1e12 })])('grouping removes to the plain integer', (n) => {
    expect(Number(formatNumber(n).replace(/,/g, '').replace('\u2212', '-'))).toBe(n);
  });
});

describe('yearsInProse', () => {
  it('writes runs of consecutive years as spans', () => {
    expect(yearsInProse([2018, 2021, 2022])).toBe('2018 and 2021–2022');
    expect(yearsInProse([2021, 2022, 2023, 2025])).toBe('2021–2023 and 2025');
    expect(yearsInProse([2025])).toBe('2025');
  });
});
