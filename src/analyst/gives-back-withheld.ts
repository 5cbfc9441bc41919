/** The dimensions beside the series' state, year and indicator. */
const DIMENSIONS = ['sex', 'age', 'counterpart_area', 'breakdown'] as const;

/**
 * Returns SQL, true for the public value `row` (an alias of `observation_current`) that would give a withheld value
 * of the same state, year and indicator back by addition or subtraction: withheld being confidential or internal
 * (CONF_STATUS C, N) or withheld by the state (OBS_STATUS Q). Every other value of a withheld total gives it back (a
 * complete breakdown adds up to it), and so does every part broken down by a dimension a withheld part is (the total
 * less the other parts by counterpart is the counterpart withheld; women by age add up to women). The total and the
 * breakdowns by other dimensions stay, as the marts publish a breakdown only when all its parts and the total are
 * public: 52 women + 25 men gave Albania's confidential 77 victims back. Only a withheld value of the same source
 * counts: UNODC's suppressed "<5" beside a state's own return gives nothing of the return back (with UNODC's real downloads imported, 773 of the
 * sample's public return values were left out of the export, 3 of them for a confidential return value), and a return's confidential
 * value is not in UNODC's figures.
 *
 * @example `select * from observation_current as o where not ${givesBackWithheldSql('o')}`
 */
export function givesBackWithheldSql(row: string): string {
  return `exists (select 1 from observation_current as w
    where w.source = ${row}.source and w.ref_area = ${row}.ref_area and w.time_period = ${row}.time_period and w.indicator = ${row}.indicator
      and (coalesce(nullif(w.conf_status, ''), 'F') <> 'F' or coalesce(w.obs_status, '') = 'Q')
      and not (${DIMENSIONS.map((d) => `w.${d} = ${row}.${d}`).join(' and ')})
      and ((${DIMENSIONS.map((d) => `w.${d} = '_T'`).join(' and ')}) or ${DIMENSIONS.map((d) => `(w.${d} <> '_T' and ${row}.${d} <> '_T')`).join(' or ')}))`;
}
