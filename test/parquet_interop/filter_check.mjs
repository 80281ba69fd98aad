// Filters answered with the help of row-group statistics. With row groups of a few rows, a
// wrong min or max makes a reader skip a row group it needs (or a wrong reading of the
// statistics does). For every top-level primitive column and a few of its edge values v, the
// rows with c = v, c < v and c > v are counted
//   - by Runnel, SELECT count(*) FROM parquet.`path` WHERE ... (its statistics pruning), and
//   - in direction runnel_to_duckdb also by DuckDB over the files (its pushdown onto Runnel's
//     statistics),
// and compared with the count over the values themselves, loaded into a DuckDB table (they
// equal the expected values, as checked before). NaN sorts above every other double in both
// engines, and -0.0 equals 0.0.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { CanonicalValue, RunnelType } from './canonical.mjs';

const kProbesPerColumn = 5;
const kOps = ['=', '<', '>'];

// The SQL text Runnel parses for canonical value `text` of Runnel type `type`; null when the
// value has no safe literal (control characters and backslashes in strings, binary).
function RunnelLiteral(text, type) {
  if (type === 'BINARY') return null;
  if (type === 'BOOLEAN') return text;
  let raw = text;
  if (type === 'STRING') {
    raw = text.slice(1, -1);
    if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  }
  return `CAST('${raw.replaceAll("'", "''")}' AS ${type})`;
}

// The value Runnel reads for DuckDB column `c` of type `t`: DuckDB's own, except TIMESTAMP_NS,
// which Runnel rounds down to microseconds.
function RunnelValueExpression(duckdb, c, t) {
  if (t.typeId !== duckdb.DuckDBTypeId.TIMESTAMP_NS) return c;
  const ns = `epoch_ns(${c})`;
  return `make_timestamp((${ns} - ((${ns} % 1000 + 1000) % 1000)) // 1000)`;
}

async function Rows(connection, sql) { return (await connection.runAndReadAll(sql)).getRows(); }

// Returns the problems found. `source` is what DuckDB reads the files with
// (read_parquet('...')), `runnelPath` what Runnel reads them with; `duckdbPushdown` also checks
// DuckDB's own filters over the files.
export async function CheckFilters({ duckdb, connection, exe, workDir, name, source, runnelPath, duckdbPushdown }) {
  const problems = [];
  const T = duckdb.DuckDBTypeId;
  const described = await connection.runAndReadAll(`SELECT * FROM ${source} LIMIT 0`);
  const columns = [];
  described.columnNames().forEach((c, i) => {
    const t = described.columnType(i);
    if (c === 'id' || [T.LIST, T.ARRAY, T.STRUCT, T.MAP].includes(t.typeId)) return;
    columns.push({ c, t, runnelType: RunnelType(duckdb, t, true) });
  });
  const select = columns.map(({ c, t }) => `${RunnelValueExpression(duckdb, c, t)} AS ${c}`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE loaded AS SELECT id, ${select} FROM ${source}`);

  const runnelQueries = [];  // [key, sql]
  const truth = new Map();   // key -> count over the values
  for (const { c, t, runnelType } of columns) {
    const isFloat = t.typeId === T.FLOAT || t.typeId === T.DOUBLE;
    const probeType = (await connection.runAndReadAll(`SELECT ${c} FROM loaded LIMIT 0`)).columnType(0);
    // The smallest and largest edge values and some evenly between them.
    const distinct = (await connection.runAndReadAll(
        `SELECT DISTINCT ${c}, ${c}::VARCHAR, typeof(${c}) FROM loaded WHERE id < 25 AND ${c} IS NOT NULL ORDER BY 1`))
        .getRows();
    const probes = [...new Set(Array.from({ length: Math.min(kProbesPerColumn, distinct.length) },
        (_, k) => Math.round(k * (distinct.length - 1) / Math.max(1, kProbesPerColumn - 1))))].map((k) => distinct[k]);
    const branches = [], duckdbBranches = [];
    probes.forEach(([value, text, typeName], p) => {
      const literal = `'${text.replaceAll("'", "''")}'::${typeName}`;
      const runnel = RunnelLiteral(CanonicalValue(duckdb, probeType, value), runnelType);
      kOps.forEach((op, o) => {
        const key = `${c}|${p}|${o}`;
        branches.push(`count(*) FILTER (WHERE ${c} ${op} ${literal})`);
        if (runnel) runnelQueries.push([key, `SELECT count(*) FROM parquet.\`${runnelPath}\` WHERE ${c} ${op} ${runnel}`, `${c} ${op} ${runnel}`]);
        // DuckDB's pushdown ignores NaNs that statistics leave out (duckdb/duckdb#25521), so its
        // check leaves NaN rows and NaN probes out.
        if (duckdbPushdown && !(isFloat && Number.isNaN(Number(value)))) {
          const noNaN = isFloat ? ` AND NOT isnan(${c})` : '';
          duckdbBranches.push([key, `SELECT '${key}', count(*) FROM ${source} WHERE ${c} ${op} ${literal}${noNaN}`,
                               `count(*) FILTER (WHERE ${c} ${op} ${literal}${noNaN})`, `${c} ${op} ${literal}`]);
        }
      });
    });
    if (branches.length === 0) continue;
    const counts = (await Rows(connection, `SELECT ${branches.join(', ')} FROM loaded`))[0];
    let b = 0;
    probes.forEach((_, p) => kOps.forEach((__, o) => truth.set(`${c}|${p}|${o}`, Number(counts[b++]))));
    if (duckdbBranches.length) {
      const inFiles = await Rows(connection, duckdbBranches.map((d) => d[1]).join(' UNION ALL '));
      const inValues = (await Rows(connection, `SELECT ${duckdbBranches.map((d) => d[2]).join(', ')} FROM loaded`))[0];
      const byKey = new Map(inFiles.map(([k, n]) => [k, Number(n)]));
      duckdbBranches.forEach(([key, , , what], i) => {
        if (byKey.get(key) !== Number(inValues[i])) {
          problems.push(`DuckDB counts ${byKey.get(key)} rows WHERE ${what} in the files, ${inValues[i]} in their values`);
        }
      });
    }
  }

  const queryFile = path.join(workDir, `${name}.filters.tsv`);
  const countFile = path.join(workDir, `${name}.counts.tsv`);
  fs.writeFileSync(queryFile, runnelQueries.map(([k, sql]) => `${k}\t${sql}`).join('\n') + '\n');
  execFileSync(exe, ['count', queryFile, countFile], { stdio: 'inherit' });
  const got = new Map(fs.readFileSync(countFile, 'utf8').trimEnd().split('\n').map((l) => l.split('\t')));
  for (const [key, , what] of runnelQueries) {
    if (got.get(key) !== String(truth.get(key))) {
      problems.push(`Runnel counts ${got.get(key)} rows WHERE ${what}, the values have ${truth.get(key)}`);
    }
  }
  return { problems, queries: runnelQueries.length };
}
