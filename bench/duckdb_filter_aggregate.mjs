// The DuckDB half of bench_filter_aggregate: builds the same rows in SQL from the row number i
// (formulas in filter_aggregate_bench.cc), then times only the query, best of R runs, with
// threads=1 and with DuckDB's default thread count. Prints one line per setting:
//   duckdb<TAB>threads<TAB>seconds<TAB>cpu seconds<TAB>checksum
//
//   node bench/duckdb_filter_aggregate.mjs <rows> [runs]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rows = Number(process.argv[2] ?? 10000000);
const runs = Number(process.argv[3] ?? 3);

async function LoadDuckDB() {
  const require = createRequire(path.join(here, '..', 'test', 'duckdb', 'package.json'));
  return import(pathToFileURL(require.resolve('@duckdb/node-api')).href);
}

const kQuery = `SELECT k, count(*) AS n, sum(v) AS sum_v, avg(v) AS avg_v FROM t WHERE v > 0.5 GROUP BY k`;

function Checksum(reader) {
  let count = 0n, sum = 0;
  const all = reader.getRows();
  for (const [, n, s] of all) {
    count += BigInt(n);
    sum += s;
  }
  return `groups=${all.length} rows=${count} sum=${sum.toFixed(6)}`;
}

async function Time(connection, threads) {
  await connection.run(`SET threads = ${threads}`);
  let best = Infinity, cpu = 0, checksum = '';
  for (let run = 0; run < runs; ++run) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const reader = await connection.runAndReadAll(kQuery);
    const seconds = (performance.now() - start) / 1000;
    if (seconds < best) {
      best = seconds;
      const used = process.cpuUsage(cpuStart);
      cpu = (used.user + used.system) / 1e6;
    }
    checksum = Checksum(reader);
  }
  return { best, cpu, checksum };
}

async function Main() {
  const duckdb = await LoadDuckDB();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const defaultThreads = (await connection.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0][0];
  await connection.run(`
    CREATE TABLE t AS
    SELECT (i * 7919) % 100000 AS k,
           CAST((i * 104729) % 1000003 AS DOUBLE) / CAST(1000003 AS DOUBLE) AS v,
           's' || lpad(CAST((i * 31) % 10000000 AS VARCHAR), 7, '0') AS s,
           make_timestamp(CAST(1704067200000000 + i * 1000000 AS BIGINT)) AS ts
    FROM range(${rows}) r(i)`);
  for (const threads of [1, Number(defaultThreads)]) {
    const { best, cpu, checksum } = await Time(connection, threads);
    console.log(`duckdb\t${threads}\t${best}\t${cpu}\t${checksum}`);
  }
}

Main().catch((e) => {
  console.error(`duckdb_filter_aggregate: ${e.message}`);
  process.exit(1);
});
