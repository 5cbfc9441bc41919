// The floor for many small files: DuckDB's plain read_csv of each file into a table, in one process (plain JS).
// usage: node floor-read-csvs.mjs FILE...
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
for (const [i, file] of process.argv.slice(2).entries()) {
  await connection.run(`create table t${i} as select * from read_csv('${file.replaceAll("'", "''")}')`);
}
connection.closeSync();
instance.closeSync();
