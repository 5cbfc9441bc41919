import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { checkReviewFolder } from '../report/write.js';
import { runPipeline } from '../run.js';
import { earlyReview } from './early-review.js';
import { onInterrupt } from './on-interrupt.js';
import { paint, toJson } from './output.js';
import { prepareOutputPath } from './prepare-output-path.js';
import { plural } from './print-issues.js';
import type { CommonOptions } from './program.js';
import { displayPath, resolveSetup } from './setup.js';

export interface RunCommandOptions extends CommonOptions {
  year: number;
  returns?: string;
  group?: string;
  out?: string;
}

/** What an interrupted run kept, by the phase it was in. */
const INTERRUPTED = {
  start: 'no return was ingested yet',
  ingest: 'the returns ingested before it are kept, each in its own transaction (the one in progress wholly or not at all); the marts and the review were not touched',
  build: 'every return of the folder is in the warehouse; the build was not committed, so the marts are those of the build before',
  // the review is swapped into place whole, in one synchronous step that a Ctrl-C waits for (see writeReview)
  report: 'the warehouse is complete; the review was not written: its folder is as it was',
} as const;

/**
 * `crimetrends run --year YYYY [--returns DIR]`: ingest, build and report in one go, then a short summary.
 * Returns 0 when every return was accepted, 1 when any was rejected and not replaced since by an accepted return of its
 * state and year (the review is written either way).
 */
