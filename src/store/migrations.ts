/**
 * The warehouse schema as numbered migrations. Each entry runs once, in order, inside one transaction, and is
 * recorded in `schema_migration`; an older warehouse file upgrades in place on open. Never edit a published
 * migration: add a new one.
 */
import { currentRowsSql } from './refresh-current.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

const CURRENT_VIEWS = `
-- observation_current: the current value of every series (grain: ref_area × time_period × indicator × sex × age ×
-- counterpart_area × breakdown). Only accepted submissions count; a member state's return outranks an import of the
-- same series; among equals the latest received submission wins (a later return revises earlier years).
create or replace view observation_current as
with ranked as (
  select
    o.*,
    row_number() over (
      partition by o.ref_area, o.time_period, o.indicator, o.sex, o.age, o.counterpart_area, o.breakdown
      order by case o.source when 'RETURN' then 0 when 'UNODC' then 1 else 2 end,
        s.received_at desc, s.submission_id desc
    ) as series_rank
  from observation as o
  inner join submission as s on s.submission_id = o.submission_id
  where s.outcome = 'accepted'
)
select ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
  obs_value, obs_status, conf_status, comment, source, submission_id
from ranked
where series_rank = 1;

-- submission_latest: one row per member-state return (grain: ref_area × reporting_year): the latest file offered,
-- its outcome, the accepted version in force (which may be an earlier one when the latest was rejected) and how
-- many versions were offered.
create or replace view submission_latest as
with returns as (
  select *,
    row_number() over (partition by ref_area, reporting_year order by received_at desc, submission_id desc) as version_rank,
    count(*) over (partition by ref_area, reporting_year) as versions,
    max(case when outcome = 'accepted' then submission_id end) over (partition by ref_area, reporting_year) as accepted_submission_id,
    min(received_at) over (partition by ref_area, reporting_year) as first_received_at
  from submission
  where source = 'RETURN' and ref_area is not null and reporting_year is not null
)
select submission_id, ref_area, reporting_year, file_name, sha256, size_bytes, received_at, first_received_at,
  outcome, rows_total, rows_accepted, errors, warnings, tool_version, versions, accepted_submission_id
from returns
where version_rank = 1;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'submissions, observations, validation issues, population, reference tables',
    sql: `
