import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReview, indicator, text, writeReturn, year } from './helpers/thin-returns.js';

// A headline indicator the states reported as 0: offences recorded for corruption 0 in 2024 and 2025 in Romania and
// Bulgaria, and cybercrime 0 in 2024, a real figure in 2025. No percentage change can be taken of 0, and the review
// said the change was "withheld, as it would include confidential figures or reveal a count below 5" of figures that
// were neither, and printed a rate of 0 as "0.00".

let out: string;

const zero = (codes: string[], years: string[]) => (l: string) =>
  codes.includes(indicator(l)) && years.includes(year(l) ?? '') ? l.replace(/^((?:[^,]*,){7})[\d.]+,/, '$10,') : l;

beforeAll(async () => {
  out = await buildReview((dir) => ['ROU', 'BGR'].flatMap((s) => [
    writeReturn(dir, s, 2024, (l) => year(l) === '2024', (l) => zero(['COR_OFF', 'CYB_OFF'], ['2024'])(l)),
    writeReturn(dir, s, 2025, (l) => year(l) === '2025', (l) => zero(['COR_OFF'], ['2025'])(l)),
  ]));
}, 240_000);

describe('a headline indicator whose like-for-like sum starts from 0', () => {
  it('says in the key findings what the sums were, never that the change is withheld', () => {
    const index = text(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index).toContain('Offences recorded for corruption were 0 in both 2024 and 2025 across the 2 states reporting both years, so no percentage change can be given. (see Table 3.1 and Figure 7.1)');
    expect(index).toContain('Offences recorded for cybercrime went from 0 in 2024 to 15,193 in 2025 across the 2 states reporting both years, a rise no percentage can be taken of. (see Table 3.1 and Figure 6.1)');
    expect(index).not.toContain('cannot be compared with 2024 in this review');
    expect(index).not.toContain('would include confidential figures or reveal a count below 5');
  });

  it('says so in the chapter and in the note to Table 3.1', () => {
    const index = text(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index).toContain('Like-for-like, over the 2 states that reported both years, the figure was 0 in both 2024 and 2025, so no percentage change can be given.');
    expect(index).toContain('No change is given (“–”) where the states compared recorded 0 in 2024, since no percentage can be taken of 0: offences recorded for cybercrime and offences recorded for corruption.');
    expect(index).not.toContain('The like-for-like figures and change are withheld');
  });

  it('says why an indicator recorded as 0 has no index in the chapter\'s trend figure', () => {
    const index = text(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index).toContain('Note: No index is drawn for offences recorded for corruption (the states compared recorded 0 in 2024): no index can be taken of 0.');
  });

  it('prints a rate of 0 as 0', () => {
    const index = text(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index).toContain('Relative to population, offences recorded for corruption stood at 0 per 100,000 in each of the 2 states with a figure.');
    expect(index).not.toContain('0.00 per 100,000');
  });
});
