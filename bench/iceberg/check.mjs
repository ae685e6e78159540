// Reads each dataset of the OUTs named on the command line three ways and
// compares them: the Hive folders with DuckDB (read_parquet), the Iceberg
// table with icebird (metadata/version-hint.text, manifests, data files,
// all fetched over a local HTTP server, as icebird reads by URL), and the
// Iceberg table with DuckDB (iceberg_scan when the iceberg extension
// loads; else read_parquet of the data files the table's manifests list).
// Each reading gives a row count and a checksum (SHA-256 of the sorted
// keys and amounts of its rows); any difference exits 1.
//
// Several OUTs: machines sharing one catalog; each table's metadata is in
// the OUT that created it, and the Hive reading is the union of the OUTs.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { icebergRead, icebergMetadata, icebergManifests } from 'icebird'
import { DuckDBInstance } from '@duckdb/node-api'

const datasets = ['reports', 'line_items', 'checks', 'statements']
// The columns a row is known by, and its amount where it has one.
const keys = {
  reports: ['report_id', 'source_path', 'status'],
  line_items: ['report_id', 'table_id', 'row_seq', 'column_key', 'amount'],
  checks: ['report_id', 'check_id', 'location', 'status', 'actual'],
  statements: ['report_id', 'seq', 'metric', 'value'],
}
const decimals = new Set(['amount', 'actual', 'value'])

const args = process.argv.slice(2)
const outs = args.map(a => path.resolve(a))
// A table's metadata is in the OUT that created it (the first to commit).
const tableOut = ds => outs.find(o => fs.existsSync(path.join(o, ds, 'metadata', 'version-hint.text')))

// A read-only server of the file system by absolute path, with ranges.
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname)
  if (!outs.some(o => p.startsWith(o + '/'))) { res.writeHead(403); res.end(); return }
  fs.stat(p, (err, st) => {
    if (err) { res.writeHead(404); res.end(); return }
    const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range || '')
    if (m) {
      const start = +m[1], end = m[2] ? Math.min(+m[2], st.size - 1) : st.size - 1
      res.writeHead(206, { 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${st.size}` })
      fs.createReadStream(p, { start, end }).pipe(res)
    } else {
      res.writeHead(200, { 'Content-Length': st.size })
      fs.createReadStream(p).pipe(res)
    }
  })
})
await new Promise(r => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`
// The tables list data files by file:// URI: icebird fetches them from the server.
const realFetch = globalThis.fetch
globalThis.fetch = (url, init) => realFetch(String(url).replace(/^file:\/\//, base), init)

function digest(rows) {
  const lines = rows.map(r => r.join('\u0001')).sort()
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)
}
function norm(col, v) {
  if (v === null || v === undefined) return 'NULL'
  if (decimals.has(col)) return Number(v).toFixed(2)
  return String(v)
}

const db = await DuckDBInstance.create(':memory:')
const con = await db.connect()
let icebergExt = false
try { await con.run('LOAD iceberg'); icebergExt = true } catch {
  try { await con.run('INSTALL iceberg'); await con.run('LOAD iceberg'); icebergExt = true } catch {}
}
async function duck(from, ds) {
  const cols = keys[ds].map(c => decimals.has(c) ? `CAST(${c} AS VARCHAR) AS ${c}` : c).join(', ')
  const r = await con.runAndReadAll(`SELECT ${cols} FROM ${from}`)
  return r.getRowObjectsJS().map(o => keys[ds].map(c => norm(c, o[c])))
}
const sql = s => `'${s.replace(/'/g, "''")}'`

let bad = 0
const report = []
for (const ds of datasets) {
  const hiveGlobs = outs.map(o => path.join(o, ds, '*', '*.parquet')).filter(g => fs.existsSync(path.dirname(path.dirname(g))))
  if (hiveGlobs.length === 0) continue
  const hive = await duck(`read_parquet([${hiveGlobs.map(sql).join(', ')}], hive_partitioning = true, union_by_name = true)`, ds)
  const loc = tableOut(ds)
  if (!loc) { bad++; console.error(`no Iceberg table for ${ds} in ${outs}`); continue }
  const tableUrl = base + path.join(loc, ds)
  const metadata = await icebergMetadata({ tableUrl })
  const manifests = await icebergManifests(metadata)
  const files = manifests.flatMap(m => m.entries).filter(e => e.status !== 2 && e.data_file.content === 0)
    .map(e => e.data_file.file_path)
  const ib = (await icebergRead({ tableUrl, metadata })).map(o => keys[ds].map(c => norm(c, o[c])))
  const listed = files.map(f => f.replace(/^file:\/\//, ''))
  const duckIce = icebergExt
    ? await duck(`iceberg_scan(${sql(path.join(loc, ds))})`, ds)
    : await duck(`read_parquet([${listed.map(sql).join(', ')}], union_by_name = true)`, ds)
  const line = { dataset: ds, files: files.length, hive: [hive.length, digest(hive)], icebird: [ib.length, digest(ib)],
    duckdb: [duckIce.length, digest(duckIce)], duckdb_reader: icebergExt ? 'iceberg_scan' : 'read_parquet(listed files)' }
  report.push(line)
  if (String(line.hive) !== String(line.icebird) || String(line.hive) !== String(line.duckdb)) {
    bad++
    console.error(`MISMATCH ${ds}: ${JSON.stringify(line)}`)
  }
}
server.close()
for (const l of report) console.log(JSON.stringify(l))
if (bad) process.exit(1)
console.log('SAME: every dataset read alike by the Hive folders, icebird and DuckDB')
