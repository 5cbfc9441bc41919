import type { Context } from '../context.js';
import { listImports, type ImportListing } from '../ingest/import/list-imports.js';
import { countReceivedAfter, deadlineDay, deadlineToCome, readStatus, countUnattributed, readReturnYears } from '../ingest/read-status.js';
import { openWarehouse } from '../store/index.js';
import type { Reference } from '../schema/reference.js';
import { formatTable } from './format-table.js';
import { paint, toJson } from './output.js';
import { plural } from './print-issues.js';
import type { Setup } from './setup.js';
import type { AsOf } from './as-of.js';

/**
 * `status` without `--year`: one line per reporting year the warehouse holds returns for (latest first): returned,
 * accepted, rejected only, missing and late members of the group, against each year's deadline, and the rejected
 * files whose rows name no one state (`unattributed`, listed by `status --year` for the year their rows or name give):
 * a year holding only those is shown too, since the coordinator must chase them. The missing members a file named for
 * the year arrived under (its rows another state's or year's: last year's return sent again, loaded or re-offered) are
 * named below the table, as `status --year` lists them. A year not yet due that none of
 * the group's members has sent a file for (only another group's member returned early) is left out, and the missing
 * of a year not yet due are said to be not late yet. `asOf` (`status --as-of`): as it stood then, from the files
 * received by then, each year judged on that day; the imports (the analysts' downloads, whose use is as of now) are
 * left out.
 */
