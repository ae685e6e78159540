// Runs one DuckDB query `runs` times in one process and prints the rows
// (JSON) on stdout and, on stderr, the first and the best time in ms.
// bench/compact.sh copies it next to an npm install of @duckdb/node-api.
import { DuckDBInstance } from '@duckdb/node-api';

const [sql, runs = '3'] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
let rows, first, best = Infinity;
for (let i = 0; i < Number(runs); i++) {
  const t = performance.now();
  const r = await con.runAndReadAll(sql);
  const ms = performance.now() - t;
  rows = r.getRowObjectsJson();
  if (i === 0) first = ms;
  best = Math.min(best, ms);
}
console.log(JSON.stringify(rows));
console.error(`first_ms=${first.toFixed(0)} best_ms=${best.toFixed(0)}`);
