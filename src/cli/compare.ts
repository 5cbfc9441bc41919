import type { Context } from '../context.js';
import type { Comparison, SeriesDiscrepancy, SeriesReturnMissing, SeriesSuppressed, SeriesWithheld, StateDiscrepancy } from '../analyst/index.js';
import { formatTable } from './format-table.js';
import { paint, toJson } from './output.js';
import type { CommonOptions } from './program.js';
import { resolveSetup } from './setup.js';

export interface CompareOptions extends CommonOptions {
  source: 'unodc' | 'eurostat';
  year?: number;
  /** A state's code or name (`ROU`, `Romania`), an indicator code in any case. */
  state?: string;
  indicator?: string;
  includeConfidential?: boolean;
}

/** Series listed in the human output; --json lists them all. */
const SHOWN = 50;

/**
 * `crimetrends compare --source unodc [--year YYYY] [--state ROU] [--indicator CODE] [--include-confidential] [--json]`: every series both a
 * member-state return and the import give, where the values differ, largest relative discrepancy first, then a
 * summary per state. A confidential (C), internal (N) or withheld (Q) return value is never shown: its series is
 * listed as withheld with the imported value alone, unless `--include-confidential`, which marks the output as
 * confidential on stdout and warns on stderr. Reads the warehouse read-only. Returns 0 (differences are findings, not
 * failures).
 */
