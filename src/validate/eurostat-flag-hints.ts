/**
 * The hints for a figure written with Eurostat's flags after it (`12 p`, `45 bep`, `12 z`), one per set of flags as
 * Eurostat writes them (letters in alphabetical order, up to three), from `data/reference/eurostat_flags.csv`.
 */
import type { EurostatFlag } from '../schema/import-mapping.js';

/** Eurostat combines a few flags at most (`bep`): longer runs of letters are words, not flags. */
const MAX_FLAGS = 3;

/**
 * Returns, for each set of up to three flags (keyed by its letters in alphabetical order, `bep`), the hint for a figure
 * written with them, as a `format()` template whose `{}` is the figure: the status is the first of the flags in
 * `eurostat_flags.csv` that a return gives as OBS_STATUS (b before e, s, f before p: `45 bep` is B, as `import eurostat`
 * reads it), c is CONF_STATUS C, the rest go in COMMENT; z (not applicable) is a value with no figure, OBS_STATUS M.
 *
 * @example eurostatFlagHints(flags).get('p') // 'write {} alone: "p" after it is a Eurostat flag (provisional), which a return gives as OBS_STATUS P'
 */
export function eurostatFlagHints(flags: readonly EurostatFlag[]): Map<string, string> {
  const hints = new Map<string, string>();
  const letters = flags.map((f) => f.flag).sort();
  const add = (from: number, chosen: string[]): void => {
    if (chosen.length > 0) hints.set(chosen.join(''), hintFor(flags.filter((f) => chosen.includes(f.flag))));
    if (chosen.length === MAX_FLAGS) return;
    for (let i = from; i < letters.length; i++) add(i + 1, [...chosen, letters[i]!]);
  };
  add(0, []);
  return hints;
}

/** The hint for the flags `present`, in the order of eurostat_flags.csv. */
function hintFor(present: readonly EurostatFlag[]): string {
  const key = present.map((f) => f.flag).sort().join('');
  const label = (f: EurostatFlag): string => f.label.replace(/\s*\(.*\)$/, '');
  const named = (after: string): string => (present.length === 1
    ? `"${key}" after ${after} is a Eurostat flag (${label(present[0]!)})`
    : `"${key}" after ${after} are Eurostat flags (${[...present].sort((a, b) => a.flag.localeCompare(b.flag)).map((f) => `${f.flag}: ${label(f)}`).join(', ')})`);
  // z, not applicable: no figure to write, whatever flags come with it
  if (present.some((f) => f.obs_status === 'M')) {
    return `leave OBS_VALUE empty and set OBS_STATUS M (missing): ${named('{}')}, and a value that does not apply has no figure`;
  }
  const statuses = present.filter((f) => f.flag !== 'c' && ['B', 'E', 'P'].includes(f.obs_status));
  const status = statuses[0];
  const parts = [
    ...(present.some((f) => f.flag === 'c') ? ['CONF_STATUS C (confidential, never published)'] : []),
    ...(status === undefined ? [] : [`OBS_STATUS ${status.obs_status}${statuses.length > 1 ? `, the first of them (a return has one status)` : ''}`]),
  ];
  const rest = present.filter((f) => f.flag !== 'c' && f !== status);
  const where = parts.length === 0 ? 'in COMMENT' : `as ${parts.join(' and ')}${rest.length === 0 ? '' : `, the ${rest.length === 1 ? 'other' : 'others'} in COMMENT`}`;
  return `write {} alone: ${named('it')}, which a return gives ${where}`;
}
