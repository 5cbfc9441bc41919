/** The dimensions beside the series' state, year and indicator. */
const DIMENSIONS = ['sex', 'age', 'counterpart_area', 'breakdown'] as const;

/**
 * Returns SQL, true for the public value `row` (an alias of `observation_current`) of a member state's return that
 * would give a withheld value of the same return's state, year and indicator back by addition or subtraction: withheld
 * being confidential or internal (CONF_STATUS C, N) or withheld by the state (OBS_STATUS Q). Every other value of a
 * withheld total gives it back (a complete breakdown adds up to it), and so does every part broken down by a dimension
 * a withheld part is (the total less the other parts by counterpart is the counterpart withheld; women by age add up
 * to women). The total and the breakdowns by other dimensions stay, as the marts publish a breakdown only when all its
 * parts and the total are public: 52 women + 25 men gave Albania's confidential 77 victims back.
 *
 * Returns only: an imported value is public as its source published it, beside the source's own suppressed "<5" or
 * ": c" too (UNODC's download holds those figures; leaving them out lost 25,480 of the real downloads' values from the
 * export and protected nothing), and a state's public value gives no UNODC "<5" back (773 of the sample's public
 * return values were left out for that, 3 of them for a confidential return value).
 *
 * @example `select * from observation_current as o where not ${givesBackWithheldSql('o')}`
 */
export function givesBackWithheldSql(row: string): string {
  return `(${row}.source = 'RETURN' and exists (select 1 from observation_current as w
    where w.source = 'RETURN' and w.ref_area = ${row}.ref_area and w.time_period = ${row}.time_period and w.indicator = ${row}.indicator
      and (coalesce(nullif(w.conf_status, ''), 'F') <> 'F' or coalesce(w.obs_status, '') = 'Q')
      and not (${DIMENSIONS.map((d) => `w.${d} = ${row}.${d}`).join(' and ')})
      and ((${DIMENSIONS.map((d) => `w.${d} = '_T'`).join(' and ')}) or ${DIMENSIONS.map((d) => `(w.${d} <> '_T' and ${row}.${d} <> '_T')`).join(' or ')})))`;
}
