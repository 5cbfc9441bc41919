import { describe, expect, it } from 'vitest';
import { ConfigInput } from '../../src/schema/config.js';
import { TREND_MIN_POINTS } from '../../src/schema/marts.js';

// The settings the build writes into build_setting: a value the models cannot use is refused when the config is read
// (CONFIG_INVALID), rather than rolled over in SQL or left to fail (or mislead) in the build.
describe('configuration the marts depend on', () => {
  const parses = (input: unknown): boolean => ConfigInput.safeParse(input).success;

  it('refuses a deadline that is not a day of every year', () => {
    // make_date(y, 2, 1) + 29 days is 1 March (2 March in a leap year): "02-30" would move the deadline silently
    expect(parses({ deadline: '02-30' })).toBe(false);
    expect(parses({ deadline: '02-29' })).toBe(false); // not in every year
    expect(parses({ deadline: '13-01' })).toBe(false); // no month 13: data_quality would fail to build
    expect(parses({ deadline: '04-31' })).toBe(false);
    expect(parses({ deadline: '00-10' })).toBe(false);
    expect(parses({ deadline: '01-00' })).toBe(false);
    for (const ok of ['01-31', '02-28', '03-31', '06-30', '12-31']) expect(parses({ deadline: ok })).toBe(true);
  });

  it(`refuses a trend window shorter than the ${TREND_MIN_POINTS} points a direction needs`, () => {
    // with trendYears 3 a window holds at most 3 points: every trend would read insufficient_data
    expect(parses({ trendYears: TREND_MIN_POINTS - 1 })).toBe(false);
    expect(ConfigInput.safeParse({ trendYears: 3 }).error?.issues[0]?.message).toMatch(/at least 4/);
    expect(parses({ trendYears: TREND_MIN_POINTS })).toBe(true);
    expect(parses({ trendYears: 30 })).toBe(true);
  });

  it('takes confidentialMinStates as a whole number of 2 or more and confidentialDominanceP above 0 and at most 100', () => {
    // 1 state's confidential part of a total less the published members is that state's value
    expect(parses({ confidentialMinStates: 1 })).toBe(false);
    expect(parses({ confidentialMinStates: 2.5 })).toBe(false);
    for (const ok of [2, 3, 4, 13]) expect(parses({ confidentialMinStates: ok })).toBe(true);
    expect(parses({ confidentialDominanceP: 0 })).toBe(false);
    expect(parses({ confidentialDominanceP: -5 })).toBe(false);
    expect(parses({ confidentialDominanceP: 100.5 })).toBe(false);
    for (const ok of [0.5, 10, 12.5, 100]) expect(parses({ confidentialDominanceP: ok })).toBe(true);
  });
});
