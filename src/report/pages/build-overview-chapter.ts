import { buildRegionalMultiples, type RegionalMultipleRow } from '../charts/build-regional-multiples.js';
import type { Figure, FigureRow } from '../figures/figure.js';
import { renderDataTable } from '../figures/render-data-table.js';
import { renderFigure } from '../figures/render-figure.js';
import { formatAmount, formatCount, listInProse, spanOfYears, yearRange } from '../format-number.js';
import { html } from '../html.js';
import type { RegionalPoint } from '../review-model.js';
import type { Chapter } from './chapter.js';
import { dominantReason, minStatesInWords } from './confidential-rules.js';
import { createFootnotes } from './footnotes.js';
import { fromZeroWords, withheldWhy } from './describe-area.js';
import { describeComposition } from './describe-composition.js';
import { aMember, countMembers, proseName, stateInProse, upperFirst } from './prose-name.js';
import type { ReviewIndex } from './review-index.js';
import { sourceText } from './source-line.js';

/**
 * Returns chapter 3: the regional total of each area's headline indicator over the years as small multiples (with
 * coverage shown), and a year-on-year table with like-for-like changes and coverage footnotes.
 */
export function buildOverviewChapter(ix: ReviewIndex, number: string): Chapter {
  const { model } = ix;
  const areas = ix.chapters.flatMap((c) => c.areas);
  const headlines = areas.flatMap((a) => {
    const ind = ix.headline(a.area);
    return ind ? [{ area: a, indicator: ind }] : [];
  });
  const panels = headlines.map((h) => h.indicator.name);
  // the years of each headline with a member reporting it: the figure runs from the first to the last year any has
  // (the whole period when none has), so that its title, text and axis name no year without a figure at either end
  const reportedYears = (code: string) => model.regional.filter((p) => p.indicator === code && p.reporting > 0 && model.years.includes(p.year)).map((p) => p.year).sort((a, b) => a - b);
  const shown = yearRange(headlines.flatMap(({ indicator }) => reportedYears(indicator.code)));
  const figureYears = shown.length ? shown : model.years;
  const first = figureYears[0] ?? model.year;
  const last = figureYears[figureYears.length - 1] ?? model.year;
  const point = (code: string, year: number) => model.regional.find((p) => p.indicator === code && p.year === year);
  // the states a total adds up beside the year before's, where both years have a state reporting: a step between two
  // totals of different states is partly one of coverage (cybercrime's 320,000 to 90,000 as the Russian Federation
  // stops reporting), so the chart dashes the line into that year and the tooltip and data table name the states
  const statesChange = (code: string, year: number): string | null => {
    const [now, before] = [point(code, year), point(code, year - 1)];
    if (!now || !before || now.reporting === 0 || before.reporting === 0 || !figureYears.includes(year - 1)) return null;
    const names = (codes: string[]) => codes.map((iso3) => ix.stateName(iso3)).sort((a, b) => a.localeCompare(b, 'en')).join(', ');
    const added = now.reportingStates.filter((iso3) => !before.reportingStates.includes(iso3));
    const dropped = before.reportingStates.filter((iso3) => !now.reportingStates.includes(iso3));
    const parts = [...(added.length ? [`${names(added)} added`] : []), ...(dropped.length ? [`${names(dropped)} dropped`] : [])];
    return parts.length ? parts.join('; ') : null;
  };
  const isFlagging = model.rules.confidentialInTotals === 'flag';
  const rows: RegionalMultipleRow[] = headlines.flatMap(({ area, indicator }) =>
    figureYears.map((year) => {
      const r = point(indicator.code, year);
      const total = r && !r.isSuppressed && r.reporting > 0 ? r.total : null;
      return {
        panel: indicator.name, area: area.area, year, total, unit: indicator.unit, reporting: r?.reporting ?? 0, members: r?.members ?? ix.states.length,
        coverage: (r?.reporting ?? 0) >= (r?.members ?? ix.states.length) ? 'All members reported' : 'Some members missing',
        statesChange: statesChange(indicator.code, year),
        // "flag": a published total with confidential figures in it is marked, as in Table 3.1
        ...(isFlagging ? { confidentialStates: total !== null ? r?.flaggedConfidentialStates ?? null : null } : {}),
      };
    }),
  );
  // the years into which each panel's line is dashed (a change of states between two published totals: beside a
  // withheld one the line has a gap instead), said once where every panel with figures has the same
  const isDashed = (r: RegionalMultipleRow) => r.statesChange !== null && r.total !== null && rows.some((b) => b.panel === r.panel && b.year === r.year - 1 && b.total !== null);
  const changeYears = headlines.map(({ indicator }) => ({
    name: indicator.name,
    years: rows.filter((r) => r.panel === indicator.name && isDashed(r)).map((r) => String(r.year)),
  }));
  const changing = changeYears.filter((c) => c.years.length > 0);
  const withStates = headlines.filter(({ indicator }) => rows.some((r) => r.panel === indicator.name && r.reporting > 0));
  const isAlike = changing.length === withStates.length && new Set(changing.map((c) => c.years.join())).size === 1;
  const dashed = changing.length === 0 ? ''
    : `The line is dashed into each year whose total adds up different ${ix.nouns.bareMany} from the year before: ${isAlike && changing.length > 1
      ? `${listInProse(changing[0]?.years ?? [])}, alike in every panel`
      : changing.map((c) => `${proseName({ name: c.name })} in ${listInProse(c.years)}`).join('; ')}.`;
  // the members behind each total: where they change, the line moves with them, which the count of states reporting
  // does not show (a different 12 states in 2022 and 2023); the note, the text alternative and the text name them
  const composition = describeComposition(ix, headlines.map(({ indicator }) => ({
    name: indicator.name,
    points: figureYears.flatMap((year) => point(indicator.code, year) ?? []),
  })));
  // the data table names the members missing each year, which a note of many states coming and going points to
  const notReporting = (panel: string, year: number): string | null => {
    const r = point(headlines.find((h) => h.indicator.name === panel)?.indicator.code ?? '', year);
    const names = ix.states.filter((s) => !r?.reportingStates.includes(s.iso3)).map((s) => s.name);
    return names.length ? names.join(', ') : null;
  };
  // the years whose regional total is withheld, per reason, named in the figure's note
  const withheldPoints = (reason: NonNullable<RegionalPoint['suppressionReason']>) => headlines.flatMap(({ indicator }) => {
    const years = model.years.filter((year) => model.regional.some((p) => p.indicator === indicator.code && p.year === year && p.reporting > 0 && p.isSuppressed && (p.suppressionReason ?? 'confidential') === reason));
    return years.length ? [`${indicator.name} (${listInProse(years.map(String))})`] : [];
  });
  // the years whose published total includes confidential figures (confidentialInTotals "flag"), named in the note
  const flaggedPoints = headlines.flatMap(({ indicator }) => {
    const points = model.regional.filter((p) => p.indicator === indicator.code && model.years.includes(p.year) && p.flaggedConfidentialStates !== undefined);
    return points.length ? [`${indicator.name} (${listInProse(points.map((p) => `${p.year}: ${countMembers(p.flaggedConfidentialStates ?? 0, ix.nouns)}`))})`] : [];
  });
  const threshold = model.rules.smallCountThreshold;
  const fewest = minStatesInWords(model.rules);
  const withheldNotes = [
    ...(withheldPoints('small_count').length ? [`Regional totals withheld because each would reveal a count below ${threshold}: ${listInProse(withheldPoints('small_count'))}. The counts below ${threshold} in each of these totals come to less than ${threshold}, so the total less the ${ix.nouns.bareMany}’ published figures would give them away; the line has a gap there.`] : []),
    ...(withheldPoints('small_count_linked').length ? [`Regional totals withheld because, together with the totals of other groups that share members with this one, each would reveal a count below ${threshold}: ${listInProse(withheldPoints('small_count_linked'))}. The difference of such totals less the ${ix.nouns.bareMany}\u2019 published figures would give away counts published as \u201c<${threshold}\u201d that come to less than ${threshold}; the line has a gap there.`] : []),
    ...(withheldPoints('confidential').length ? [`Regional totals withheld because they would include confidential figures: ${listInProse(withheldPoints('confidential'))}; the line has a gap there.`] : []),
    ...(withheldPoints('confidential_few').length ? [`Regional totals withheld because the confidential figures in each are those of fewer than ${fewest} ${ix.nouns.bareMany}, which the total less the other ${ix.nouns.bareMany}\u2019 published figures would give away (one ${ix.nouns.bareOne}\u2019s figure, or the sum of two, from which each learns the other\u2019s): ${listInProse(withheldPoints('confidential_few'))}; the line has a gap there.`] : []),
    ...(withheldPoints('confidential_dominant').length ? [`Regional totals withheld because in each ${dominantReason(model.rules, ix.nouns)}: ${listInProse(withheldPoints('confidential_dominant'))}; the line has a gap there.`] : []),
    ...(withheldPoints('confidential_linked').length ? [`Regional totals withheld because, together with the totals of other groups that share members with this one, each would give the confidential figures of fewer than ${fewest} ${ix.nouns.bareMany}, or one ${ix.nouns.bareOne}\u2019s dominant figure, away: ${listInProse(withheldPoints('confidential_linked'))}; the line has a gap there.`] : []),
    ...(flaggedPoints.length ? [`Regional totals that include confidential figures, which are not shown: ${listInProse(flaggedPoints)}. Each adds up the confidential figures of ${fewest} or more ${ix.nouns.bareMany}, none of which dwarfs the others, so that no one ${ix.nouns.bareOne}\u2019s figure can be worked out from it, not even by one of those states.`] : []),
  ];
  const id = `fig-${number}-1`;
  // a panel no member has a figure for in any year shown is drawn empty: the note says so
  const empty = headlines.filter(({ indicator }) => !rows.some((r) => r.panel === indicator.name && r.reporting > 0)).map(({ indicator }) => indicator.name);
  // a state's break in series (flag B) moves the regional total without any change in crime: the note names it
  const breaks = headlines.flatMap(({ indicator }) => {
    const at = model.totals.filter((t) => t.indicator === indicator.code && t.status === 'B' && t.year > first && figureYears.includes(t.year) && ix.states.some((st) => st.iso3 === t.iso3));
    const years = [...new Set(at.map((t) => t.year))].sort((a, b) => a - b);
    return years.map((y) => `${proseName(indicator)} in ${y} (${listInProse(at.filter((t) => t.year === y).map((t) => stateInProse(ix.stateName(t.iso3))).sort((a, b) => a.localeCompare(b, 'en')))})`);
  });
  const breakNote = breaks.length === 0 ? [] : [`A break in series (flag B) makes ${aMember(ix.nouns)}\u2019s figure not comparable with its earlier years, so the regional total moves with it: ${listInProse(breaks)}. The like-for-like changes in Table ${number}.1 and the chapters leave ${aMember(ix.nouns)} out across its break.`];
  const emptyNote = empty.length === 0 ? [] : [`${empty.length === 1 ? 'The panel' : 'The panels'} for ${listInProse(empty.map((n) => proseName({ name: n })))} ${empty.length === 1 ? 'is' : 'are'} empty: no ${ix.nouns.one} reported ${empty.length === 1 ? 'it' : 'them'} for ${ix.period} (missing, not zero).`];
  // each panel from its own first to its last year with a member reporting (a panel starting later than another
  // is not read as '– in 2016 (0 states)')
  const summaries = headlines.map(({ indicator }) => {
    const reported = reportedYears(indicator.code);
    const at = (year: number | undefined) => {
      const r = rows.find((x) => x.panel === indicator.name && x.year === year);
      return `${formatAmount(r?.total, indicator.unit)} in ${year} (${countMembers(r?.reporting ?? 0, ix.nouns)})`;
    };
    const [from, to] = [reported[0], reported[reported.length - 1]];
    return `${indicator.name}: ${from === undefined ? `no figure for ${ix.period}` : from === to ? at(from) : `${at(from)}, ${at(to)}`}`;
  });
  const kgPanels = new Set(headlines.filter(({ indicator }) => indicator.unit === 'KG').map(({ indicator }) => indicator.name));
  const description = `Small multiples of the regional total of ${headlines.length} headline indicators, ${first === last ? `in ${first}` : `${first} to ${last}`}. ${summaries.join('; ')}.${composition ? ` ${composition}` : ''}${dashed ? ` ${dashed}` : ''}`;
  const figure: Figure = {
    id,
    number: `${number}.1`,
    title: `Headline indicators: regional totals, ${spanOfYears([first, last])}`,
    spec: buildRegionalMultiples(rows, areas, panels, description, ix.nouns),
    columns: [
      { field: 'panel', title: 'Indicator', format: 'text' },
      { field: 'year', title: 'Year', format: 'year' },
      // a panel in kilograms prints every total with its decimal, as the text and Table 3.1 do
      { field: 'total', title: 'Regional total', format: 'count', formatOf: (row) => (kgPanels.has(String(row.panel)) ? 'kg' : 'count') },
      { field: 'reporting', title: `${upperFirst(ix.nouns.bareMany)} reporting`, format: 'count' },
      { field: 'members', title: 'Members', format: 'count' },
      { field: 'missing', title: 'Members not reporting', format: 'text' },
      { field: 'change', title: `${upperFirst(ix.nouns.bareMany)} added or dropped since the year before`, format: 'text' },
      ...(isFlagging ? [{ field: 'confidential_states', title: `${upperFirst(ix.nouns.bareMany)} whose confidential figures the total includes`, format: 'count' as const }] : []),
    ],
    rows: rows.map((r): FigureRow => ({
      panel: r.panel, year: r.year, total: r.total, reporting: r.reporting, members: r.members, missing: notReporting(r.panel, r.year), change: r.statesChange,
      ...(isFlagging ? { confidential_states: r.confidentialStates ?? null } : {}),
    })),
    description,
    source: `${sourceText(headlines.flatMap(({ indicator }) => model.totals.filter((t) => t.indicator === indicator.code && figureYears.includes(t.year) && ix.states.some((st) => st.iso3 === t.iso3))), ix.nouns)}; regional totals computed over the ${ix.nouns.bareMany} reporting each year.`,
    notes: [`Hollow points mark years in which not every member reported: the total then covers fewer ${ix.nouns.bareMany} and a dip may reflect coverage rather than crime.${changing.length ? ` A dashed line runs into a year whose total adds up different ${ix.nouns.bareMany} from the year before (the data table names the ${ix.nouns.bareMany} added and dropped): the step there is partly one of coverage, not of crime.` : ''} Each panel has its own scale.`, ...(composition ? [composition] : []), ...emptyNote, ...breakNote, ...withheldNotes],
  };
  const notes = createFootnotes(`ch${number}`);
  const isCompared = (code: string, iso3: string): boolean =>
    model.regional.some((r) => r.indicator === code && r.year === model.year && r.lflStateCodes.includes(iso3));
  const table = headlines.map(({ indicator }) => {
    const now = model.regional.find((p) => p.indicator === indicator.code && p.year === model.year);
    // the states the regional total counts as reporting, as its "4 of 13" does: a state whose figure is confidential
    // reported it (it is withheld, not missing), and is not named among those that did not report
    const isReporting = (iso3: string) => (now ? now.reportingStates.includes(iso3) : ix.total(iso3, indicator.code, model.year) !== undefined);
    const missing = ix.states.filter((s) => !isReporting(s.iso3)).map((s) => stateInProse(s.name));
    const coverage = `${now?.reporting ?? 0} of ${now?.members ?? ix.states.length}`;
    const notCompared = ix.states.filter((s) => ix.total(s.iso3, indicator.code, model.year) && !isCompared(indicator.code, s.iso3)).map((s) => stateInProse(s.name));
    const compared = now?.lflStates ?? 0;
    // kilograms print with their decimal in every cell of the row, a whole total too ('164,464.0', not '164,464')
    const amount = (v: number | null | undefined) => (v === null || v === undefined || indicator.unit !== 'KG' ? v ?? null : formatAmount(v, 'KG'));
    return {
      indicator: indicator.name,
      unit: indicator.unit === 'KG' ? 'kilograms' : indicator.unit === 'ROUNDS' ? 'rounds' : 'number',
      compared: notCompared.length && compared > 0
        ? html`${formatCount(compared)}${notes.add(html`${indicator.name}: ${listInProse(notCompared)} reported ${model.year} but ${notCompared.length === 1 ? 'is' : 'are'} not compared (no comparable ${model.year - 1} figure, a break in series, or a count published as \u201c&lt;${model.rules.smallCountThreshold}\u201d).`)}`
        : compared,
      previous: amount(now?.lflPrevious),
      current: amount(now?.lflCurrent),
      change: now?.changeLfl ?? null,
      total: now && now.isSuppressed && now.reporting > 0
        ? html`withheld${notes.add(now.suppressionReason === 'small_count'
          ? html`${indicator.name}: the ${model.year} total of all ${ix.nouns.bareMany} reporting is withheld: it would reveal a count below ${threshold} (the counts published as “&lt;${threshold}” in it come to less than ${threshold}).`
          : now.suppressionReason === 'small_count_linked'
            ? html`${indicator.name}: the ${model.year} total of all ${ix.nouns.bareMany} reporting is withheld: together with the totals of other groups that share members with this one, it would reveal a count below ${threshold} (counts published as “&lt;${threshold}” could be worked back from their difference).`
            : now.suppressionReason === 'confidential_few'
              ? html`${indicator.name}: the ${model.year} total of all ${ix.nouns.bareMany} reporting is withheld: the confidential figures in it are those of fewer than ${fewest} ${ix.nouns.bareMany}, which the total less the other ${ix.nouns.bareMany}’ published figures would give away (one ${ix.nouns.bareOne}’s figure, or the sum of two, from which each learns the other’s).`
              : now.suppressionReason === 'confidential_dominant'
                ? html`${indicator.name}: the ${model.year} total of all ${ix.nouns.bareMany} reporting is withheld: ${dominantReason(model.rules, ix.nouns)}.`
              : now.suppressionReason === 'confidential_linked'
                ? html`${indicator.name}: the ${model.year} total of all ${ix.nouns.bareMany} reporting is withheld: together with the totals of other groups that share members with this one, it would give the confidential figures of fewer than ${fewest} ${ix.nouns.bareMany}, or one ${ix.nouns.bareOne}’s dominant figure, away.`
                : html`${indicator.name}: the ${model.year} total of all ${ix.nouns.bareMany} reporting is withheld because it would include confidential figures.`)}`
        : now && now.flaggedConfidentialStates !== undefined && now.total !== null
          ? html`${formatAmount(now.total, indicator.unit)}${notes.add(html`${indicator.name}: the ${model.year} total of all ${ix.nouns.bareMany} reporting includes confidential figures of ${countMembers(now.flaggedConfidentialStates, ix.nouns)}, which are not shown.`)}`
          : now ? amount(now.total) : null,
      // the row names the indicator, so rows missing the same states share one footnote rather than repeat it
      coverage: missing.length ? html`${coverage}${notes.add(html`Not reported for ${model.year} by ${listInProse(missing)}.`)}` : coverage,
    };
  });
  const prose = (name: string) => proseName({ name });
  const uncompared = headlines.filter(({ indicator }) => (model.regional.find((p) => p.indicator === indicator.code && p.year === model.year)?.lflStates ?? 0) === 0);
  // states compared, but the change withheld (it would give a confidential figure or a small count away)
  const withheldChange = headlines.flatMap(({ indicator }) => {
    const p = model.regional.find((r) => r.indicator === indicator.code && r.year === model.year);
    return p && p.lflStates > 0 && p.changeLfl === null && fromZeroWords(ix, p, indicator.unit) === null ? [`${prose(indicator.name)} (${withheldWhy(ix, p)})`] : [];
  });
  // states compared whose like-for-like sum for the year before is 0: both sums are shown, no percentage can be taken
  const fromZero = headlines.flatMap(({ indicator }) => {
    const p = model.regional.find((r) => r.indicator === indicator.code && r.year === model.year);
    return p && fromZeroWords(ix, p, indicator.unit) !== null ? [prose(indicator.name)] : [];
  });
  const rising = table.filter((t) => (t.change ?? 0) > 0.005).map((t) => prose(t.indicator));
  const falling = table.filter((t) => (t.change ?? 0) < -0.005).map((t) => prose(t.indicator));
  const body = html`<p>Figure ${number}.1 follows the headline indicator of each crime area across the region ${first !== last ? `from ${first} to ${last}` : `in ${first}, ${first === model.year ? 'the first year with figures' : 'the only year with figures'}`}.
Regional totals add up the figures of the ${ix.nouns.bareMany} that reported in each year; where ${aMember(ix.nouns)} did not report, its figure is missing, not zero, and the point is drawn hollow${changing.length ? `; where the ${ix.nouns.bareMany} behind a total differ from the year before, the line into that year is dashed` : ''}.${composition ? ` ${composition}` : ''}
Table ${number}.1 compares ${model.year} with ${model.year - 1} like-for-like: only ${ix.nouns.bareMany} that reported both years enter the change.
${rising.length ? html`On that basis ${listInProse(rising)} rose` : ''}${rising.length && falling.length ? ', while ' : ''}${falling.length ? html`${listInProse(falling)} fell` : ''}${rising.length || falling.length ? '.' : ''}</p>
${renderFigure(figure, '')}
<div id="tab-${number}-1">${renderDataTable(
    [
      { field: 'indicator', title: 'Headline indicator', format: 'text' },
      { field: 'unit', title: 'Unit', format: 'text' },
      { field: 'compared', title: upperFirst(ix.nouns.bareMany), format: 'count', group: 'Like-for-like' },
      { field: 'previous', title: `${model.year - 1}`, format: 'count', group: 'Like-for-like' },
      { field: 'current', title: `${model.year}`, format: 'count', group: 'Like-for-like' },
      { field: 'change', title: 'Change', format: 'change', group: 'Like-for-like' },
      { field: 'total', title: `${model.year}`, format: 'count', group: `All ${ix.nouns.bareMany} reporting` },
      { field: 'coverage', title: upperFirst(ix.nouns.bareMany), format: 'count', group: `All ${ix.nouns.bareMany} reporting` },
    ],
    table,
    html`<span class="table-label">Table ${number}.1</span> Headline indicators, ${model.year - 1} and ${model.year}`,
  )}</div>
<p class="table-note">The change is computed from the two like-for-like columns: the same ${ix.nouns.bareMany} in both years. The regional total for ${model.year} adds up every ${ix.nouns.bareOne} that reported that year, so it can differ from the like-for-like figure when ${aMember(ix.nouns)} reported only one of the two years.${uncompared.length === 0 ? '' : uncompared.length === headlines.length ? ` No ${ix.nouns.bareOne} reported comparable figures for both ${model.year - 1} and ${model.year}, so the like-for-like columns and the change are \u201c\u2013\u201d.` : ` \u201c\u2013\u201d in the like-for-like columns: no ${ix.nouns.bareOne} reported comparable figures for both years (${listInProse(uncompared.map((h) => prose(h.indicator.name)))}).`}${withheldChange.length === 0 ? '' : ` The like-for-like figures and change are withheld (\u201c\u2013\u201d) where they would give a figure away: ${listInProse(withheldChange)}.`}${fromZero.length === 0 ? '' : ` No change is given (\u201c\u2013\u201d) where the ${ix.nouns.bareMany} compared recorded 0 in ${model.year - 1}, since no percentage can be taken of 0: ${listInProse(fromZero)}.`}</p>
${notes.render()}`;
  return { id: `ch-${number}`, number, title: 'Regional overview', body, figures: [figure], sections: [], anchors: { overview: id, 'table:overview': `tab-${number}-1` } };
}