create table submission (
  submission_id integer primary key,
  source varchar not null,            -- RETURN, UNODC, EUROSTAT, WORLDBANK
  dataset varchar,                    -- for imports: the download (GLOTIP, IAFQ, CTS, crim_off_cat, SP.POP.TOTL)
  ref_area varchar,                   -- the reporting state; null for a multi-state file or an import
  reporting_year integer,
  file_name varchar not null,         -- the base name as offered; display only, never used as a path
  sha256 varchar not null,
  size_bytes bigint not null,
  received_at timestamp not null,
  outcome varchar not null,           -- accepted, rejected, superseded
  superseded_by integer,
  rows_total integer not null,        -- data lines offered (header excluded)
  rows_accepted integer not null,
  errors integer not null,
  warnings integer not null,
  tool_version varchar not null
);
create table observation (
  submission_id integer not null,
  line integer,                       -- physical line in the offered file (header = 1)
  ref_area varchar not null,
  time_period integer not null,
  indicator varchar not null,
  sex varchar not null,
  age varchar not null,
  counterpart_area varchar not null,
  breakdown varchar not null,
  obs_value double,
  obs_status varchar not null,
  conf_status varchar not null,
  comment varchar,
  source varchar not null             -- RETURN, UNODC, EUROSTAT
);
create table validation_issue (
  submission_id integer not null,
  code varchar not null,
  severity varchar not null,          -- error, warning
  file varchar,
  line integer,
  "column" varchar,
  value varchar,
  message varchar not null,
  hint varchar
);
create table population (
  submission_id integer not null,
  ref_area varchar not null,
  year integer not null,
  persons double not null,
  source varchar not null             -- WORLDBANK (returns' POP rows stay in observation)
);
create table ref_state (
  iso3 varchar primary key, iso2 varchar, numeric_code varchar, name_en varchar not null, names_native varchar,
  is_member boolean not null
);
create table ref_state_group (group_code varchar not null, iso3 varchar not null, primary key (group_code, iso3));
create table ref_indicator (
  code varchar primary key, area varchar not null, name varchar not null, definition varchar not null,
  iccs varchar, unit varchar not null, stage varchar not null, stage_order integer, dimensions varchar not null,
  breakdown_list varchar, counterpart_meaning varchar, is_headline boolean not null
);
create table ref_code (codelist varchar not null, code varchar not null, label varchar not null, primary key (codelist, code));
create table ref_area (area varchar primary key, name varchar not null, chapter varchar not null, sort_order integer not null, colour varchar not null);
${CURRENT_VIEWS}
`,
  },
  {
    version: 2,
    description: 'current values flagged on observation (is_current, set per submission) instead of ranked on every read',
    sql: `
alter table observation add column is_current boolean default false;
update observation set is_current = true from (${currentRowsSql('true', '', false)}) as winners where observation.rowid = winners.rid;
-- observation_current: the current value of every series (see currentRowsSql), flagged on observation by each
-- submission's transaction; reading it no longer ranks every observation.
create or replace view observation_current as
select ref_area, time_period, indicator, sex, age, counterpart_area, breakdown,
  obs_value, obs_status, conf_status, comment, source, submission_id
from observation
where is_current;
-- population_current: the population of accepted imports only (a newer download supersedes an older one)
create or replace view population_current as
select p.submission_id, p.ref_area, p.year, p.persons, p.source
from population as p
inner join submission as s on s.submission_id = p.submission_id
where s.outcome = 'accepted';
`,
  },
  {
    version: 3,
    description: 'population_current per country: a newer World Bank download replaces an older one only for the countries it has',
    sql: `
-- population_current: for each country, the population of the latest accepted import that has rows for it (ties on
-- the receipt time: greater file name, then sha256), so that a file for a few countries replaces those only.
create or replace view population_current as
select submission_id, ref_area, year, persons, source
from (
  select p.submission_id, p.ref_area, p.year, p.persons, p.source,
    p.submission_id = first_value(p.submission_id) over (
      partition by p.source, s.dataset, p.ref_area order by s.received_at desc, s.file_name desc, s.sha256 desc, s.submission_id desc
    ) as is_in_force
  from population as p
  inner join submission as s on s.submission_id = p.submission_id
  where s.outcome = 'accepted'
)
where is_in_force;
`,
  },
  {
    version: 4,
    description: "a return's issues name its file by the base name, as submission.file_name does, never the path it was offered from",
    sql: `
-- ingest stored the path as typed (data/sample/returns/GEO_2025.csv, /home/…/BGR_2025.csv) where imports and
-- submission.file_name store the base name; every issue of a return is about the return itself
update validation_issue set file = s.file_name
from submission as s
where s.submission_id = validation_issue.submission_id and s.source = 'RETURN'
  and validation_issue.file is not null and validation_issue.file <> s.file_name;
`,
  },
  {
    version: 5,
    description: "a state's own return outranks the rows for it in a file taken for another state or for several",
    sql: `
-- re-rank every series under the rule currentRowsSql now applies: a row of BGR in Romania's return (a mistyped
-- REF_AREA), received after Bulgaria's own return, had replaced Bulgaria's figure
update observation set is_current = false where is_current;
update observation set is_current = true from (${currentRowsSql('true', '', false)}) as winners where observation.rowid = winners.rid;
`,
  },
  {
    version: 6,
    description: 'imports record the publication they are (published_on, read from the download or given with --published); the newest publication is in force, not the last imported',
    sql: `
