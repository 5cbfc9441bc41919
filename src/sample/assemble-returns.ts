import { buildFigures } from './build-figures.js';
import { createRng, seedFrom } from './create-rng.js';
import { blockRows, thinLeaves, type Block, type SampleRow } from './sample-block.js';
import {
  CHANGE_REASONS, COVID_COMMENT, DEFINITION_COMMENTS, EVENTS, FIREARM_PARTS_FROM, FLAGS, INTEGRITY_TESTING, MISSING_RETURNS,
  NOT_REPORTED, RESUBMISSION, REVISIONS, SAMPLE_YEARS,
} from './sample-scenario.js';
import { STATE_PROFILES } from './state-profiles.js';

/** One return as the state sends it: its file name, state, reporting year and rows in file order. */
export interface SampleReturn {
  file: string;
  state: string;
  year: number;
  rows: SampleRow[];
}

/**
 * Returns every synthetic return of the sample, in file-name order: the true figures of each state and year, the
 * margins the state reports, the storyline's flags, comments and revisions, and the resubmitted return.
 *
 * @param indicatorOrder the catalogue's indicator codes, in the order rows are written
 */
export function assembleReturns(seed: number, indicatorOrder: readonly string[]): SampleReturn[] {
  const returns: SampleReturn[] = [];
  for (const profile of STATE_PROFILES) {
    const state = profile.iso3;
    const figures = new Map<number, Map<string, Block>>();
    for (let year: number = SAMPLE_YEARS.first; year <= SAMPLE_YEARS.last; year++) figures.set(year, buildFigures(profile, year, seed));
    let previous: SampleReturn | undefined;
    for (let year: number = SAMPLE_YEARS.first; year <= SAMPLE_YEARS.last; year++) {
      if (MISSING_RETURNS.has(`${state}_${year}`)) {
        previous = undefined;
        continue;
      }
      const current = figures.get(year)!;
      const rows: SampleRow[] = [];
      for (const indicator of indicatorOrder) {
        const block = current.get(indicator);
        if (!block || !isReported(state, year, indicator)) continue;
        rows.push(...flagBlock(state, year, firstVersion(state, year, block, seed)));
      }
      for (const indicator of indicatorOrder) {
        const revised = revisionOf(state, year, indicator, figures.get(year - 1)?.get(indicator), previous);
        if (revised) rows.push(...revised);
      }
      explainLargeChanges(rows, previous, year);
      const sent: SampleReturn = { file: `${state}_${year}.csv`, state, year, rows };
      if (state === RESUBMISSION.state && year === RESUBMISSION.year) returns.push(...resubmission(sent));
      else returns.push(sent);
      previous = sent;
    }
  }
  return returns.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function isReported(state: string, year: number, indicator: string): boolean {
  const from = NOT_REPORTED[state]?.[indicator];
  if (from !== undefined && year < from) return false;
  if (indicator === 'COR_INTEGRITY_TESTS') return year >= (INTEGRITY_TESTING[state] ?? Infinity);
  if (indicator === 'FA_PARTS') return year >= FIREARM_PARTS_FROM;
  return true;
}

/** Returns the block as first sent: lower or provisional where the next year's return revises it. */
function firstVersion(state: string, year: number, block: Block, seed: number): Block {
  const revision = REVISIONS.find((r) => r.state === state && r.indicator === block.indicator && (r.revisedIn === 'every' || r.revisedIn === year + 1));
  if (!revision) return block;
  const rng = createRng(seedFrom(seed, state, year, block.indicator, 'first'));
  if (revision.rate > 0) return { ...block, leaves: thinLeaves(block.leaves, revision.rate, rng.binomial) };
  // a provisional estimate, off by up to 0.4 %
  return { ...block, leaves: block.leaves.map((l) => ({ ...l, value: Math.round(l.value * (1 + (rng.next() - 0.5) * 0.008)) })) };
}

/** Returns the revision rows of `indicator` for `year - 1` that the return for `year` carries, if any. */
function revisionOf(state: string, year: number, indicator: string, final: Block | undefined, previous: SampleReturn | undefined): SampleRow[] | undefined {
  const revision = REVISIONS.find((r) => r.state === state && r.indicator === indicator && (r.revisedIn === 'every' || r.revisedIn === year));
  if (!revision || !final || !previous || previous.year !== year - 1) return undefined;
  const rows = blockRows(final, year - 1);
  rows[0]!.comment = revision.comment;
  return rows;
}

/** Returns the block's rows with the storyline's statuses, confidentiality flags and comments. */
function flagBlock(state: string, year: number, block: Block): SampleRow[] {
  const rows = blockRows(block, year);
  const total = rows[0]!;
  for (const flag of FLAGS) {
    const matches = typeof flag.indicator === 'string' ? flag.indicator === block.indicator : flag.indicator.test(block.indicator);
    if (flag.state !== state || !matches || !flag.years.includes(year)) continue;
    const selected = rows.filter(
      (row) =>
        (flag.counterpart === undefined || (flag.counterpart === '*' ? row.COUNTERPART_AREA !== '_T' : row.COUNTERPART_AREA === flag.counterpart)) &&
        (flag.breakdown === undefined || row.BREAKDOWN === flag.breakdown),
    );
    for (const row of selected) {
      if (flag.status) row.status = flag.status;
      if (flag.conf) row.conf = flag.conf;
    }
    if (flag.comment && selected[0]) selected[0].comment = flag.comment;
  }
  for (const definition of DEFINITION_COMMENTS) {
    if (definition.state === state && definition.indicator === block.indicator && (definition.years?.includes(year) ?? true)) {
      total.comment = definition.comment;
    }
  }
  const { firearmsDepot: depot, firearmsWar: war, launderingBreak, censusBreak, convictionsBacklog: backlog } = EVENTS;
  const at = (event: { state: string }, indicator: string, eventYear: number): boolean =>
    event.state === state && block.indicator === indicator && year === eventYear;
  if (at(depot, 'FA_SEIZED', depot.year)) total.comment = depot.comment;
  if (at(depot, 'FA_SEIZED', depot.year + 1)) total.comment = depot.afterComment;
  if (at(war, 'FA_SEIZED', war.from)) total.comment = war.comment;
  if (at(backlog, 'TIP_CNV', backlog.year)) total.comment = backlog.comment;
  for (const [event, indicator] of [[launderingBreak, 'ML_OFF'], [censusBreak, 'POP']] as const) {
    if (at(event, indicator, event.year)) Object.assign(total, { status: 'B', comment: event.comment });
  }
  return rows;
}

/**
 * Adds a comment to each row that changed by more than 50 % and 20 units from the previous return, as the focal
 * point is asked to do: the block total's own comment where it has one, else a reason typical of the crime area.
 */
function explainLargeChanges(rows: SampleRow[], previous: SampleReturn | undefined, year: number): void {
  if (!previous || previous.year !== year - 1) return;
  const key = (row: SampleRow): string => `${row.indicator}|${row.SEX}|${row.AGE}|${row.COUNTERPART_AREA}|${row.BREAKDOWN}`;
  const before = new Map(previous.rows.filter((row) => row.timePeriod === year - 1).map((row) => [key(row), row.value]));
  const totals = new Map(rows.filter((row) => row.timePeriod === year && isTotal(row)).map((row) => [row.indicator, row]));
  for (const row of rows) {
    if (row.timePeriod !== year || row.comment !== '') continue;
    const old = before.get(key(row));
    if (old === undefined) continue;
    if (year === 2020 && isTotal(row) && COVID_AFFECTED.has(row.indicator) && row.value < old * 0.85) {
      row.comment = COVID_COMMENT;
      continue;
    }
    const unit = row.indicator === 'DRG_SEIZ_KG' ? 10 : 1;
    const change = row.value - old;
    if (Math.abs(change) <= 20 * unit || (old > 0 && Math.abs(change) / old <= 0.5)) continue;
    const area = row.indicator.split('_')[0]!;
    const reasons = CHANGE_REASONS[area === 'ML' ? 'COR' : area === 'POP' ? 'CTX' : area] ?? CHANGE_REASONS.CTX!;
    const totalComment = totals.get(row.indicator)?.comment ?? '';
    row.comment = totalComment !== '' ? totalComment : year === 2020 && change < 0 ? COVID_COMMENT : change > 0 ? reasons.up : reasons.down;
  }
}

const COVID_AFFECTED = new Set(['TIP_VIC', 'SOM_OFF']);

function isTotal(row: SampleRow): boolean {
  return row.SEX === '_T' && row.AGE === '_T' && row.COUNTERPART_AREA === '_T' && row.BREAKDOWN === '_T';
}

/** Returns the first version of the resubmitted return (seizures in grams) and the corrected second version. */
function resubmission(corrected: SampleReturn): SampleReturn[] {
  const inGrams = corrected.rows.map((row) => (row.indicator === 'DRG_SEIZ_KG' && row.timePeriod === corrected.year ? { ...row, value: row.value * 1000, comment: '' } : { ...row }));
  const fixed = corrected.rows.map((row) => ({ ...row }));
  const seizureTotal = fixed.find((row) => row.indicator === 'DRG_SEIZ_KG' && row.timePeriod === corrected.year && isTotal(row));
  if (seizureTotal) seizureTotal.comment = RESUBMISSION.comment;
  return [
    { ...corrected, rows: inGrams },
    { ...corrected, file: `${corrected.state}_${corrected.year}_v2.csv`, rows: fixed },
  ];
}