export async function compareAction(ctx: Context, options: CompareOptions): Promise<number> {
  const setup = await resolveSetup(ctx, options);
  const [{ openWarehouse }, analyst] = await Promise.all([import('../store/index.js'), import('../analyst/index.js')]);
  const source = options.source.toUpperCase();
  const store = await openWarehouse(setup.warehouse, { isReadOnly: true });
  let comparison: Comparison;
  try {
    const state = options.state === undefined ? undefined : await analyst.resolveStateIn(store, options.state);
    const indicator = options.indicator === undefined ? undefined : await analyst.resolveIndicatorIn(store, options.indicator);
    comparison = await analyst.compareSources(store, { source, year: options.year, state, indicator, includeConfidential: options.includeConfidential === true });
  } finally {
    store.close();
  }
  const included = comparison.confidential_included;
  // on stdout too, in the output itself: it is what gets forwarded
  const confidentialNote = `includes ${included} confidential (C), internal (N) or withheld (Q) return ${included === 1 ? 'value' : 'values'}, flagged: for internal use only, never publish or forward it as it is`;
  if (included > 0) ctx.logger.warn(`the comparison ${confidentialNote}`);
  const withheld = comparison.withheld.length;
  const beside = comparison.withheld.filter((d) => d.beside_withheld).length;
  const withheldNote = `${withheld} series in both withheld: the return's value is confidential (C), internal (N) or withheld (Q)${beside > 0 ? `, or (${beside} of them) a part or total that would give such a value of its series back by addition or subtraction` : ''}, so it is neither shown nor compared (--include-confidential compares ${withheld === 1 ? 'it' : 'them'}, for internal use)`;
  const label = source === 'UNODC' ? 'UNODC' : 'Eurostat';
  const suppressed = comparison.source_suppressed.length;
  const suppressedNote = describeSuppressed(comparison, label);
  const missing = comparison.return_missing.length;
  const missingNote = `${missing} ${missing === 1 ? 'series has' : 'series have'} a ${label} figure where the return gives none (OBS_STATUS M, L or O: missing or not collected), so ${missing === 1 ? 'it is' : 'they are'} not compared`;
  if (options.json) {
    const notes = [...(included > 0 ? [`the comparison ${confidentialNote}`] : []), ...(withheld > 0 ? [withheldNote] : []), ...(suppressed > 0 ? [suppressedNote] : []), ...(missing > 0 ? [missingNote] : [])];
    ctx.out(toJson({ ok: true, command: 'compare', outputs: [], issues: [], ...comparison, differing: comparison.series.length, notes }));
    return 0;
  }
  const { bold, dim } = paint(ctx.useColour && process.stdout.isTTY === true);
  // the import's note on a value (a definition that differs, a Eurostat flag), numbered and printed under the table
  // that first shows it, so that a difference comes with what explains it
  const notes = new Map<string, number>();
  let notesPrinted = 0;
  const flagsAndNote = (d: SeriesDiscrepancy | SeriesWithheld | SeriesSuppressed | SeriesReturnMissing): string => {
    // the state's own comment on its value too ("including presumed victims"): what may explain a difference
    const returnComment = 'return_comment' in d && d.return_comment !== null && d.return_comment !== '' ? `${d.ref_area}'s return: ${d.return_comment}` : '';
    const comments = [d.source_comment ?? '', returnComment].filter((comment) => comment !== '');
    for (const comment of comments) if (!notes.has(comment)) notes.set(comment, notes.size + 1);
    return [flags(d), ...comments.map((comment) => `note ${notes.get(comment)}`)].filter((part) => part !== '').join(', ');
  };
  const newNotes = (): string => {
    const lines = [...notes].filter(([, n]) => n > notesPrinted).map(([comment, n]) => `note ${n}: ${comment}\n`);
    notesPrinted = notes.size;
    return lines.length === 0 ? '' : `\n${lines.join('')}`;
  };
  const asked = [comparison.state, comparison.indicator, comparison.year].filter((part) => part !== null);
  const scope = asked.length === 0 ? '' : ` for ${asked.join(', ')}`;
  ctx.out(`${bold(`Member-state returns against ${label}${scope}${included > 0 ? ' — CONFIDENTIAL' : ''}`)}\n`);
  if (included > 0) ctx.out(`${bold(`This comparison ${confidentialNote}.`)}\n`);
  if (comparison.compared === 0 && withheld === 0 && suppressed === 0 && missing === 0) {
    ctx.out(`${whyNothingInBoth(comparison, label, options.source)}\n`);
    return 0;
  }
  const differ = comparison.series.length;
  const more = `${withheld === 0 ? '' : `; ${withheld} more withheld (below), the return's value confidential`}${suppressed === 0 ? '' : `; ${suppressed} more suppressed by ${label} (below)${describeVerdicts(comparison, label)}`}${missing === 0 ? '' : `; ${missing} more with no figure in the return (below)`}`;
  // with nothing withheld, nothing compared is no matter of confidentiality: a figure is missing on one side
  if (comparison.compared === 0) ctx.out(`${withheld === 0 ? 'No series has a figure on both sides' : 'No series with a return value that may be shown is in both'}${more}\n`);
  else ctx.out(`${comparison.compared} ${comparison.compared === 1 ? 'series is' : 'series are'} in both; ${differ === 0 ? 'none differs' : `${differ} ${differ === 1 ? 'differs' : 'differ'}, largest relative difference first`}${more}\n`);
  // what to cite: the download each listed figure of the source comes from
  const cited = comparison.source_submissions.map((d) =>
    `${d.dataset ?? 'no dataset'} ${d.file_name} (submission ${d.submission_id}, ${d.published_on === null ? 'no publication date' : `published ${d.published_on}`}; ${d.series} series)`);
  if (cited.length > 0) ctx.out(`${label}'s figures from ${cited.join(', ')}.\n`);
  if (comparison.series.length > 0) {
    const shown = comparison.series.slice(0, SHOWN);
    ctx.out(`\n${formatTable(
      [
        { title: 'state' }, { title: 'year', isNumeric: true }, { title: 'indicator' }, { title: 'dimensions' },
        { title: 'return', isNumeric: true }, { title: label, isNumeric: true }, { title: 'difference', isNumeric: true },
        { title: '%', isNumeric: true }, { title: 'flags' },
      ],
      shown.map((d) => [
        d.ref_area, String(d.time_period), d.indicator, describeBreakdown(d), String(d.return_value), String(d.source_value),
        signed(d.diff_abs), d.diff_pct === null ? `from 0` : `${signed(roundPercent(d.diff_pct))} %`, flagsAndNote(d),
      ]),
    )}\n${newNotes()}`);
    if (comparison.series.length > SHOWN) ctx.out(dim(`… and ${comparison.series.length - SHOWN} more (--json lists them all)\n`));
  }
  if (withheld > 0) {
    ctx.out(`\n${bold('Withheld')}\n${withheldNote}\n\n${formatTable(
      [
        { title: 'state' }, { title: 'year', isNumeric: true }, { title: 'indicator' }, { title: 'dimensions' },
        { title: 'return', isNumeric: true }, { title: label, isNumeric: true }, { title: 'flags' },
      ],
      comparison.withheld.slice(0, SHOWN).map((d) => [d.ref_area, String(d.time_period), d.indicator, describeBreakdown(d), '', String(d.source_value), flagsAndNote(d)]),
    )}\n${newNotes()}`);
    if (withheld > SHOWN) ctx.out(dim(`… and ${withheld - SHOWN} more (--json lists them all)\n`));
  }
  if (suppressed > 0) {
    ctx.out(`\n${bold(`Suppressed by ${label}`)}\n${suppressedNote}\n\n${formatTable(
      [
        { title: 'state' }, { title: 'year', isNumeric: true }, { title: 'indicator' }, { title: 'dimensions' },
        { title: 'return', isNumeric: true }, { title: label, isNumeric: true }, { title: 'return against it' }, { title: 'flags' },
      ],
      comparison.source_suppressed.slice(0, SHOWN).map((d) => [
        d.ref_area, String(d.time_period), d.indicator, describeBreakdown(d), String(d.return_value), d.source_text ?? 'suppressed', d.verdict ?? 'not compared', flagsAndNote(d),
      ]),
    )}\n${newNotes()}`);
    if (suppressed > SHOWN) ctx.out(dim(`… and ${suppressed - SHOWN} more (--json lists them all)\n`));
  }
  if (missing > 0) {
    ctx.out(`\n${bold('No figure in the return')}\n${missingNote}\n\n${formatTable(
      [
        { title: 'state' }, { title: 'year', isNumeric: true }, { title: 'indicator' }, { title: 'dimensions' },
        { title: 'return', isNumeric: true }, { title: label, isNumeric: true }, { title: 'flags' },
      ],
      comparison.return_missing.slice(0, SHOWN).map((d) => [d.ref_area, String(d.time_period), d.indicator, describeBreakdown(d), '', String(d.source_value), flagsAndNote(d)]),
    )}\n${newNotes()}`);
    if (missing > SHOWN) ctx.out(dim(`… and ${missing - SHOWN} more (--json lists them all)\n`));
  }
  const byState = [
    ...(withheld === 0 ? [] : [{ title: 'withheld', isNumeric: true }]), ...(suppressed === 0 ? [] : [{ title: 'suppressed', isNumeric: true }]),
    ...(comparison.contradicting === 0 ? [] : [{ title: 'contradicting', isNumeric: true }]),
  ];
  ctx.out(`\n${bold('By state')}\n${formatTable(
    [{ title: 'state' }, { title: 'compared', isNumeric: true }, { title: 'differ', isNumeric: true }, { title: 'largest %', isNumeric: true }, ...byState],
    comparison.states.map((s) => [
      s.ref_area, String(s.compared), String(s.differing), largest(s),
      ...(withheld === 0 ? [] : [String(s.withheld)]), ...(suppressed === 0 ? [] : [String(s.source_suppressed)]),
      ...(comparison.contradicting === 0 ? [] : [String(s.contradicting)]),
    ]),
  )}\n`);
  const alone = comparison.returns_only_states;
  if (alone.length > 0) {
    ctx.out(`\nNot compared: ${alone.join(', ')}, whose returns${options.year === undefined ? '' : ` for ${options.year}`}${comparison.indicator === null ? '' : ` of ${comparison.indicator}`} have no series (year, indicator and dimensions) in ${label}'s imports.\n`);
  }
  return 0;
}

