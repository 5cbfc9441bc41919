import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { buildMarts } from '../../src/models/index.js';
import { loadReviewModel } from '../../src/report/load/load-review-model.js';
import { buildAnnex } from '../../src/report/pages/build-annex.js';
import { buildOverviewChapter } from '../../src/report/pages/build-overview-chapter.js';
import { describeArea } from '../../src/report/pages/describe-area.js';
import { indexReview, type ReviewIndex } from '../../src/report/pages/review-index.js';
import { DEFAULT_CONFIG } from '../../src/schema/config.js';
import type { Store } from '../../src/store/index.js';
import { insertObservations, loadTestReference, openTestWarehouse, tempDir } from '../helpers/warehouse.js';

// Smuggling offences 2025: WB6's small counts ALB 4 + SRB 2 = 6 and SEECP's ALB 4 + SRB 2 + BGR 3 = 9 each reach 5,
// but SEECP - WB6 less the figures shown would give BGR's 3 away: the build (for BSEC) withholds WB6's total. A
// review of the Western Balkans Six, read from that warehouse, says why its total is missing.
let store: Store;
let ix: ReviewIndex;
const text = (markup: unknown) => String(markup).replace(/<sup[^>]*>.*?<\/sup>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  const reference = await loadTestReference();
  store = await openTestWarehouse(join(tempDir(), 'warehouse.duckdb'));
  const values = { ALB: [20, 4], SRB: [30, 2], BGR: [40, 3], MKD: [50, 50], GRC: [100, 100], ROU: [200, 200], HRV: [30, 30] };
  await insertObservations(store, Object.entries(values).flatMap(([ref_area, [before, now]]) => [
    { ref_area, time_period: 2024, indicator: 'SOM_OFF', obs_value: before! },
    { ref_area, time_period: 2025, indicator: 'SOM_OFF', obs_value: now! },
  ]), { reporting_year: 2025 });
  await buildMarts(store, { root: PROJECT_ROOT, config: DEFAULT_CONFIG, reference });
  const { smallCountThreshold, confidentialInTotals, deadline, trendYears, populationSource } = DEFAULT_CONFIG;
  const model = await loadReviewModel(store, {
    year: 2025, group: 'WB6', toolVersion: 'test', reference,
    fallbackRules: { smallCountThreshold, confidentialInTotals, deadline, trendYears, populationSource },
  });
  ix = indexReview(model);
});
afterAll(() => store.close());

describe('a regional total withheld because another group\u2019s total would give a small count away', () => {
  it('is a gap in the overview figure, "withheld" in Table 3.1, and both notes say why', () => {
    expect(ix.model.regional.find((r) => r.indicator === 'SOM_OFF' && r.year === 2025)).toMatchObject({
      total: null, isSuppressed: true, suppressionReason: 'small_count_linked', reporting: 3, members: 6,
    });
    const chapter = buildOverviewChapter(ix, '3');
    const [figure] = chapter.figures;
    expect(figure!.rows.find((r) => r.panel === 'Smuggling of migrants: offences recorded' && r.year === 2025)).toMatchObject({ total: null, reporting: 3 });
    expect(figure!.notes).toContain(
      'Regional totals withheld because, together with the totals of other groups that share members with this one, each would reveal a count below 5: Smuggling of migrants: offences recorded (2025). The difference of such totals less the economies\u2019 published figures would give away counts published as \u201c<5\u201d that come to less than 5; the line has a gap there.',
    );
    const body = text(chapter.body);
    expect(body).toContain('withheld 3 of 6');
    expect(body).toContain('Smuggling of migrants: offences recorded: the 2025 total of all economies reporting is withheld: together with the totals of other groups that share members with this one, it would reveal a count below 5');
    // ALB 4 + SRB 2 + MKD 50, as a number (the chart's spec holds colours such as #562b86)
    expect(body).not.toMatch(/(?<![#\w])56(?![\w])/);
  });

  it('is withheld in the chapter text, and the annex states the rule', () => {
    const som = ix.chapters.flatMap((c) => c.areas).find((a) => a.area === 'SOM')!;
    expect(text(describeArea(ix, som))).toContain('The regional total for 2025 is withheld: together with the totals of other groups that share members with this one, it would reveal a count below 5');
    expect(text(buildAnnex(ix, 'A').body)).toContain('The groups’ totals are also checked together, since groups share members');
  });
});
