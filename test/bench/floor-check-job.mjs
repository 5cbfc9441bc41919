// The least check job: what any validator of the issue's rules must do with DuckDB, and no more, as a whole process
// (plain JS). It reads the file into a table (cells as written, in file order, as needed to name a line and a value),
// then one pass for the coded columns, the year and the value, one aggregate for repeated series and one for the
// breakdowns' sums; it keeps only counts (no lines, no messages, no header mapping, no encoding or quote checks), and
// leaves out the stage order, year-on-year and every other rule. Prints the counts as JSON.
// usage: PEER_INDICATORS=codes.txt node floor-check-job.mjs FILE
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [file] = process.argv.slice(2);
const literal = (s) => `'${s.replaceAll("'", "''")}'`;
const list = (codes) => `(${codes.map(literal).join(', ')})`;
const indicators = readFileSync(process.env.PEER_INDICATORS, 'utf8').split('\n').filter(Boolean);
const states = ['ALB', 'ARM', 'AZE', 'BGR', 'GEO', 'GRC', 'MDA', 'MKD', 'ROU', 'RUS', 'SRB', 'TUR', 'UKR'];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const columns = ['ref_area', 'time_period', 'indicator', 'sex', 'age', 'counterpart_area', 'breakdown', 'obs_value', 'obs_status', 'conf_status', 'comment'];
await connection.run(`create table t as select * from read_csv(${literal(file)}, header = true, auto_detect = false,
  columns = {${columns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, delim = ',', quote = '"', escape = '"', strict_mode = true)`);
const [checks] = (await connection.runAndReadAll(`select
    count(*) filter (where ref_area not in ${list(states)} or indicator not in ${list(indicators)}
      or sex not in ('_T', 'F', 'M', '_U') or obs_status not in ('A', 'P', 'E', 'B', 'M', 'L', 'O', 'Q') or conf_status not in ('F', 'C', 'N')
      or try_cast(time_period as integer) not between 1990 and 2026 or try_cast(obs_value as double) is null or try_cast(obs_value as double) < 0) as bad
  from t`)).getRowObjects();
const [repeated] = (await connection.runAndReadAll(`select count(*) as repeated from (
    select hash(ref_area, time_period, indicator, sex, age, counterpart_area, breakdown) as k from t group by k having count(*) > 1)`)).getRowObjects();
const [sums] = (await connection.runAndReadAll(`select count(*) filter (where abs(parts - total) > 0.01 * total) as off from (
    select sum(try_cast(obs_value as double)) filter (where breakdown <> '_T' and sex = '_T' and age = '_T' and counterpart_area = '_T') as parts,
      max(try_cast(obs_value as double)) filter (where breakdown = '_T' and sex = '_T' and age = '_T' and counterpart_area = '_T') as total
    from t group by ref_area, time_period, indicator)`)).getRowObjects();
process.stdout.write(`${JSON.stringify({ ...checks, ...repeated, ...sums }, (_, v) => (typeof v === 'bigint' ? Number(v) : v))}\n`);
connection.closeSync();
instance.closeSync();