export async function runAction(ctx: Context, options: RunCommandOptions): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const outDir = options.out === undefined ? join(ctx.root, 'reports', String(options.year)) : resolve(ctx.cwd, options.out);
  // checked before any file is ingested: a folder of other things (a project's data/) is refused, never emptied
  prepareOutputPath(outDir, { kind: 'folder' });
  checkReviewFolder(outDir, options.out ?? displayPath(ctx, outDir));
  // the review already in the folder (an edition sent out after an earlier run): its snapshot says whether this run changes it
  const previous = readSnapshot(join(outDir, 'index.html'));
  // Ctrl-C: what the warehouse and the folder hold depends on the phase, which the pipeline's progress lines name
  let phase: keyof typeof INTERRUPTED = 'start';
  const tracked: Context = { ...ctx, logger: { ...ctx.logger, info: (message) => {
    phase = message.startsWith('ingesting ') ? 'ingest' : message === 'building the marts' ? 'build' : message.startsWith('writing the review') ? 'report' : phase;
    ctx.logger.info(message);
  } } };
  const release = onInterrupt(() => `${INTERRUPTED[phase]}; run the same command again to finish`);
  const summary = await runPipeline(tracked, {
    year: options.year,
    returns: options.returns === undefined ? undefined : resolve(ctx.cwd, options.returns),
    group: options.group,
    outDir,
    warehouse: setup.warehouse,
    archive: setup.archive,
    referenceDir: setup.reference,
    config: setup.config,
    displayName: (path) => displayPath(ctx, path),
  }).finally(release);
  const { group } = summary;
  // a state whose every version was rejected has no figure in the review: it is not counted as returned, but named
  const returned = summary.status.filter((s) => s.status === 'accepted');
  // a rejected file the state has since replaced with an accepted return is reported, but leaves nothing to chase
  const outstanding = summary.rejected.filter((r) => r.replacedBy === undefined).length;
  const rejectedStates = summary.status.filter((s) => s.status === 'rejected').map((s) => s.ref_area);
  const missing = summary.status.filter((s) => s.status === 'missing').map((s) => s.ref_area);
  const late = summary.status.filter((s) => s.is_on_time === false).map((s) => s.ref_area);
  // a correction rejected after the version in force, in this run or before: the state believes it corrected its
  // figures, while the review shows the version before (status lists them too, with their first errors)
  const corrections = summary.status.flatMap((s) => (s.rejected_resend === null ? [] : [{
    ref_area: s.ref_area, file_name: s.rejected_resend.file_name, submission_id: s.rejected_resend.submission_id,
    received_at: s.rejected_resend.received_at, errors: s.rejected_resend.errors,
    in_force: { submission_id: s.submission_id!, file_name: s.file_name! },
  }]));
  // versions received at one moment (a folder of several versions without receipt times): the greater file name put
  // one in force, and in the review, which says nothing of which the state sent last (`Romania 2025.csv` outranks
  // `ROU_2025_corrected.csv`); status says so under Corrected returns, and the summary too, where it said nothing
  const ties = summary.status.flatMap((s) => {
    const inForce = s.status === 'accepted' ? s.history.find((h) => h.submission_id === s.submission_id) : undefined;
    const tied = inForce === undefined ? [] : s.history.filter((h) => h.outcome === 'superseded' && h.received_at === inForce.received_at);
    return inForce === undefined || tied.length === 0 ? [] : [{
      ref_area: s.ref_area, in_force: { submission_id: inForce.submission_id, file_name: inForce.file_name },
      superseded: tied.map((h) => ({ submission_id: h.submission_id, file_name: h.file_name })),
    }];
  });
  const index = displayPath(ctx, join(summary.review.outDir, 'index.html'));
  const isChanged = previous === null ? null : !summary.review.snapshot.startsWith(previous);
  // a review written before the year was over, with members yet to return (a run in November): as report says it
  const early = earlyReview(options.year, summary.review);
  if (early) ctx.logger.warn(early.warning);
  if (options.json) {
    ctx.out(toJson({
      ok: outstanding === 0, command: 'run', year: options.year, group, returns: displayPath(ctx, summary.returnsDir),
      is_sample: summary.isSample, files: summary.files, accepted: summary.accepted,
      rejected: summary.rejected.map(({ replacedBy, ...r }) => (replacedBy === undefined ? r
        : { ...r, replaced_by: { submission_id: replacedBy.submissionId, file_name: replacedBy.fileName, received_at: replacedBy.receivedAt, is_same_time: replacedBy.isSameTime } })),
      duplicates: summary.duplicates, misnamed: summary.misnamed,
      unlogged: summary.unlogged.map((u) => ({ file: u.file, received_at: u.receivedAt })),
      received_now: summary.receivedNow === null ? null : { files: summary.receivedNow.files, received_at: summary.receivedNow.receivedAt },
      skipped: summary.skipped.map((e) => ({ code: 'FILE_SKIPPED', ...e })), warnings: summary.warnings, marts: summary.marts,
      coverage: { members: summary.status.length, returned: returned.length, rejected: rejectedStates, missing, late },
      rejected_corrections: corrections, same_time_versions: ties,
      snapshot: summary.review.snapshot, previous_snapshot: previous, review_changed: isChanged, early_review: early, outputs: [index],
    }));
  } else {
    const { bold, red, green, yellow } = paint(ctx.useColour);
    ctx.out(`${bold(`Annual Assessment ${options.year} — ${group}`)}${summary.isSample ? ' (synthetic sample data)' : ''}\n`);
    ctx.out(`returns  ${plural(summary.files, 'file')}: ${summary.accepted} accepted, ${summary.rejected.length} rejected, ${summary.duplicates} already in; ${plural(summary.warnings, 'warning')}\n`);
    for (const r of summary.rejected) {
      if (r.replacedBy !== undefined) {
        const by = r.replacedBy;
        // a file of no one state's rows beside the state's accepted return, received with it: not sent after it
        const when = by.isSameTime ? `, received ${by.receivedAt} at the same moment` : `, received ${by.receivedAt}`;
        ctx.out(`         rejected ${r.file} (${plural(r.errors, 'error')}), ${by.isSameTime ? '' : 'since '}replaced by ${by.fileName} (submission ${by.submissionId}${when}): nothing to chase\n`);
        continue;
      }
      ctx.out(`         ${red('rejected')} ${r.file} ${r.reason === undefined ? `(${r.errors} ${r.errors === 1 ? 'error' : 'errors'}): crimetrends validate ${r.file}` : `(${r.reason}, not a return)`}\n`);
    }
    for (const m of summary.misnamed) {
      ctx.out(`         ${yellow('taken as')} ${m.state ?? '?'}, ${m.year ?? '?'}: ${m.file} (${m.mismatch})\n`);
    }
    for (const u of summary.unlogged) {
      ctx.out(`         ${yellow('not in _received.csv')}: ${u.file}, recorded as received now (${u.receivedAt}), later than every time the log gives\n`);
    }
    // no receipt log at all: every new file counts as received now, and lateness is judged on that
    if (summary.receivedNow !== null) {
      const n = summary.receivedNow;
      ctx.out(`         ${yellow('no _received.csv')} in ${displayPath(ctx, summary.returnsDir)}: ${plural(n.files, 'new file')} recorded as received now (${n.receivedAt}), which decides who is late; to date them as they came, write the log (file,received_at: one line per file) before the run, or correct each: crimetrends ingest FILE --received-at TIME --correct-receipt\n`);
    }
    // a return inside a zip or a subfolder is not in the review: said here, not only among the warnings above
    for (const e of summary.skipped) ctx.out(`         ${yellow('not read')} ${e.file}: ${e.reason.split(/ \(|:/)[0]}\n`);
    if (summary.skipped.length > 0) ctx.out(`         (a return in ${summary.skipped.length === 1 ? 'it' : 'any of them'} is not in the review; the warnings above say how to have ${summary.skipped.length === 1 ? 'it' : 'each'} read)\n`);
    ctx.out(`coverage ${returned.length} of ${summary.status.length} members returned for ${options.year}${rejectedStates.length ? `; rejected, no figures until resent: ${rejectedStates.join(', ')}` : ''}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${late.length ? `; late: ${late.join(', ')}` : ''}\n`);
    for (const c of corrections) {
      ctx.out(`         ${yellow('rejected correction')} ${c.ref_area} ${c.file_name} (submission ${c.submission_id}, received ${c.received_at.slice(0, 10)}): ${plural(c.errors, 'error')}; submission ${c.in_force.submission_id} (${c.in_force.file_name}) stays in force, and in the review: crimetrends status --year ${options.year} lists the first errors, to send back to the state\n`);
    }
    for (const t of ties) {
      const over = t.superseded.map((v) => `${v.file_name} (submission ${v.submission_id})`).join(', ');
      ctx.out(`         ${yellow('same moment')} ${t.ref_area} ${t.in_force.file_name} (submission ${t.in_force.submission_id}) is in force, and in the review, over ${over}, received at the same moment: the greater file name decided, which says nothing of which is newer; check with ${t.ref_area} which version it sent last (to put another in force: crimetrends ingest FILE --received-at TIME --correct-receipt)\n`);
    }
    // whom to chase: the members with no figure for the year in the review (missing or rejected), which status lists with the errors to send back
    const unreturned = missing.length + rejectedStates.length;
    if (unreturned > 0) {
      const command = `crimetrends status --year ${options.year}${group === setup.config.group.toUpperCase() ? '' : ` --group ${group}`}`;
      ctx.out(`chase    ${plural(unreturned, 'member')} with no ${options.year} figure in the review: ${command} lists whom to ask for what, with the errors of rejected files to send back\n`);
    }
    ctx.out(`marts    ${summary.marts} built\n`);
    ctx.out(`review   ${green(index)} (${summary.review.figures} figures, ${summary.review.statePages} state pages, snapshot ${summary.review.snapshot.slice(0, 12)})\n`);
    if (previous !== null) {
      ctx.out(isChanged
        ? `         ${yellow(`changed: it replaces the review that was there (snapshot ${previous.slice(0, 12)}); the figures differ (a late or corrected return, an import, a changed setting): send out this edition again`)}\n`
        : `         unchanged: the same data as the review that was there (snapshot ${previous.slice(0, 12)})\n`);
    }
  }
  return outstanding === 0 ? 0 : 1;
}

/**
 * Returns the data snapshot of the review at `indexPath` (the hash its pages print: whole in the title of the footer's
 * 12 digits, or printed whole by a review written before those, else the 16 characters of an older edition line), or
 * null when there is none or it cannot be read.
 */
function readSnapshot(indexPath: string): string | null {
  let html: string;
  try {
    html = readFileSync(indexPath, 'utf8');
  } catch {
    return null;
  }
  const found = [...html.matchAll(/data snapshot <code class="hash"(?: title="([0-9a-f]{64})")?>([0-9a-f]{12,})<\/code>/gi)].map((m) => m[1] ?? m[2]!);
  return found.sort((a, b) => b.length - a.length)[0] ?? null;
}
