/**
 * The `crimetrends` executable: parses the command line and maps every failure to an exit code.
 * 0 success, 1 data or pipeline failure, 2 usage or configuration error, 3 internal error.
 */
import { CommanderError } from 'commander';
import { createContext, readToolVersion } from '../context.js';
import { EXIT } from '../errors.js';
import { moveLeadingOptions } from './move-leading-options.js';
import { createProgram } from './program.js';
import { printFailure, toJson } from './output.js';
import { protectSqlArgument } from './protect-sql-argument.js';

/** An argument after `query` taken for an option (`-1`): how to pass it as the SQL. */
// SQL starting with - is a -- comment line, the query on the lines below ("-1 as x" is no query: its example failed);
// $'…' is how bash and zsh type the line break on one line
const QUERY_DASH_HINT = "a query that starts with - (a -- comment line, the query on the next) goes after --, as in crimetrends query -- $'-- a note\\nselect 1 as x', or in a file: --file q.sql";
const IMPORT_SOURCE_HINT = 'name the source, then the files: crimetrends import unodc data_glotip_2023-05-30.xlsx';

const argv = process.argv.slice(2);
// a reader that stops early (`crimetrends query … | head`) closes the pipe: the command still finishes (an ingest
// still commits), its remaining output goes nowhere, as with any Unix tool
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
const isDebug = argv.includes('--debug');
const isJson = argv.includes('--json');
const useColour = process.stderr.isTTY === true && !process.env.NO_COLOR;
const ctx = createContext({
  logger: {
    info: (message) => process.stderr.write(`${message}\n`),
    warn: (message) => process.stderr.write(`${useColour ? '\u001b[33mwarning\u001b[0m' : 'warning'}: ${message}\n`),
    debug: (message) => {
      if (isDebug) process.stderr.write(`debug: ${message}\n`);
    },
  },
  isInteractive: process.stderr.isTTY === true,
  useColour,
  toolVersion: readToolVersion(),
});

const program = createProgram(ctx, (code) => {
  process.exitCode = code;
});
const optionsOf = new Map(program.commands.map((c) => [c.name(), c.options]));
// `crimetrends --config c.json status` as `crimetrends status --config c.json`; `query "-- note⏎select …"` as the SQL
const moved = moveLeadingOptions(argv, new Map([...optionsOf].map(([name, options]) => [name, new Set(options.flatMap((o) => o.long ?? []))])));
const queryValueOptions = new Set((optionsOf.get('query') ?? []).filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short].filter((n) => n !== undefined)));
const args = protectSqlArgument(moved, queryValueOptions);
try {
  await program.parseAsync(args, { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) {
    // `crimetrends` alone is commander.help with exit code 1 (the help, on stderr): a usage error, exit 2, as a script
    // must see it (was 0); `--help` and `help` print it on stdout with exit code 0
    const isHelp = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || (error.code === 'commander.help' && error.exitCode === 0);
    process.exitCode = isHelp ? EXIT.ok : EXIT.usage;
    const hint =
      // an unknown long option (--sql, --year) is a mistyped option, not SQL starting with -: the usual usage line
      error.code === 'commander.unknownOption' && args[0] === 'query' && !/unknown option '--\w/.test(error.message)
        ? QUERY_DASH_HINT
        : error.code === 'commander.invalidArgument' && args[0] === 'import'
          ? IMPORT_SOURCE_HINT
          : 'run with --help for usage';
    if (hint !== 'run with --help for usage' && !isJson) process.stderr.write(`hint: ${hint}\n`);
    // commander has said what is wrong on stderr; --json still gets its one document on stdout
    if (!isHelp && isJson) {
      const names = new Set(program.commands.map((c) => c.name()));
      ctx.out(toJson({
        ok: false,
        command: argv.find((a) => names.has(a)) ?? '',
        error: { code: 'USAGE_ERROR', message: error.code === 'commander.help' ? 'no command given' : error.message.replace(/^error: /, ''), file: null, line: null, column: null, hint },
        issues: [],
      }));
    }
  } else {
    process.exitCode = printFailure(error, { command: args[0] ?? '', isJson, isDebug, useColour, out: ctx.out });
  }
}
