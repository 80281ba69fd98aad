// Compares the canonical result files Runnel and DuckDB wrote for every query of queries.mjs.
// Unordered results are compared as multisets of rows; doubles may differ in the last digits
// (summation order). Prints the first differences of each mismatching query; exits 1 if any
// query mismatches that is not listed in KNOWN_DIFFERENCES.
//
//   node compare.mjs <runnel_dir> <duckdb_dir>
import fs from 'node:fs';
import path from 'node:path';

import { DoublesClose } from './canonical.mjs';
import { KNOWN_DIFFERENCES, QUERIES } from './queries.mjs';

const kShownDifferences = 6;

function ReadLines(file) {
  if (!fs.existsSync(file)) return null;
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
}

function RowsMatch(a, b, types) {
  if (a === b) return true;
  const x = a.split('\t'), y = b.split('\t');
  if (x.length !== y.length) return false;
  return x.every((v, i) => v === y[i] || (types[i] === 'double' && DoublesClose(v, y[i])));
}

// Returns a list of difference lines (empty when the results agree).
function Differences(query, runnel, duckdb) {
  if (runnel === null) return ['Runnel wrote no result file'];
  if (duckdb === null) return ['DuckDB wrote no result file'];
  if (runnel[0]?.startsWith('#error')) return [`Runnel failed: ${runnel[0].slice(7)}`];
  const out = [];
  if (runnel[0] !== duckdb[0]) out.push(`column types: runnel [${runnel[0]}] duckdb [${duckdb[0]}]`);
  const types = duckdb[0].split('\t').slice(1);
  let r = runnel.slice(1), d = duckdb.slice(1);
  if (r.length !== d.length) out.push(`row count: runnel ${r.length}, duckdb ${d.length}`);
  if (!query.ordered) {
    // Drop rows found verbatim on both sides, then pair the rest in sorted order.
    const counts = new Map();
    for (const row of d) counts.set(row, (counts.get(row) ?? 0) + 1);
    const onlyRunnel = [];
    for (const row of r) {
      const n = counts.get(row) ?? 0;
      if (n > 0) counts.set(row, n - 1); else onlyRunnel.push(row);
    }
    const onlyDuckdb = [];
    for (const [row, n] of counts) for (let i = 0; i < n; ++i) onlyDuckdb.push(row);
    r = onlyRunnel.sort();
    d = onlyDuckdb.sort();
  }
  let shown = 0;
  for (let i = 0; i < Math.max(r.length, d.length) && shown < kShownDifferences; ++i) {
    if (i < r.length && i < d.length && RowsMatch(r[i], d[i], types)) continue;
    const where = query.ordered ? `row ${i + 1}: ` : '';
    out.push(`${where}runnel: ${r[i] ?? '(none)'}`);
    out.push(`${' '.repeat(where.length)}duckdb: ${d[i] ?? '(none)'}`);
    ++shown;
  }
  if (shown === 0 && out.length === 1 && out[0].startsWith('row count')) return out;
  return out;
}

function Main() {
  const [runnelDir, duckdbDir] = process.argv.slice(2);
  if (!runnelDir || !duckdbDir) {
    console.error('usage: node compare.mjs <runnel_dir> <duckdb_dir>');
    process.exit(2);
  }
  const names = new Set(QUERIES.map((q) => q.name));
  const extra = fs.readdirSync(runnelDir).map((f) => f.replace(/\.txt$/, '')).filter((n) => !names.has(n));
  let failed = 0, known = 0, passed = 0;
  for (const name of extra) {
    console.log(`FAIL ${name}: Runnel ran a query that queries.mjs does not have`);
    ++failed;
  }
  for (const q of QUERIES) {
    const diffs = Differences(q, ReadLines(path.join(runnelDir, `${q.name}.txt`)),
                              ReadLines(path.join(duckdbDir, `${q.name}.txt`)));
    const reason = KNOWN_DIFFERENCES.get(q.name);
    if (diffs.length === 0) {
      ++passed;
      if (reason !== undefined) console.log(`note ${q.name}: now matches; remove it from KNOWN_DIFFERENCES`);
      continue;
    }
    if (reason !== undefined) {
      ++known;
      console.log(`known difference ${q.name}: ${reason}`);
    } else {
      ++failed;
      console.log(`FAIL ${q.name}`);
    }
    for (const line of diffs) console.log(`    ${line}`);
  }
  console.log(`differential: ${passed} match, ${known} known differences, ${failed} failed ` +
              `(of ${QUERIES.length} queries)`);
  process.exit(failed > 0 ? 1 : 0);
}

Main();
