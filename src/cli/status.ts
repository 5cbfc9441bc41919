import type { Context } from '../context.js';
import { countReceivedAfter, daysAfterDeadline, deadlineDay, deadlineToCome, readStatus, readReturnYears, readSeveralStates, readUnattributed, type ReturnStatus, type SeveralStatesReturn, type UnattributedReturn } from '../ingest/read-status.js';
import { readReferenceFiles } from '../io/read-reference.js';
import { resolveGroup } from '../schema/reference.js';
import { openWarehouse } from '../store/index.js';
import { formatTable } from './format-table.js';
import { paint, toJson } from './output.js';
import { formatIssues, plural } from './print-issues.js';
import type { CommonOptions } from './program.js';
import { resolveSetup } from './setup.js';
import { ConfigError } from '../errors.js';
import { namedIn, regionNames } from '../ingest/name-mismatch.js';
import { findReplacingReturns } from '../ingest/replacing-returns.js';
import { readReOffers } from '../ingest/read-re-offers.js';
import { parseAsOf } from './as-of.js';
import { statusOfEveryYear } from './status-every-year.js';

/**
 * `crimetrends status --year YYYY [--group BSEC] [--history] [--as-of DAY|TIME]`: who has returned, on time or late;
 * missing first. With `--as-of`, as it stood then: the files received by then alone, lateness judged on that day.
 */
