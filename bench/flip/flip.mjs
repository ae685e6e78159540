// flip.mjs FILE TRIALS: flips one bit at a time at random (a fixed seed)
// in the data pages of a Parquet file (past the magic, before the
// footer), reads each copy with DuckDB, and counts the copies read
// without an error as other rows (silent), the ones refused (error), and
// the ones read as the same rows (a bit no reader looks at).
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [src, trials] = [process.argv[2], Number(process.argv[3] || 300)];
const orig = fs.readFileSync(src);
const dataEnd = orig.length - 8 - orig.readUInt32LE(orig.length - 8);
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rowsHash = async (f) => {
  const r = await con.runAndReadAll(`SELECT count(*)::VARCHAR || ':' || sum(hash(t))::VARCHAR FROM read_parquet('${f}') t`);
  return r.getRows()[0][0];
};
const want = await rowsHash(src);
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flip-'));
const n = { silent: 0, error: 0, same: 0 };
for (let i = 0; i < trials; i++) {
  const b = Buffer.from(orig);
  b[4 + Math.floor(rnd() * (dataEnd - 4))] ^= 1 << Math.floor(rnd() * 8);
  const f = path.join(tmp, 'f.parquet');
  fs.writeFileSync(f, b);
  try {
    (await rowsHash(f)) === want ? n.same++ : n.silent++;
  } catch {
    n.error++;
  }
}
fs.rmSync(tmp, { recursive: true });
console.log(JSON.stringify({ file: src, trials, ...n }));
