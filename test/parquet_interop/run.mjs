// The Parquet interop test end to end, in one direction (README.md):
//   runnel_to_duckdb: Runnel writes the edge table in every writer configuration, DuckDB reads;
//   duckdb_to_runnel: DuckDB writes its types with every codec and format version, and the
//                     hand-made INT96 and delta-encoded files are added; Runnel reads.
// Exits 0 when every value matches, 1 on a difference, 77 (a skip for ctest) when DuckDB is
// not installed.
//
//   node run.mjs <runnel_to_duckdb|duckdb_to_runnel> <runnel_parquet_interop executable> <work_dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const kSkip = 77;

async function LoadDuckDB() {
  const require = createRequire(path.join(here, '..', 'duckdb', 'package.json'));
  let entry;
  try {
    entry = require.resolve('@duckdb/node-api');
  } catch {
    return null;
  }
  return import(pathToFileURL(entry).href);
}

async function Main() {
  const [direction, exe, workDir] = process.argv.slice(2);
  const directions = {
    runnel_to_duckdb: './runnel_to_duckdb.mjs',
    duckdb_to_runnel: './duckdb_to_runnel.mjs',
  };
  if (!directions[direction] || !exe || !workDir) {
    console.error('usage: node run.mjs <runnel_to_duckdb|duckdb_to_runnel> <runnel_parquet_interop> <work_dir>');
    return 2;
  }
  const duckdb = await LoadDuckDB();
  if (!duckdb) {
    console.log('parquet_interop: SKIPPED: DuckDB (@duckdb/node-api) is not installed under test/duckdb; ' +
                'run scripts/install-deps');
    return kSkip;
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const { Run } = await import(directions[direction]);
  const started = Date.now();
  const failures = await Run({ duckdb, connection, exe, workDir });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length === 0) {
    console.log(`parquet_interop ${direction}: all values match (duckdb ${duckdb.version()}, ${seconds}s)`);
    return 0;
  }
  console.log(`parquet_interop ${direction}: ${failures.length} case(s) FAILED (${seconds}s):`);
  for (const f of failures) console.log(f);
  return 1;
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`parquet_interop: ${e.stack ?? e.message}`);
  process.exit(1);
});
