// The DuckDB side of `runnel-slt --differential duckdb`: runs a golden file's statements on one
// in-memory DuckDB connection and prints every result as Spark's show() would print it.
//
//   node duckdb_runner.mjs <steps.json>
//
// steps.json: {"steps": ["SQL", ...]}. Output, one block per step, in order:
//   ok <number of rows>           then one line per row, cells separated by a tab
//   error <message on one line>
// Cells follow the golden-file format (tools/slt/result_format.h): NULL for a null, (empty) for
// the empty string, tab/newline/CR inside a value as \t \n \r. Numbers are printed as DuckDB
// gives them (DECIMAL keeps its scale, "1.50"); the runner normalizes numbers on both sides.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

async function LoadDuckDB() {
  const require = createRequire(path.join(here, '..', '..', 'test', 'duckdb', 'package.json'));
  let entry;
  try {
    entry = require.resolve('@duckdb/node-api');
  } catch {
    throw new Error('DuckDB is not installed: run scripts/install-deps ' +
                    '(or `cd test/duckdb && npm install`)');
  }
  return import(pathToFileURL(entry).href);
}

// Settings that make DuckDB behave like Spark where a setting exists. Spark sorts NULLs first
// on ASC and last on DESC.
const kSessionSettings = [
  "SET default_null_order = 'nulls_first_on_asc_last_on_desc'",
];
// Best effort: TimeZone needs the ICU extension, which may be missing.
const kOptionalSettings = ["SET TimeZone = 'UTC'"];

// A value nested in a list, struct or map, as Spark's show() prints it (strings unquoted).
function Nested(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value !== 'object') return String(value);
  if ('items' in value && Array.isArray(value.items)) {
    return '[' + value.items.map(Nested).join(', ') + ']';
  }
  if ('entries' in value && Array.isArray(value.entries)) {
    return '{' + value.entries.map((e) => `${Nested(e.key)} -> ${Nested(e.value)}`).join(', ') + '}';
  }
  if ('entries' in value && typeof value.entries === 'object') {
    return '{' + Object.values(value.entries).map(Nested).join(', ') + '}';
  }
  const text = String(value);
  // TIMESTAMP WITH TIME ZONE prints its offset; the session is UTC, as Runnel's is.
  return text.replace(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)\+00$/, '$1');
}

function Cell(value) {
  if (value === null || value === undefined) return 'NULL';
  const text = Nested(value);
  if (text === '') return '(empty)';
  return text.replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function OneLine(message) {
  return String(message).replace(/\s*\n\s*/g, ' ');
}

async function Main() {
  const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const duckdb = await LoadDuckDB();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const setting of kSessionSettings) await connection.run(setting);
  for (const setting of kOptionalSettings) {
    try { await connection.run(setting); } catch { /* keep DuckDB's default */ }
  }
  const out = [];
  for (const sql of input.steps) {
    try {
      const reader = await connection.runAndReadAll(sql);
      const rows = reader.getRows();
      out.push(`ok ${rows.length}`);
      for (const row of rows) out.push(row.map(Cell).join('\t'));
    } catch (e) {
      out.push(`error ${OneLine(e.message)}`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

Main().catch((e) => {
  console.error(`duckdb_runner: ${e.message}`);
  process.exit(1);
});