/**
 * Returns the note over the series the source suppressed: what the source published in their place, and how the
 * returns stand against it (a return of 7 beside UNODC's "<5" contradicts it; one of 3 agrees with it).
 */
function describeSuppressed(comparison: Comparison, label: string): string {
  const listed = comparison.source_suppressed;
  const n = listed.length;
  const bounded = listed.filter((d) => d.verdict !== null);
  const b = bounded.length;
  const unbounded = n - b;
  const texts = [...new Set(bounded.map((d) => d.source_text ?? ''))];
  // "<5" is fewer than 5: a return of 5 or more cannot be the same count
  const bound = texts.length === 1 ? /[0-9]+/.exec(texts[0]!)?.[0] : undefined;
  const contradicting = comparison.contradicting;
  const agreeing = b - contradicting;
  const verdicts = `${label}'s ${texts.map((text) => `"${text}"`).join(' or ')}, a small count published as a bound: a return ${bound === undefined ? 'at or above the bound' : `of ${bound} or more`} contradicts it (one of the two is wrong, or the series differ), one below ${bound ?? 'it'} agrees with it; ${contradicting} ${contradicting === 1 ? 'contradicts' : 'contradict'} it, ${agreeing} ${agreeing === 1 ? 'agrees' : 'agree'}`;
  const why = label === 'UNODC'
    ? 'a small count UNODC publishes as "<5", imported before crimetrends kept what was published; import the download into a new warehouse to compare it'
    : 'a value flagged confidential, ": c"';
  const notCompared = (count: number): string => `(status Q: ${why}), so ${count === 1 ? 'it is' : 'they are'} not compared; the return's value is shown, to be set against that`;
  const head = `${n} series in both ${n === 1 ? 'has' : 'have'} no ${label} figure`;
  if (unbounded === 0) return `${head} but ${verdicts}`;
  if (b === 0) return `${head}: ${label} suppressed ${n === 1 ? 'it' : 'them'} ${notCompared(n)}`;
  return `${head}: ${b} ${b === 1 ? 'has' : 'have'} ${verdicts}; ${unbounded} ${unbounded === 1 ? 'has' : 'have'} no bound either ${notCompared(unbounded)}`;
}

