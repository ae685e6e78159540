// Reads OUT/line_items with DuckDB and polars (nodejs-polars: the same Rust
// engine as Python polars) and compares per (fiscal_year, table_id) counts
// and sums. Usage: node check.mjs OUT  (packages from run.sh's WORKDIR)
import { DuckDBInstance } from "@duckdb/node-api";
import pl from "nodejs-polars";
const out = process.argv[2];
const glob = `${out}/line_items/*/*.parquet`;
const db = await (await DuckDBInstance.create(":memory:")).connect();
const r = await db.runAndReadAll(`SELECT fiscal_year, table_id, count(*) AS n, sum(amount_yuan)::VARCHAR AS yuan
  FROM read_parquet('${glob}', hive_partitioning = true, hive_types = {'fiscal_year': INTEGER})
  GROUP BY ALL ORDER BY ALL`);
const duck = new Map(r.getRowObjects().map(o => [`${o.fiscal_year}|${o.table_id}`, `${o.n}|${o.yuan}`]));
const items = pl.scanParquet(glob, { hivePartitioning: false });
const df = items.groupBy(["fiscal_year", "table_id"]).agg(pl.len().alias("n"), pl.col("amount_yuan").sum().cast(pl.Utf8)).sort(["fiscal_year", "table_id"]).collectSync();
const sch = items.collectSync().schema;
console.log("polars schema: fiscal_year", String(sch.fiscal_year), "amount_yuan", String(sch.amount_yuan));
let bad = 0, allnull = 0;
const rows = df.toRecords();
for (const o of rows) {
  const y = o.amount_yuan === null ? null : String(o.amount_yuan);
  const k = `${o.fiscal_year}|${o.table_id}`;
  // polars sums an all-null group to 0, SQL to NULL: counted, not an error
  if (duck.get(k) === `${o.n}|null` && y === "0.00") { allnull++; continue; }
  if (duck.get(k) !== `${o.n}|${y}`) { bad++; console.log("differs", k, duck.get(k), `${o.n}|${y}`); }
}
if (rows.length !== duck.size) { bad++; console.log("groups", rows.length, duck.size); }
const one = items.filter(pl.col("fiscal_year").eq(2024)).groupBy("table_id").agg(pl.col("amount_yuan").sum()).collectSync();
console.log("README snippet (2024):", one.height, "tables; first", JSON.stringify(one.sort("table_id").head(1).withColumns(pl.col("amount_yuan").cast(pl.Utf8)).toRecords()), "dtype", String(one.schema.amount_yuan));
// reports of no readable year: folder fiscal_year=__HIVE_DEFAULT_PARTITION__
const rg = `${out}/reports/*/*.parquet`;
const dn = Number((await db.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${rg}', hive_partitioning = true, hive_types = {'fiscal_year': INTEGER}) WHERE fiscal_year IS NULL`)).getRowObjects()[0].n);
const pn = pl.scanParquet(rg, { hivePartitioning: false }).filter(pl.col("fiscal_year").isNull()).collectSync().height;
console.log(`reports with a NULL fiscal_year: DuckDB ${dn}, polars ${pn}`);
if (dn !== pn) bad++;
console.log(`${out}: ${rows.length} groups, ${bad} differ from DuckDB (${allnull} all-null groups: DuckDB NULL, polars 0.00)`);
process.exit(bad ? 1 : 0);
