import { describe, expect, it } from 'vitest';
import { chainBase } from '../../src/report/pages/area/trend-figure.js';

const link = (year: number, lflStates: number, changeLfl: number | null = 0.1) => ({ year, lflStates, changeLfl });

describe('where a regional like-for-like index starts', () => {
  it('after the last change compared over fewer than half the states of the best-covered one', () => {
    // firearm parts with UNODC imported: two or three states' downloads until 2019, eleven returns from 2020
    expect(chainBase([link(2016, 0, null), link(2017, 2), link(2018, 3), link(2019, 2), link(2020, 3), link(2021, 11), link(2022, 11), link(2025, 10)])).toBe(2020);
  });

  it('in its first year when every change compares about as many states (a small group, or few reporting throughout)', () => {
    expect(chainBase([link(2016, 0, null), link(2017, 11), link(2018, 6), link(2019, 11)])).toBe(2016);
    expect(chainBase([link(2020, 0, null), link(2021, 1), link(2022, 2), link(2023, 1)])).toBe(2020);
  });

  it('leaves a year without any comparable change to the chain, which ends the line there', () => {
    expect(chainBase([link(2016, 0, null), link(2017, 10), link(2018, 0, null), link(2019, 10)])).toBe(2016);
  });
});
