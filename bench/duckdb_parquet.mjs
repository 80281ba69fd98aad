// The DuckDB half of bench_parquet: loads the rows Runnel wrote (its snappy file) into a table,
// then for each codec times, best of R runs, with threads=1 and threads=2:
//   - COPY t TO '<dir>/duckdb_<codec>.parquet' (one thread) or duckdb_<codec>_parallel.parquet;
//   - reading its own one-thread file, and Runnel's file of that codec, aggregating every column.
// Prints one line per measurement:
//   duckdb<TAB>op<TAB>codec<TAB>file<TAB>threads<TAB>seconds<TAB>cpu seconds<TAB>bytes<TAB>checksum
// and the files it leaves for Runnel to read as file<TAB>codec<TAB>path.
//
//   node bench/duckdb_parquet.mjs <rows> <runs> <dir> snappy=<runnel dir>,zstd=<runnel dir>
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rows = Number(process.argv[2] ?? 10000000);
const runs = Number(process.argv[3] ?? 3);
const dir = process.argv[4];
const runnelFiles = Object.fromEntries((process.argv[5] ?? '').split(',').filter(Boolean).map((kv) => kv.split('=')));
const kThreads = [1, 2];

async function LoadDuckDB() {
  const require = createRequire(path.join(here, '..', 'test', 'duckdb', 'package.json'));
  return import(pathToFileURL(require.resolve('@duckdb/node-api')).href);
}

const Quote = (text) => `'${text.replaceAll("'", "''")}'`;
// A Runnel write is a directory of part files.
const Source = (file) => (fs.statSync(file).isDirectory() ? path.join(file, '*.parquet') : file);
const Bytes = (file) =>
  fs.statSync(file).isDirectory()
    ? fs.readdirSync(file).filter((f) => f.endsWith('.parquet')).reduce((n, f) => n + fs.statSync(path.join(file, f)).size, 0)
    : fs.statSync(file).size;

// The same aggregate as bench_parquet's Runnel read, and the same checksum text.
async function ReadAll(connection, file) {
  const reader = await connection.runAndReadAll(
    `SELECT count(*), sum(id), sum(d), sum(length(s)), epoch_us(max(ts)) FROM read_parquet(${Quote(Source(file))})`);
  const [n, id, d, len, ts] = reader.getRows()[0];
  return `rows=${n} id=${id} d=${d.toFixed(4)} len=${len} ts=${ts}`;
}

async function TimeBest(action) {
  let best = Infinity, cpu = 0, checksum = '';
  for (let run = 0; run < runs; ++run) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    checksum = await action();
    const seconds = (performance.now() - start) / 1000;
    if (seconds < best) {
      best = seconds;
      const used = process.cpuUsage(cpuStart);
      cpu = (used.user + used.system) / 1e6;
    }
  }
  return { best, cpu, checksum };
}

function Print(op, codec, file, threads, { best, cpu, checksum }, bytes) {
  console.log(['duckdb', op, codec, file, threads, best, cpu, bytes, checksum].join('\t'));
}

async function Main() {
  const duckdb = await LoadDuckDB();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const load = runnelFiles.snappy ?? Object.values(runnelFiles)[0];
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_parquet(${Quote(Source(load))})`);
  const loaded = (await connection.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0];
  if (Number(loaded) !== rows) throw new Error(`loaded ${loaded} rows from ${load}, expected ${rows}`);
  for (const codec of Object.keys(runnelFiles)) {
    const own = path.join(dir, `duckdb_${codec}.parquet`);
    for (const threads of kThreads) {
      await connection.run(`SET threads = ${threads}`);
      const file = threads === 1 ? own : path.join(dir, `duckdb_${codec}_parallel.parquet`);
      const timing = await TimeBest(async () => {
        await connection.run(`COPY t TO ${Quote(file)} (FORMAT parquet, COMPRESSION ${codec})`);
        return '1 file';
      });
      Print('write', codec, '', threads, timing, Bytes(file));
    }
    for (const threads of kThreads) {
      await connection.run(`SET threads = ${threads}`);
      Print('read', codec, 'duckdb', threads, await TimeBest(() => ReadAll(connection, own)), Bytes(own));
      const theirs = runnelFiles[codec];
      Print('read', codec, 'runnel', threads, await TimeBest(() => ReadAll(connection, theirs)), Bytes(theirs));
    }
    console.log(['file', codec, own].join('\t'));
  }
}

Main().catch((e) => {
  console.error(`duckdb_parquet: ${e.message}`);
  process.exit(1);
});
