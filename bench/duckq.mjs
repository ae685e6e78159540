// Runs one DuckDB query `runs` times in one process and prints the rows
// (JSON) on stdout and, on stderr, the first and the best time in ms,
// wall and CPU (the process's user + system time, every DuckDB thread):
// on a shared machine the wall time depends on the other load, the CPU
// time much less. bench/compact.sh and bench/scale.sh copy it next to an
// npm install of @duckdb/node-api.
import { DuckDBInstance } from '@duckdb/node-api';

const [sql, runs = '3'] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
let rows, first, firstCPU, best = Infinity, bestCPU = Infinity;
for (let i = 0; i < Number(runs); i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await con.runAndReadAll(sql);
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  const cpu = (used.user + used.system) / 1000;
  rows = r.getRowObjectsJson();
  if (i === 0) [first, firstCPU] = [ms, cpu];
  best = Math.min(best, ms);
  bestCPU = Math.min(bestCPU, cpu);
}
console.log(JSON.stringify(rows));
console.error(`first_ms=${first.toFixed(0)} best_ms=${best.toFixed(0)} first_cpu_ms=${firstCPU.toFixed(0)} best_cpu_ms=${bestCPU.toFixed(0)}`);