/** Returns how the returns stand against the bounds the source published, for the first line (empty when it published none). */
function describeVerdicts(comparison: Comparison, label: string): string {
  const bounded = comparison.source_suppressed.filter((d) => d.verdict !== null).length;
  if (bounded === 0) return ', not compared';
  const texts = [...new Set(comparison.source_suppressed.filter((d) => d.verdict !== null).map((d) => `"${d.source_text}"`))].join(' or ');
  return `, ${comparison.contradicting} of which ${comparison.contradicting === 1 ? 'contradicts' : 'contradict'} ${label}'s ${texts}`;
}

/** Returns why no series is in both: nothing imported or returned, a --year outside one side's years, or no overlap. */
function whyNothingInBoth(comparison: Comparison, label: string, source: string): string {
  const years = (span: [number, number] | null): string => (span === null ? '' : span[0] === span[1] ? `${span[0]}` : `${span[0]}–${span[1]}`);
  const { return_years: returns, source_years: imported, year } = comparison;
  // --state, --indicator: what each side holds of them (BIH has no return; not "the warehouse holds no return yet")
  const asked = [comparison.state, comparison.indicator].filter((part) => part !== null).join(' ');
  const of = asked === '' ? '' : ` of ${asked}`;
  // nothing of the source's in the warehouse at all: not "its imports hold no value of MKD", as if they were there
  if (!comparison.source_imported) return `No series is in both: nothing of ${label}'s is imported; import its data first (crimetrends import ${source} FILE).`;
  if (imported === null && returns === null && asked !== '') return `No series is in both: neither the returns nor ${label}'s imports hold a value${of}.`;
  if (imported === null) {
    return asked === '' ? `No series is in both: nothing of ${label}'s is imported; import its data first (crimetrends import ${source} FILE).` : `No series is in both: ${label}'s imports hold no value${of}.`;
  }
  if (returns === null) return asked === '' ? 'No series is in both: the warehouse holds no member-state return yet (crimetrends ingest FILE).' : `No series is in both: the returns hold no value${of}.`;
  const held = `the returns${of} hold ${years(returns)}, ${label}'s imports ${years(imported)}`;
  if (year !== null) {
    const isOutside = (span: [number, number]): boolean => year < span[0] || year > span[1];
    if (isOutside(returns) || isOutside(imported)) return `No series of ${year} is in both: ${held}.`;
    return `No series of ${year} is in both: ${held}, but no state, indicator and dimensions of ${year} are in both.`;
  }
  return `No series is in both: ${held}, but no state, year, indicator and dimensions are in both.`;
}

