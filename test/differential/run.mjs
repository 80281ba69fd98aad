// The differential test end to end: generate the data, run the queries on Runnel and on DuckDB,
// compare. Fails (does not skip) when DuckDB is missing: `make test` installs it.
//
//   node run.mjs <runnel_differential_queries executable> <work_dir>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [runnelExe, workDir] = process.argv.slice(2);
if (!runnelExe || !workDir) {
  console.error('usage: node run.mjs <runnel_differential_queries> <work_dir>');
  process.exit(2);
}

const data = path.join(workDir, 'data');
const runnelOut = path.join(workDir, 'runnel');
const duckdbOut = path.join(workDir, 'duckdb');
fs.rmSync(runnelOut, { recursive: true, force: true });
fs.rmSync(duckdbOut, { recursive: true, force: true });

let step = '';
function Step(command, args) {
  step = path.basename(args[0]?.endsWith('.mjs') ? args[0] : command);
  execFileSync(command, args, { stdio: 'inherit' });
}

try {
  Step(process.execPath, [path.join(here, 'gen_data.mjs'), data]);
  Step(process.execPath, [path.join(here, 'duckdb_queries.mjs'), data, duckdbOut]);
  Step(runnelExe, [data, runnelOut]);
  Step(process.execPath, [path.join(here, 'compare.mjs'), runnelOut, duckdbOut]);
} catch (e) {
  console.error(`differential: ${step} failed` + (e.status != null ? ` (exit ${e.status})` : `: ${e.message}`));
  process.exit(1);
}