export async function statusAction(ctx: Context, options: CommonOptions & { year?: number; group?: string; history?: boolean; asOf?: string }): Promise<number> {
  const asOf = options.asOf === undefined ? null : parseAsOf(options.asOf, ctx.clock());
  // the day lateness is judged on: today, or the cut-off's
  const now = asOf === null ? ctx.clock() : new Date(asOf.at);
  const setup = await resolveSetup(ctx, options);
  const reference = await readReferenceFiles(setup.reference, ctx.cwd);
  const group = resolveGroup(reference.groups, options.group, setup.config.group);
  if (options.year === undefined) {
    if (options.history) throw new ConfigError('USAGE_ERROR', '--history lists the versions of one year: give --year too', { hint: 'crimetrends status --year 2025 --history' });
    return statusOfEveryYear(ctx, setup, reference, group, options.json === true, asOf);
  }
  const store = await openWarehouse(setup.warehouse, { isReadOnly: true });
  let rows: ReturnStatus[];
  let unattributed: Array<UnattributedReturn & { named: string[]; replaced_by: ReplacedBy | null }>;
  let several: SeveralStatesReturn[];
  let held: number[];
  let notCounted = 0;
  try {
    rows = await readStatus(store, reference, options.year, group, setup.config.deadline, asOf?.at);
    // a file of no one state whose name names one (an empty RUS_2025.csv): whom to send its errors back to
    const region = regionNames(reference.states);
    const files = (await readUnattributed(store, options.year, asOf?.at)).map((u) => ({ ...u, named: namedIn(u.file_name, region).states }));
    // ... unless that state's own return, received with the file or after it, is in: nothing to chase then
    const replacing = await findReplacingReturns(store, files.map((u) => ({ submissionId: u.submission_id, named: u.named.length === 1 ? { state: u.named[0]!, year: options.year! } : null })), asOf?.at);
    unattributed = files.map((u) => {
      const by = replacing.get(u.submission_id);
      return { ...u, replaced_by: by === undefined ? null : { submission_id: by.submissionId, file_name: by.fileName, ref_area: by.state, received_at: by.receivedAt, is_same_time: by.isSameTime } };
    });
    several = await readSeveralStates(store, options.year, asOf?.at);
    held = await readReturnYears(store, asOf?.at);
    if (asOf !== null) {
      // a file of a member's name holding a return already in (re_offer) is listed at its receipt: left out after it too
      const reOffers = [...(await readReOffers(store, rows.map((r) => r.ref_area), options.year, region)).values()].flat();
      notCounted = await countReceivedAfter(store, options.year, rows.map((r) => r.ref_area), asOf.at) + reOffers.filter((f) => f.received_at > asOf.at).length;
    }
  } finally {
    store.close();
  }
  const deadline = deadlineDay(options.year, setup.config.deadline);
  const count = (status: string): number => rows.filter((r) => r.status === status).length;
  const late = rows.filter((r) => r.is_on_time === false).length;
  if (options.json) {
    // each state's superseded versions, so that which file is in force is said without --history too
    const states = rows.map((r) => {
      const inForceAt = r.history.find((h) => h.submission_id === r.submission_id)?.received_at;
      // is_same_time: received at the same moment as the version in force, which the greater file name decided
      return { ...r, superseded: supersededOf(r).map(({ submission_id, file_name, received_at }) => ({ submission_id, file_name, received_at, is_same_time: received_at === inForceAt })) };
    });
    // as of a cut-off: when, how many files received after it are left out, and how far the deadline was behind it
    const cutOff = asOf === null ? {} : { as_of: asOf.at, files_not_counted: notCounted, days_after_deadline: daysAfterDeadline(options.year, setup.config.deadline, asOf.at) };
    ctx.out(toJson({ ok: true, command: 'status', year: options.year, group, deadline, ...cutOff, members: rows.length, returned: rows.length - count('missing'), late, states: options.history ? states : states.map(({ history: _h, ...r }) => r), unattributed, several_states: several, years_with_returns: held }));
    return 0;
  }
  const { bold, red, yellow, green } = paint(ctx.useColour);
  ctx.out(`${bold(`Returns for ${options.year} — ${group} (${rows.length} members), deadline ${deadline}${asOf === null ? '' : `, as of ${asOf.label}`}`)}\n`);
  // no file received after the cut-off: nothing left out to say ("0 files … are not counted" read as if some were)
  if (asOf !== null && notCounted > 0) ctx.out(`${plural(notCounted, 'file')} received after it ${notCounted === 1 ? 'is' : 'are'} not counted\n`);
  ctx.out(`${rows.length - count('missing')} returned (${count('accepted')} accepted, ${count('rejected')} rejected only), ${count('missing')} missing, ${late} late\n`);
  const toCome = deadlineToCome(deadline, now, asOf !== null);
  // a year no file reports at all (a mistyped --year, a year not yet due): say which years the warehouse does hold
  if (!held.includes(options.year) && unattributed.length === 0) ctx.out(`${yellow(noReturnFor(options.year, held, deadline, now, asOf !== null))}\n`);
  // returns sent early for a year whose deadline is still to come: the others are not due yet, nothing to chase
  else if (count('missing') > 0 && toCome !== null) {
    ctx.out(`${yellow(`the deadline (${deadline}) ${toCome}: the ${count('missing')} missing ${count('missing') === 1 ? 'state is' : 'states are'} not late yet`)}\n`);
  } else if (count('missing') + count('rejected') > 0 && toCome === null) {
    // "0 late" counts returns that came late; the states with nothing in force after the deadline are late too, as of a
    // cut-off by the days from the deadline to it
    const passed = asOf === null ? 'has passed' : `had passed ${plural(daysAfterDeadline(options.year, setup.config.deadline, asOf.at), 'day')} before`;
    ctx.out(`${yellow(`the deadline (${deadline}) ${passed}: ${withNoReturn(count('missing'), count('rejected'), asOf !== null)} no ${options.year} return in force`)}\n`);
  }
  ctx.out('\n');
  const day = (at: string | null): string => (at === null ? '—' : at.slice(0, 10));
  const table = formatTable(
    [{ title: 'state' }, { title: 'name' }, { title: 'status' }, { title: 'received' }, { title: 'timeliness' }, { title: 'rows', isNumeric: true }, { title: 'errors', isNumeric: true }, { title: 'warnings', isNumeric: true }, { title: 'versions', isNumeric: true }],
    rows.map((r) => [
      r.ref_area, r.name, r.status, day(r.first_received_at),
      // a rejected-only state's file: when it was sent, never that the return is on time or late (nothing of it is in)
      r.status === 'rejected' && r.days_late !== null ? (r.days_late === 0 ? 'sent on time' : `sent late (${r.days_late} d)`)
        : r.is_on_time === null ? '—' : r.is_on_time ? 'on time' : `late (${r.days_late} d)`,
      r.rows === null ? '—' : String(r.rows), r.errors === null ? '—' : String(r.errors), r.warnings === null ? '—' : String(r.warnings), String(r.versions),
    ]),
  );
  const colour = (line: string): string => (/\bmissing\b/.test(line) ? red(line) : /\brejected\b/.test(line) ? yellow(line) : /\blate \(/.test(line) ? yellow(line) : line.includes('accepted') ? green(line) : line);
  ctx.out(`${table.split('\n').map((line, i) => (i < 2 ? line : colour(line))).join('\n')}\n`);
  const rejected = rows.filter((r) => r.status === 'rejected');
  if (rejected.length > 0 || unattributed.length > 0) {
    ctx.out(`\n${bold('Rejected returns: the first errors, to send back to the state')}\n`);
    for (const r of rejected) {
      ctx.out(`${bold(r.ref_area)} ${r.file_name} (submission ${r.submission_id}, received ${day(r.latest_received_at)}): ${plural(r.errors ?? 0, 'error')}\n`);
      ctx.out(`${formatFirstErrors(r.first_entries, r.errors ?? 0, r.submission_id!, ctx.useColour)}\n`);
    }
    for (const u of unattributed) {
      ctx.out(`${bold('?')} ${u.file_name} (submission ${u.submission_id}, received ${day(u.received_at)}): ${plural(u.errors, 'error')}; ${u.outside_region.length === 0 ? 'its rows name no one state' : `its rows name ${u.outside_region.join(', ')}, no state of the region (crimetrends dictionary lists them)`}, so it counts for none${u.named.length === 0 ? '' : `; the name says ${u.named.join(', ')}${chaseNamed(u.named, u.replaced_by)}`}\n`);
      ctx.out(`${formatFirstErrors(u.first_entries, u.errors, u.submission_id, ctx.useColour)}\n`);
    }
  }
  // a state that sent a correction: the table's received day is the first version's; say which file counts
  const corrected = rows.filter((r) => r.status === 'accepted' && supersededOf(r).length > 0);
  if (corrected.length > 0) {
    ctx.out(`\n${bold('Corrected returns: the version received last is in force')}\n`);
    for (const r of corrected) {
      const inForce = r.history.find((h) => h.submission_id === r.submission_id)!;
      const before = supersededOf(r).map((h) => `${h.file_name} (submission ${h.submission_id}, received ${day(h.received_at)})`).join(', ');
      // received at one moment (one folder ingested without receipt times): the file name decided, not the state
      const tied = supersededOf(r).filter((h) => h.received_at === inForce.received_at).map((h) => h.file_name);
      const tie = tied.length === 0 ? '' : yellow(`; received at the same moment as ${tied.join(', ')}: in force by the greater file name, which says nothing of which is newer: check with ${r.ref_area} which version it sent last; to put another in force, correct its receipt: crimetrends ingest FILE --received-at TIME --correct-receipt`);
      ctx.out(`${bold(r.ref_area)} ${inForce.file_name} (submission ${inForce.submission_id}, received ${day(inForce.received_at)}) is in force; it supersedes ${before}${tie}\n`);
    }
  }
  // a correction with errors after the version in force: the state believes it corrected its figures
  const resent = rows.filter((r) => r.rejected_resend !== null);
  if (resent.length > 0) {
    ctx.out(`\n${bold('Rejected corrections: the version before stays in force; the first errors, to send back to the state')}\n`);
    for (const r of resent) {
      const v = r.rejected_resend!;
      ctx.out(`${bold(r.ref_area)} ${v.file_name} (submission ${v.submission_id}, received ${day(v.received_at)}): ${plural(v.errors, 'error')}; submission ${r.submission_id} (${r.file_name}) stays in force\n`);
      ctx.out(`${formatFirstErrors(v.first_entries, v.errors, v.submission_id, ctx.useColour)}\n`);
    }
  }
  const named = rows.filter((r) => r.named_files.length > 0 || r.re_offers.length > 0);
  if (named.length > 0) {
    ctx.out(`\n${bold('Missing, though a file named for them arrived: its rows were another state\'s or year\'s')}\n`);
    for (const r of named) {
      for (const f of r.named_files) {
        ctx.out(`${bold(r.ref_area)} ${f.file_name} (submission ${f.submission_id}, received ${day(f.received_at)}) was taken as ${f.ref_area}, ${f.reporting_year} (${f.outcome}): ask ${r.ref_area} for its own ${options.year} return\n`);
      }
      // the bytes of a return already in (last year's, sent again): no submission was recorded for the file
      for (const f of r.re_offers) {
        const as = f.same_bytes_as;
        ctx.out(`${bold(r.ref_area)} ${f.file_name} (received ${day(f.received_at)}) held the same bytes as ${as.file_name}, ${whoseReturn(as, r.ref_area)} (submission ${as.submission_id}): ask ${r.ref_area} for its ${options.year} return\n`);
      }
    }
  }
  if (several.length > 0) {
    ctx.out(`\n${bold('Accepted files holding the rows of several states: no one state\'s return')}\n`);
    for (const f of several) {
      // a state that has sent its own return since is not to be chased for one
      const ask = f.states.filter((state) => !f.with_own_return.includes(state));
      const sent = f.with_own_return.length === 0 ? '' : ` (${f.with_own_return.join(', ')} ${f.with_own_return.length === 1 ? 'has' : 'have'} a return of ${f.with_own_return.length === 1 ? 'its' : 'their'} own in force)`;
      const what = ask.length === 0
        ? 'each has a return of its own in force, which outranks its rows here: nothing to chase'
        : `each state's own return outranks its rows here: ask ${ask.join(', ')} for a return of ${ask.length === 1 ? 'its' : 'their'} own rows${sent}`;
      ctx.out(`${bold('?')} ${f.file_name} (submission ${f.submission_id}, received ${day(f.received_at)}): rows of ${f.states.join(', ')}; ${what}\n`);
    }
  }
  if (options.history) {
    for (const r of rows.filter((s) => s.history.length > 0)) {
      ctx.out(`\n${bold(r.ref_area)} versions:\n`);
      ctx.out(`${formatTable(
        [{ title: 'submission', isNumeric: true }, { title: 'file' }, { title: 'received (UTC)' }, { title: 'outcome' }, { title: 'rows', isNumeric: true }, { title: 'errors', isNumeric: true }, { title: 'warnings', isNumeric: true }],
        r.history.map((h) => [String(h.submission_id), h.file_name, utc(h.received_at), h.outcome, String(h.rows), String(h.errors), String(h.warnings)]),
      ).replace(/^/gm, '  ')}\n`);
      // a corrected receipt (ingest --correct-receipt) is said where the times are read, with the time it replaced
      for (const h of r.history) {
        for (const c of h.receipt_corrections) ctx.out(`  submission ${h.submission_id}: receipt corrected from ${utc(c.from)} to ${utc(c.to)} on ${c.corrected_at.slice(0, 10)}\n`);
      }
    }
  }
  return 0;
}

/**
 * Returns who has no return in force after the deadline: the missing states and those whose every file was rejected.
 *
 * @example withNoReturn(12, 1) // '12 missing states and 1 whose files were all rejected have'
 */
function withNoReturn(missing: number, rejected: number, isPast = false): string {
  const parts = [
    ...(missing > 0 ? [`${missing} missing ${missing === 1 ? 'state' : 'states'}`] : []),
    ...(rejected > 0 ? [`${rejected} ${missing > 0 ? '' : `${rejected === 1 ? 'state ' : 'states '}`}whose files were all rejected`] : []),
  ];
  return `${parts.join(' and ')} ${isPast ? 'had' : missing + rejected === 1 ? 'has' : 'have'}`;
}

/**
 * Returns what the return a re-offered file repeated was, seen from the state it is listed under.
 *
 * @example whoseReturn({ ref_area: 'MDA', reporting_year: 2024 }, 'MDA') // 'its 2024 return'
 * @example whoseReturn({ ref_area: 'TUR', reporting_year: 2025 }, 'GEO') // "TUR's 2025 return"
 */
function whoseReturn(as: { ref_area: string | null; reporting_year: number | null }, state: string): string {
  const year = as.reporting_year === null ? '' : ` ${as.reporting_year}`;
  if (as.ref_area === null) return `a${year} file of several states`;
  return `${as.ref_area === state ? 'its' : `${as.ref_area}'s`}${year} return`;
}

/** Returns a receipt time as the history shows it: `2026-01-20 15:00:00` (UTC, as the column says). */
function utc(at: string): string {
  return at.replace('T', ' ').replace(/Z$/, '');
}

/** Returns a state's versions superseded by the one in force (accepted once, replaced by a later receipt), earliest first. */
function supersededOf(r: ReturnStatus): ReturnStatus['history'] {
  return r.history.filter((h) => h.outcome === 'superseded').sort((a, b) => a.received_at.localeCompare(b.received_at, 'en') || a.submission_id - b.submission_id);
}

/**
 * Returns a rejected return's first entries as `ingest` prints them (a run of lines alike one, shown whole:
 * `CYP_2025.csv:2–244 … (243 lines alike)`), and how many errors they leave unshown, where to find them.
 */
function formatFirstErrors(entries: ReturnStatus['first_entries'], total: number, submissionId: number, useColour: boolean): string {
  const { dim } = paint(useColour);
  const shown = formatIssues(entries, new Map(), useColour);
  const rest = total - entries.reduce((sum, e) => sum + e.alike, 0);
  const more = rest > 0
    ? `\n  ${dim(`… and ${plural(rest, 'more error')}: crimetrends query "select * from validation_issue where submission_id = ${submissionId} and severity = 'error' order by line"`)}`
    : '';
  return `${shown}${more}`;
}

/**
 * Returns the line for a year no return reports: the years the warehouse holds returns for, and whether the year's
 * deadline is still to come.
 *
 * @example noReturnFor(2030, [2016, 2025], '2031-01-31', now) // 'no return in the warehouse reports 2030, whose deadline (2031-01-31) is still to come; it holds returns for 2016–2025'
 */
function noReturnFor(year: number, held: readonly number[], deadline: string, now: Date, isAsOf = false): string {
  const toCome = deadlineToCome(deadline, now, isAsOf);
  const due = toCome === null ? '' : `, whose deadline (${deadline}) ${toCome}`;
  const span = held.length === 0 ? 'no return at all yet' : `returns for ${held[0]}${held.length > 1 ? `–${held[held.length - 1]}` : ''}`;
  // as of a cut-off: the files received by then
  return isAsOf ? `no return received by then reports ${year}${due}; by then it held ${span}` : `no return in the warehouse reports ${year}${due}; it holds ${span}`;
}

/** The return of the state a rejected file's name names that replaced it (`--json`: `replaced_by` of each `unattributed`). */
interface ReplacedBy { submission_id: number; file_name: string; ref_area: string; received_at: string; is_same_time: boolean }

/**
 * What to do about a rejected file of no one state whose name names one state: send its errors back, or, when that
 * state's return received with it or after it is in, nothing (`; the name says UKR, whose return … is in: nothing to chase`).
 */
function chaseNamed(named: readonly string[], by: ReplacedBy | null): string {
  if (by === null) return `: send these errors back to ${named.join(', ')}`;
  return `, whose return ${by.file_name} (submission ${by.submission_id}, received ${by.received_at}${by.is_same_time ? ' at the same moment' : ' since'}) is in: nothing to chase`;
}
