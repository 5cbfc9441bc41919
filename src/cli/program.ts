import { Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../context.js';
import { anyCaseChoices } from './any-case-choices.js';
import { refuseRepeatedOptions } from './refuse-repeated-options.js';

/** Options every command that touches data accepts. */
export interface CommonOptions {
  warehouse?: string;
  config?: string;
  json?: boolean;
  debug?: boolean;
}

/** The exit code an action returns: 0 ok, 1 data failure (2 and 3 come from thrown errors). */
export type ExitCode = number;

/** Receives each action's exit code (main.ts sets process.exitCode from it). */
export type ExitSink = (code: ExitCode) => void;

const common = (command: Command, { warehouse = true } = {}): Command => {
  if (warehouse) command.option('--warehouse <path>', 'warehouse file (default: data/warehouse.duckdb, or "warehouse" in the config)');
  return command
    .option('--config <path>', 'config file', 'data/crimetrends.config.json')
    .option('--json', 'print exactly one JSON document on stdout', false)
    .option('--debug', 'show stack traces and causes of errors', false);
};

const examples = (command: Command, lines: string[]): Command =>
  command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);

const year = (value: string): number => {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`expected a year like 2025, found "${value}"`);
  return Number(value);
};

/** Returns a parser of one of `choices` written in any case (`UNODC` as `unodc`, as the JSON names it); commander's own is exact. */
const SOURCES = ['unodc', 'eurostat', 'worldbank'];
const COMPARED_SOURCES = ['unodc', 'eurostat'];

/** The year a return reports on: four digits from 1990 to next year (a template is drawn up ahead). */
/** `--out DIR` of a command that writes a folder of files, which standard output cannot hold. */
const outFolder = (value: string): string => {
  if (value === '-') throw new InvalidArgumentError('expected a folder, found "-" (standard output): this command writes a folder of files');
  return value;
};

const reportingYear = (ctx: Context) => (value: string): number => {
  const latest = ctx.clock().getUTCFullYear() + 1;
  const parsed = year(value);
  if (parsed < 1990 || parsed > latest) throw new InvalidArgumentError(`expected a year from 1990 to ${latest}, found "${value}"`);
  return parsed;
};

/**
 * Returns the commander program with every command defined. Nothing heavy is imported here: each action loads its
 * module on demand, so `--help` and `template` start fast.
 */
