import { DATE, dayNumbers, SERIAL_1990, SERIAL_2100, SERIAL_EPOCH } from './date-cells.js';
import { GROUP_SPACE_CLASS, otherDigitsHint } from './value-hints.js';

/**
 * SQL: the hint for a TIME_PERIOD that is not four digits, naming the year where the cell holds one ("2025.0",
 * "FY2024", "2024.") and both years of a span ("2024/25"), which a return cannot hold.
 */
export function timePeriodHint(cell: string, maxYear: number): string {
  const v = `trim(${cell})`;
  const span = `'((?:19|20)[0-9]{2})\\s*[-/\\x{2013}]\\s*((?:19|20)?[0-9]{2})'`;
  const second = `regexp_extract(${v}, ${span}, 2)`;
  const first = `regexp_extract(${v}, ${span}, 1)`;
  // the span's second year in full ("2024/25": 2025); a span runs forward ("2025-13" is none: not 2025 or 2013)
  const secondYear = `if(length(${second}) = 2, left(${first}, 2) || ${second}, ${second})`;
  // a part of a year: SDMX's sub-annual periods (2025-Q4, 2025-S2, 2025-M12, 2025-W52; with or without the dash), and a
  // month as a cell formatted as year and month, or month and year, writes it (2025-12, 12.2025): "2025-12" is no span
  // of 2025 to 2012, which the hint below read it as ("write 2025 or 2012"); "2011-12" may be either, and stays a span
  const subAnnual = `'((?:19|20)[0-9]{2})-?([QqSsHhMmWw])[0-9]{1,2}'`;
  const yearMonth = `'((?:19|20)[0-9]{2})\\s*[-/.]\\s*(0[1-9]|1[0-2])'`;
  const monthYear = `'(0?[1-9]|1[0-2])\\s*[-/.]\\s*((?:19|20)[0-9]{2})'`;
  const part = (year: string, kind: string): string =>
    `format('TIME_PERIOD is a calendar year: write {} with the figure for the whole year ({} is {})', ${year}, ct_q(${v}), ${kind})`;
  const kind = `case upper(regexp_extract(${v}, ${subAnnual}, 2)) when 'Q' then 'a quarter' when 'M' then 'a month' when 'W' then 'a week' else 'a half-year' end`;
  return `case
      when regexp_full_match(${v}, '[0-9]{4}[.,]0+') then format('write {}', left(${v}, 4))
      when regexp_full_match(${v}, ${subAnnual}) then ${part(`regexp_extract(${v}, ${subAnnual}, 1)`, kind)}
      when regexp_full_match(${v}, ${yearMonth})
          and try_cast(regexp_extract(${v}, ${yearMonth}, 2) as integer) <> (try_cast(regexp_extract(${v}, ${yearMonth}, 1) as integer) + 1) % 100
        then ${part(`regexp_extract(${v}, ${yearMonth}, 1)`, "'a month'")}
      when regexp_full_match(${v}, ${monthYear}) then ${part(`regexp_extract(${v}, ${monthYear}, 2)`, "'a month'")}
      when regexp_full_match(${v}, ${span}) and try_cast(${secondYear} as integer) > try_cast(${first} as integer)
        then format('TIME_PERIOD is one calendar year: write {} or {}, the year the figure refers to, and say in COMMENT which period it covers',
          ${first}, ${secondYear})
      when regexp_full_match(${v}, '[^0-9]*(19|20)[0-9]{2}[^0-9]*') and not regexp_full_match(${v}, '[0-9]{4}') then format('write {} (four digits only)', regexp_extract(${v}, '(19|20)[0-9]{2}'))
      -- a year in a column formatted as dates: a spreadsheet shows the number 2025 as its 2025th day, 17.07.1905
      when regexp_full_match(${v}, ${DATE}) and len(${yearsAsDates(v, maxYear)}) > 0
        then format('write {}: the year was formatted as a date, which shows the number {} as the day {} (format the column as Text or as a number without decimals, and type the year)',
          array_to_string(${yearsAsDates(v, maxYear)}, ' or '), array_to_string(${yearsAsDates(v, maxYear)}, ' or '), trim(${v}))
      when regexp_full_match(${v}, ${DATE})
        then format('write {}, the year alone: the cell holds a date (format the column as Text or as a number without decimals, and type the year)',
          regexp_extract(${v}, '(?:19|20)[0-9]{2}'))
      ${otherDigitsHint(v)}
      -- a number format grouping thousands, applied to the whole sheet: "2.025", "2,025", "2 025"
      when regexp_full_match(${v}, '(1(?:[.,]|${GROUP_SPACE_CLASS})9|2(?:[.,]|${GROUP_SPACE_CLASS})0)[0-9]{2}')
        then format('write {} (four digits, no thousands separator: format the column as Text or as a number without separators, and type the year)', regexp_replace(${v}, '[^0-9]', '', 'g'))
      -- a date-formatted cell saved as General: the spreadsheet's count of days since 1899-12-30 (32874 is 1990-01-01)
      when try_cast(${v} as integer) between ${SERIAL_1990} and ${SERIAL_2100 - 1} and regexp_full_match(${v}, '[0-9]{5}')
        then format('write {}, the year alone: the cell holds a date as a spreadsheet counts it in days ({} is {}); format the column as Text or as a number without decimals, and type the year',
          year(date '${SERIAL_EPOCH}' + try_cast(${v} as integer)), ${v}, strftime(date '${SERIAL_EPOCH}' + try_cast(${v} as integer), '%Y-%m-%d'))
      -- a year written with two digits ("25", a date format's "yy"): 2000 to this year, else the 1990s
      when regexp_full_match(${v}, '[0-9]{2}') and (2000 + try_cast(${v} as integer) <= ${maxYear} or 1900 + try_cast(${v} as integer) >= 1990)
        then format('write {} if that year is meant: a year has four digits', if(2000 + try_cast(${v} as integer) <= ${maxYear}, 2000, 1900) + try_cast(${v} as integer))
      -- a year to come (a template filled in for next year, a typo): the generic hint asked for four digits it has
      when regexp_full_match(${v}, '[0-9]{4}') and try_cast(${v} as integer) > ${maxYear}
        then format('write the year the figure refers to: {} is after the current year, {}', ${v}, ${maxYear})
      else 'write the calendar year the figure refers to, as four digits' end`;
}

/** SQL: the plausible years (1990 to `maxYear`) a date in `cell` is the day number of, sorted (see dayNumbers). */
function yearsAsDates(cell: string, maxYear: number): string {
  return dayNumbers(cell, 1990, maxYear);
}
