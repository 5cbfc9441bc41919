import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/context.js';
import { runCli } from '../helpers/cli.js';
import { importFixture } from '../helpers/import.js';
import { tempDir } from '../helpers/warehouse.js';

const sample = (name: string): string => join(PROJECT_ROOT, 'data/sample/returns', name);

// The marts are a snapshot taken by `build`; the review also reads the submissions live (the returns chapter). A
// return ingested (or a setting changed) after the build would give a review whose returns chapter holds the new
// return while every figure leaves it out, or that applies another small-count threshold than the config's.
describe('marts older than the warehouse or the config (MARTS_OUTDATED)', () => {
  it('report refuses them, naming what came in or changed, until the next build; query on a mart warns', { timeout: 300_000 }, async () => {
    const dir = tempDir('outdated-');
    const warehouse = join(dir, 'warehouse.duckdb');
    const cli = (args: string[]) => runCli([...args, '--warehouse', warehouse]);
    const report = (extra: string[] = []) => cli(['report', '--year', '2025', '--out', join(dir, 'review'), ...extra]);
    expect((await cli(['ingest', '--received-at', '2026-01-20', sample('ALB_2024.csv'), sample('ALB_2025.csv')])).code).toBe(0);
    expect((await cli(['build'])).code).toBe(0);
    expect((await report()).code).toBe(0);

    // a rejected import changes no mart: nothing to rebuild for it
    const rejected = await cli(['import', 'unodc', importFixture('worldbank', 'population.csv')]);
    expect(rejected.code).toBe(1);
    expect((await report()).code).toBe(0);

    expect((await cli(['ingest', '--received-at', '2026-01-21', sample('ROU_2025.csv')])).code).toBe(0);
    const stale = await report();
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      'error: the marts are out of date: submission 4 (ROU_2025.csv) came in after the last build, and their figures leave it out [MARTS_OUTDATED]\n' +
        'hint: run "crimetrends build" (with the same --config), then report again; "crimetrends run" does both\n',
    );
    expect(stale.stdout).toBe('');
    const json = await report(['--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, command: 'report', error: { code: 'MARTS_OUTDATED' } });

    // an analyst's query on a mart still runs, with a warning; one on the live views says nothing
    const onMart = await cli(['query', 'select count(*) as n from series_total']);
    expect(onMart.code).toBe(0);
    expect(onMart.stderr).toBe(
      'warning: the marts are out of date: submission 4 (ROU_2025.csv) came in after the last build, and their figures leave it out; ' +
        'run "crimetrends build" for current figures [MARTS_OUTDATED]\n',
    );
    const live = await cli(['query', 'select count(*) as n from observation_current']);
    expect(live.code).toBe(0);
    expect(live.stderr).toBe('');

    for (const name of ['BGR_2025.csv', 'GRC_2025.csv', 'MDA_2025.csv']) {
      expect((await cli(['ingest', '--received-at', '2026-01-22', sample(name)])).code).toBe(0);
    }
    expect((await report()).stderr).toMatch(
      /^error: the marts are out of date: submissions 4 \(ROU_2025\.csv\), 5 \(BGR_2025\.csv\), 6 \(GRC_2025\.csv\) and 1 more came in after the last build, and their figures leave them out \[MARTS_OUTDATED\]\n/,
    );
    expect((await cli(['build'])).code).toBe(0);
    expect((await report()).code).toBe(0);

    /** Expects report with `config` refused for `reason`, then accepted once build has run with it. */
    const refusedUntilBuilt = async (config: string, reason: string): Promise<void> => {
      const refused = await report(['--config', config]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `error: the marts are out of date: ${reason} [MARTS_OUTDATED]\n` +
          'hint: run "crimetrends build" (with the same --config), then report again; "crimetrends run" does both\n',
      );
      expect((await cli(['build', '--config', config])).code).toBe(0);
      expect((await report(['--config', config])).code).toBe(0);
    };

    // a setting the build applied, changed in the config since
    const config = join(dir, 'crimetrends.config.json');
    writeFileSync(config, JSON.stringify({ smallCountThreshold: 10, deadline: '02-15', group: 'bsec' }));
    await refusedUntilBuilt(config, 'they were built with smallCountThreshold 5 (the config says 10) and deadline 01-31 (the config says 02-15)');
    // --group chooses the states a review covers, not how the marts were built: no rebuild needed
    expect((await report(['--config', config, '--group', 'WB6'])).code).toBe(0);

    // reference data edited after the build (Armenia's groups): the marts' regional totals are the old groups'
    const reference = join(dir, 'reference');
    cpSync(join(PROJECT_ROOT, 'data/reference'), reference, { recursive: true });
    const states = join(reference, 'states.csv');
    const original = readFileSync(states, 'utf8');
    writeFileSync(states, original.replace(/^(ARM,.*),BSEC$/m, '$1,BSEC SEECP'));
    expect(readFileSync(states, 'utf8')).not.toBe(original);
    const edited = join(dir, 'edited.config.json');
    writeFileSync(edited, JSON.stringify({ smallCountThreshold: 10, deadline: '02-15', group: 'bsec', reference }));
    await refusedUntilBuilt(edited, 'the reference data (states and their groups, the catalogue, code lists) changed after the last build');

    // the disclosure rules of "flag": the fewest states and the p of the dominance rule are settings the build applies
    const flag = join(dir, 'flag.config.json');
    writeFileSync(flag, JSON.stringify({ smallCountThreshold: 10, deadline: '02-15', group: 'bsec', reference, confidentialInTotals: 'flag', confidentialMinStates: 4, confidentialDominanceP: 25 }));
    await refusedUntilBuilt(flag, 'they were built with confidentialInTotals suppress (the config says flag), confidentialMinStates 3 (the config says 4) and confidentialDominanceP 10 (the config says 25)');
  });
});