export function createProgram(ctx: Context, setExit: ExitSink): Command {
  const program = new Command('crimetrends')
    .description('Annual Assessment of transnational crime trends: validate, ingest, model and publish member-state returns')
    .version(ctx.toolVersion, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => process.stderr.write(s) })
    .exitOverride()
    // the shared options, which moveLeadingOptions takes before a command's name too, were in no help before
    .addHelpText('after', [
      '',
      'Every command also takes --warehouse <path>, --config <path>, --json and --debug, after its name or before it',
      '(template and dictionary read no warehouse: they ignore a --warehouse given before their name).',
      '',
      'Examples:',
      '  $ crimetrends run --year 2025',
      '  $ crimetrends --warehouse w.duckdb status --year 2025',
      '  $ crimetrends validate --help',
      '',
    ].join('\n'))
    // `--out -` is standard output, as no --out (was: a file named "-"); a command writing a folder refuses it (outFolder)
    .hook('preAction', (_, action) => {
      if (action.getOptionValue('out') === '-') action.setOptionValue('out', undefined);
    });

  const run = <A extends unknown[]>(load: () => Promise<(ctx: Context, ...args: A) => Promise<ExitCode>>) =>
    async (...args: A): Promise<void> => {
      const action = await load();
      setExit(await action(ctx, ...args));
    };

  examples(
    common(program.command('template'), { warehouse: false })
      .description('write an empty return for a state and year: every expected series, values blank')
      .requiredOption('--state <iso3>', 'reporting state (ISO 3166-1 alpha-3, or its name)')
      .requiredOption('--year <yyyy>', 'reporting year (1990 to next year)', reportingYear(ctx))
      .option('--out <file>', 'write to this file instead of stdout: CSV, or an Excel workbook with drop-downs for a .xlsx name (an existing file is kept unless --force; - is stdout)')
      .option('--force', 'replace the --out file if it exists', false),
    ['crimetrends template --state ROU --year 2025 --out ROU_2025.csv', 'crimetrends template --state ROU --year 2025 --out ROU_2025.xlsx'],
  ).action(run(async () => (await import('./template.js')).templateAction));

  examples(
    common(program.command('dictionary'), { warehouse: false })
      .description('document every column, indicator and code list of the return format')
      .addOption(new Option('--format <format>', 'output format (default: md; with --out, the file\'s extension: .html or .md)').choices(['md', 'html']))
      .option('--out <file>', 'write to this file instead of stdout (an existing file is kept unless --force; - is stdout)')
      .option('--force', 'replace the --out file if it exists', false),
    ['crimetrends dictionary --format html --out dictionary.html'],
  ).action(run(async () => (await import('./dictionary.js')).dictionaryAction));

  examples(
    common(program.command('validate'))
      .description('check returns without writing anything; exit 1 when any file has errors')
      .argument('<files...>', 'CSV returns')
      .option('--state <iso3>', 'the state the files must report (ISO 3166-1 alpha-3, or its name)')
      .option('--year <yyyy>', 'the reporting year (1990 to next year): no TIME_PERIOD may be later', reportingYear(ctx))
      .option('--compare', 'compare with the previous year in the warehouse (read-only; implied by --warehouse)', false)
      .option('--received-at <date>', 'compare as ingest --received-at would receive the files (implies --compare; default: now, or _received.csv)'),
    ['crimetrends validate ROU_2025.csv', 'crimetrends validate --state ROU --year 2025 --json returns/ROU_2025.csv',
      'crimetrends validate --warehouse data/warehouse.duckdb --received-at 2026-01-20 ROU_2025.csv ROU_2025_v2.csv'],
  ).action(run(async () => (await import('./validate.js')).validateAction));

  examples(
    common(program.command('ingest'))
      .description('validate, archive and load returns into the warehouse (one transaction per file)')
      .argument('<paths...>', 'CSV returns or folders of them')
      .option('--year <yyyy>', 'reporting year (default: the latest TIME_PERIOD in each file)', year)
      .option('--state <iso3>', 'the state the files must report')
      .option('--received-at <date>', 'when the files were received (default: now; a _received.csv beside the files is read too)')
      .option('--correct-receipt', 'with --received-at: a named file already in the warehouse takes that receipt time (the old one is kept in receipt_correction)', false),
    ['crimetrends ingest data/submissions/2025/', 'crimetrends ingest --year 2025 ROU_2025.csv', 'crimetrends ingest "GEO_2025 (corrected).csv" --received-at 2026-01-20T15:00:00Z --correct-receipt'],
  ).action(run(async () => (await import('./ingest.js')).ingestAction));

  examples(
    common(program.command('status'))
      .description('which states have returned, on time or late, with what outcome; missing states first')
      .option('--year <yyyy>', 'reporting year (default: one line per year the warehouse holds returns for)', year)
      .option('--group <code>', 'group of states (BSEC, SEECP, WB6)')
      .option('--history', 'list superseded and rejected versions too', false)
      .option('--as-of <date>', 'as it stood at the end of that day (UTC), or at that time: files received after it are not counted'),
    ['crimetrends status --year 2025', 'crimetrends status --year 2025 --group WB6 --history', 'crimetrends status --year 2025 --as-of 2026-01-31', 'crimetrends status'],
  ).action(run(async () => (await import('./status.js')).statusAction));

  examples(
    common(program.command('import'))
      .description('load published downloads (UNODC, Eurostat, World Bank) into the warehouse, source-tagged')
      .addArgument(program.createArgument('<source>', 'where the files come from, any case').choices(SOURCES))
      // optional for commander, required by the action: `import x.csv` is then refused as a source that is not one
      // (naming the choices and the order) rather than as "missing required argument 'files'"
      .argument('[files...]', 'downloads (.csv, .xlsx, .tsv)')
      .option('--published <yyyy-mm-dd>', 'publication date of the downloads, where the file carries none or a wrong one (the newest publication is in use)'),
    ['crimetrends import unodc data_glotip_2023-05-30.xlsx', 'crimetrends import worldbank population.csv',
      'crimetrends import unodc --published 2023-06-01 data_cts_corruption_and_economic_crime.csv'],
  ).action(run(async () => (await import('./import.js')).importAction));

  examples(
    common(program.command('build')).description('(re)build every mart from the warehouse with the SQL models in pipeline/'),
    ['crimetrends build', 'crimetrends build --json'],
  ).action(run(async () => (await import('./build.js')).buildAction));

  examples(
    common(program.command('report'))
      .description('write the Annual Assessment as a static HTML site (reads the warehouse read-only)')
      .requiredOption('--year <yyyy>', 'reference year of the review', year)
      .option('--group <code>', 'group of states the review covers')
      .option('--out <dir>', 'output folder (default: reports/<year>)', outFolder)
      .option('--pdf', 'also print the review to PDF with the browser', false),
    ['crimetrends report --year 2025', 'crimetrends report --year 2025 --group SEECP --out /tmp/review'],
  ).action(run(async () => (await import('./report.js')).reportAction));

  examples(
    common(program.command('run'))
      .description('the February job: ingest the returns folder, build the marts, write the review')
      .requiredOption('--year <yyyy>', 'reference year', year)
      .option('--returns <dir>', 'folder of returns (default: data/submissions/<year>, else the bundled sample)')
      .option('--group <code>', 'group of states the review covers')
      .option('--out <dir>', 'output folder (default: reports/<year>)', outFolder),
    ['crimetrends run --year 2025', 'crimetrends run --year 2025 --returns /srv/returns/2025'],
  ).action(run(async () => (await import('./run.js')).runAction));

  examples(
    common(program.command('query'))
      .description('run read-only SQL on the warehouse')
      .argument('[sql]', 'the query')
      .option('--file <file>', 'read the query from a file')
      .addOption(new Option('--format <format>', 'output format (default: table; with --out, the file\'s extension: .csv, .json or .parquet)').choices(['table', 'csv', 'json', 'parquet']))
      .option('--out <file>', 'write to this file (required for parquet; - is stdout)')
      .option('--schema', 'list every documented view and mart with its columns and grain', false),
    ['crimetrends query "select * from series_total limit 5"', 'crimetrends query --schema', 'crimetrends query --file q.sql --out q.csv'],
  ).action(run(async () => (await import('./query.js')).queryAction));

  examples(
    common(program.command('export'))
      .description('export observations as CSV, Parquet (hive-partitioned by year) or SDMX-CSV')
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'parquet', 'sdmx-csv']).makeOptionMandatory())
      .option('--year <yyyy>', 'only this TIME_PERIOD', year)
      .option('--out <path>', 'output file (csv, sdmx-csv; - is stdout) or folder (parquet)')
      .option('--include-confidential', 'include CONF_STATUS C and N values (warns)', false),
    ['crimetrends export --format sdmx-csv --year 2025 --out obs_2025.csv', 'crimetrends export --format parquet --out export/'],
  ).action(run(async () => (await import('./export.js')).exportAction));

  examples(
    common(program.command('compare'))
      .description('compare member-state returns with imported series, largest discrepancies first')
      .addOption(new Option('--source <source>', 'imported source, any case').choices(COMPARED_SOURCES).default('unodc'))
      .option('--year <yyyy>', 'only this TIME_PERIOD', year)
      .option('--state <iso3>', 'only this reporting state (ISO 3166-1 alpha-3, or its name)')
      .option('--indicator <code>', 'only this indicator (any case)')
      .option('--include-confidential', 'compare and show CONF_STATUS C and N (and OBS_STATUS Q) return values, for internal use (marks the output, warns)', false),
    ['crimetrends compare --source unodc --year 2021', 'crimetrends compare --state ROU --indicator TIP_VIC', 'crimetrends compare --source unodc --include-confidential'],
  ).action(run(async () => (await import('./compare.js')).compareAction));

  return refuseRepeatedOptions(anyCaseChoices(program));
}