-- published_on: the date the download carries (UNODC's date under its publisher line, Eurostat's LAST UPDATE, the
-- World Bank's "Last Updated Date"), or the one given with import --published; null when neither (and for returns).
-- published_how: 'file' or 'option'. Earlier imports have neither: among imports without a date the last imported
-- stays in force, as before, so no current value changes here (see currentRowsSql).
alter table submission add column published_on date;
alter table submission add column published_how varchar;
-- population_current: for each country, the population of the accepted import of the newest publication that has
-- rows for it (then the latest received; ties: greater file name, then sha256), as currentRowsSql ranks observations
create or replace view population_current as
select submission_id, ref_area, year, persons, source
from (
  select p.submission_id, p.ref_area, p.year, p.persons, p.source,
    p.submission_id = first_value(p.submission_id) over (
      partition by p.source, s.dataset, p.ref_area
      order by s.published_on desc nulls last, s.received_at desc, s.file_name desc, s.sha256 desc, s.submission_id desc
    ) as is_in_force
  from population as p
  inner join submission as s on s.submission_id = p.submission_id
  where s.outcome = 'accepted'
)
where is_in_force;
`,
  },
  {
    version: 7,
    description: 'receipt corrections: a receipt time corrected by ingest --received-at keeps the time it replaced',
    sql: `
-- receipt_correction: one row per correction of submission.received_at (the same bytes offered again with another
-- --received-at, once the state said which of two versions came later); the time before is kept here, never lost
create table receipt_correction (
  submission_id integer not null,     -- the submission whose receipt was corrected
  received_at_before timestamp not null,
  received_at_after timestamp not null,
  corrected_at timestamp not null,    -- when the correction was recorded (UTC)
  in_force_before integer,            -- the version of its state and year in force before the correction
  in_force_after integer,             -- and after it (the versions are ranked again)
  tool_version varchar not null
);
`,
  },
  {
    version: 8,
    description: 'imports keep the text the source published for a value it gave no figure for (UNODC\'s "<5")',
    sql: `
-- published_text: for an imported row the source suppressed (status Q, no value), what it published in place of the
-- figure, as written: UNODC's "<5", a bound that compare holds a return's value against. Null for every other row,
-- and for the rows imported before this migration: the download is not read again, so their text is not known
-- (compare lists them as suppressed, as before).
alter table observation add column published_text varchar;
`,
  },
  {
    version: 9,
    description: "a workbook return's issues keep the sheet and the cell they are at, so that status locates them as validate does",
    sql: `
-- sheet: the sheet of a return sent as a workbook (.xlsx) the issue is at; cell: the cell as Excel names it (H12), for an
-- issue at a row and a named column. Null for a CSV's issues, an import's, the workbook's own (a sheet passed over), and
-- for every issue stored before this migration (the workbook is not read again: status shows those as file:row).
alter table validation_issue add column sheet varchar;
alter table validation_issue add column cell varchar;
`,
  },
  {
    version: 10,
    description: "re-offered files: bytes already in the warehouse offered again under a name that says another state or year than their rows",
    sql: `
-- re_offer: one row per file name whose bytes a submission already holds, offered again under a name that says another
-- state or year than the rows (MDA_2025.csv holding the bytes of MDA_2024.csv: last year's return sent again). Nothing
-- is loaded and no submission recorded; this keeps that the state sent something, which status lists under it. The
-- first receipt of a name and bytes is kept (a second run over the same folder adds nothing).
create table re_offer (
  file_name varchar not null,         -- the base name it was offered under
  sha256 varchar not null,
  received_at timestamp not null,     -- its receipt time (the folder's _received.csv, --received-at, or when ingested)
  submission_id integer not null,     -- the submission whose bytes it repeats
  recorded_at timestamp not null,     -- when ingest recorded it (UTC)
  tool_version varchar not null,
  primary key (file_name, sha256)
);
`,
  },
];