export async function statusOfEveryYear(ctx: Context, setup: Setup, reference: Reference, group: string, isJson: boolean, asOf: AsOf | null): Promise<number> {
  // the day each year's deadline is judged on: today, or the cut-off's
  const now = asOf === null ? ctx.clock() : new Date(asOf.at);
  const members = reference.states.filter((s) => s.groups.includes(group)).map((s) => s.iso3);
  let notCounted = 0;
  const store = await openWarehouse(setup.warehouse, { isReadOnly: true });
  const years: Array<{ year: number; deadline: string; members: number; returned: number; accepted: number; rejected: number; missing: number; late: number; unattributed: number; missing_named: string[] }> = [];
  // years not yet due that only other groups' members have returned for, left out of the table
  const notDue: number[] = [];
  let imports: ImportListing[];
  try {
    imports = asOf === null ? await listImports(store) : [];
    if (asOf !== null) notCounted = await countReceivedAfter(store, null, members, asOf.at);
    const unattributed = await countUnattributed(store, asOf?.at);
    const every = [...new Set([...(await readReturnYears(store, asOf?.at)), ...unattributed.keys()])].sort((a, b) => b - a);
    for (const year of every) {
      const rows = await readStatus(store, reference, year, group, setup.config.deadline, asOf?.at);
      const count = (status: string): number => rows.filter((r) => r.status === status).length;
      // a year whose deadline is still to come that no member of the group has sent a file for (another group's
      // member returned early: Armenia's 2026 return, for WB6) is nothing to chase yet: every member would read missing
      if (count('missing') === rows.length && !unattributed.has(year) && deadlineToCome(deadlineDay(year, setup.config.deadline), now) !== null) {
        notDue.push(year);
        continue;
      }
      years.push({
        year, deadline: deadlineDay(year, setup.config.deadline), members: rows.length, returned: rows.length - count('missing'),
        accepted: count('accepted'), rejected: count('rejected'), missing: count('missing'), late: rows.filter((r) => r.is_on_time === false).length,
        unattributed: unattributed.get(year) ?? 0,
        // missing members a file named for the year arrived under (another state's or year's rows, loaded or re-offered)
        missing_named: rows.filter((r) => r.status === 'missing' && (r.named_files.length > 0 || r.re_offers.length > 0)).map((r) => r.ref_area),
      });
    }
  } finally {
    store.close();
  }
  if (isJson) {
    // as of a cut-off: when, and how many files received after it are left out; no imports
    ctx.out(toJson({ ok: true, command: 'status', group, ...(asOf === null ? {} : { as_of: asOf.at, files_not_counted: notCounted }), years, years_left_out: notDue, ...(asOf === null ? { imports } : {}) }));
    return 0;
  }
  const { bold } = paint(ctx.useColour);
  ctx.out(`${bold(`Returns per reporting year — ${group} (${members.length} members)${asOf === null ? '' : `, as of ${asOf.label}`}`)}\n`);
  if (asOf !== null) {
    ctx.out(`${notCounted === 0 ? '' : `${plural(notCounted, 'file')} received after it ${notCounted === 1 ? 'is' : 'are'} not counted; `}imports are left out (crimetrends status lists them as they are now)\n`);
  }
  if (years.length === 0) {
    ctx.out(notDue.length === 0
      ? asOf === null ? 'no return in the warehouse yet: run "crimetrends ingest" on the returns received\n' : 'no return received by then\n'
      : `no return from a member of ${group} yet; the warehouse holds other states' returns for ${notDue.join(', ')}, not yet due\n`);
    printImports(ctx, imports);
    return 0;
  }
  ctx.out(`${formatTable(
    [
      { title: 'year', isNumeric: true }, { title: 'deadline' }, { title: 'returned', isNumeric: true }, { title: 'accepted', isNumeric: true },
      { title: 'rejected only', isNumeric: true }, { title: 'missing', isNumeric: true }, { title: 'late', isNumeric: true }, { title: 'rejected, no state', isNumeric: true },
    ],
    years.map((y) => [String(y.year), y.deadline, `${y.returned} of ${y.members}`, String(y.accepted), String(y.rejected), String(y.missing), String(y.late), String(y.unattributed)]),
  )}\n`);
  // the missing of a year whose deadline is still to come (a member returned early) are not late yet
  for (const y of years.filter((y) => y.missing > 0 && deadlineToCome(y.deadline, now) !== null)) {
    ctx.out(`(${y.year}: the deadline (${y.deadline}) ${deadlineToCome(y.deadline, now, asOf !== null)}: the ${y.missing} missing ${y.missing === 1 ? 'state is' : 'states are'} not late yet)\n`);
  }
  // a missing state that sent last year's return again under this year's name has been in touch: its file is the question
  for (const y of years.filter((y) => y.missing_named.length > 0)) {
    const one = y.missing_named.length === 1;
    const who = one ? y.missing_named[0] : `${y.missing_named.slice(0, -1).join(', ')} and ${y.missing_named.at(-1)}`;
    ctx.out(`(${y.year}: of the ${plural(y.missing, 'missing state')}, ${who} sent ${one ? 'a file' : 'files'} named for ${y.year} whose rows were another state's or year's: crimetrends status --year ${y.year} lists ${one ? 'it' : 'them'})\n`);
  }
  if (years.some((y) => y.unattributed > 0)) {
    ctx.out('(rejected, no state: files whose rows name no one state, such as an empty RUS_2025.csv; each counts for none of the members)\n');
  }
  ctx.out(`(crimetrends status --year YYYY lists the states of a year${years.some((y) => y.unattributed > 0) ? ' and the errors of its rejected files' : ''})\n`);
  printImports(ctx, imports);
  return 0;
}

/**
 * Prints the imports in the warehouse (none: nothing), per source and dataset, the newest publication first: when
 * each was published (or that it carries no date) and received, and whether it is in use: for all its states, some
 * of them (a newer extract has the others), or none (superseded by a newer publication).
 */
function printImports(ctx: Context, imports: readonly ImportListing[]): void {
  if (imports.length === 0) return;
  const { bold } = paint(ctx.useColour);
  const inUse = (i: ImportListing): string => {
    if (i.states === 0) return 'nothing loaded';
    if (i.states_in_use === 0) return i.superseded_by === null ? 'no' : `no: superseded by ${i.superseded_by}`;
    return i.states_in_use === i.states ? `yes, ${plural(i.states, 'state')}` : `for ${i.states_in_use} of ${plural(i.states, 'state')}`;
  };
  ctx.out(`\n${bold('Imports: per dataset, the newest publication is in use (undated ones after the dated, the last imported first)')}\n`);
  ctx.out(`${formatTable(
    [{ title: 'source' }, { title: 'dataset' }, { title: 'submission', isNumeric: true }, { title: 'file' }, { title: 'published' }, { title: 'received' }, { title: 'in use' }],
    imports.map((i) => [i.source, i.dataset ?? '—', String(i.submission_id), i.file_name, i.published_on ?? 'no date', i.received_at.slice(0, 10), inUse(i)]),
  )}\n`);
}
