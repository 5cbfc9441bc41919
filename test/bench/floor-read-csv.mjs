// The floor: DuckDB's plain read_csv of a file into a table, as a whole process (plain JS: no TypeScript loader).
// usage: node floor-read-csv.mjs FILE [DATABASE]   (DATABASE defaults to in-memory; a path writes a DuckDB file)
import { DuckDBInstance } from '@duckdb/node-api';

const [file, database = ':memory:'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(database);
const connection = await instance.connect();
await connection.run(`create table t as select * from read_csv('${file.replaceAll("'", "''")}')`);
if (database !== ':memory:') await connection.run('checkpoint');
connection.closeSync();
instance.closeSync();