function largest(state: StateDiscrepancy): string {
  const pct = state.max_abs_pct === null ? null : `${roundPercent(state.max_abs_pct)} %`;
  if (state.has_difference_from_zero) return pct === null ? 'from 0' : `from 0; ${pct}`;
  return pct ?? '—';
}

/** Returns the series' dimensions other than totals, each named ("sex F, age Y_LT18, from UZB, SEX_EXPL"), or "total". */
function describeBreakdown(d: SeriesDiscrepancy | SeriesWithheld | SeriesSuppressed | SeriesReturnMissing): string {
  const parts = [
    d.sex === '_T' ? '' : `sex ${d.sex}`,
    d.age === '_T' ? '' : `age ${d.age}`,
    d.counterpart_area === '_T' ? '' : `partner ${d.counterpart_area}`,
    d.breakdown === '_T' ? '' : d.breakdown,
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'total' : parts.join(', ');
}

/**
 * Returns a percentage to one decimal, or to two significant digits where that would read 0: a series listed as
 * differing never shows "0 %" (26,574 against 26,575 is -0.0038 %).
 */
function roundPercent(pct: number): number {
  const rounded = Math.round(pct * 10) / 10;
  return rounded === 0 ? Number(pct.toPrecision(2)) : rounded;
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/** What a CONF_STATUS or an OBS_STATUS Q says of the return's value, in the flags column. */
const CONFIDENTIALITY: Record<string, string> = { C: 'confidential (C)', N: 'internal use only (N)' };

/**
 * Returns the statuses worth a look: a confidential, internal or withheld return value, then provisional, estimated
 * or break on either side.
 */
function flags(d: SeriesDiscrepancy | SeriesWithheld | SeriesSuppressed | SeriesReturnMissing): string {
  const out: string[] = [];
  if (!('conf_status' in d)) return [`return ${d.return_status}`, ...(d.source_status === 'A' ? [] : [`import ${d.source_status}`])].join(', ');
  if (d.conf_status !== 'F' && d.conf_status !== '') out.push(CONFIDENTIALITY[d.conf_status] ?? `confidentiality ${d.conf_status}`);
  if ('beside_withheld' in d && d.beside_withheld) out.push('would give a confidential value back');
  if (d.return_status === 'Q') out.push('withheld by the state (Q)');
  else if (d.return_status !== 'A' && d.return_status !== '') out.push(`return ${d.return_status}`);
  if (d.source_status !== 'A' && d.source_value !== null) out.push(`import ${d.source_status}`);
  // a later year's return revised the value (or first gave it): the source may hold the figure given before
  if (d.return_reporting_year !== null && d.return_reporting_year > d.time_period) out.push(`from the ${d.return_reporting_year} return`);
  return out.join(', ');
}
