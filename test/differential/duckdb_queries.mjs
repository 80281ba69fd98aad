// Runs every query of queries.mjs on DuckDB over the generated CSV files and writes one
// canonical result file per query into <out_dir>.
//
//   node duckdb_queries.mjs <data_dir> <out_dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { FormatDouble } from './canonical.mjs';
import { QUERIES } from './queries.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

// DuckDB is installed under test/duckdb (scripts/install-deps); resolve it from there.
export async function LoadDuckDB() {
  const require = createRequire(path.join(here, '..', 'duckdb', 'package.json'));
  let entry;
  try {
    entry = require.resolve('@duckdb/node-api');
  } catch {
    throw new Error('DuckDB is not installed: run scripts/install-deps (or `cd test/duckdb && npm install`)');
  }
  return import(pathToFileURL(entry).href);
}

const kSalesColumns = `{'sale_id': 'INTEGER', 'customer_id': 'INTEGER', 'product': 'VARCHAR',
  'region': 'VARCHAR', 'quantity': 'INTEGER', 'amount': 'DOUBLE', 'big': 'BIGINT',
  'sale_date': 'DATE', 'discount': 'DOUBLE'}`;
const kCustomerColumns = `{'customer_id': 'INTEGER', 'name': 'VARCHAR', 'segment': 'VARCHAR',
  'region': 'VARCHAR', 'signup_date': 'DATE', 'credit': 'BIGINT'}`;

function ReadCsv(file, columns) {
  return `read_csv('${file}', header = true, delim = ',', quote = '"', escape = '"',
                   nullstr = 'NULL', columns = ${columns}, auto_detect = false)`;
}

function TypeClass(duckdb, typeId) {
  const T = duckdb.DuckDBTypeId;
  switch (typeId) {
    case T.TINYINT: case T.SMALLINT: case T.INTEGER: case T.BIGINT: case T.HUGEINT:
    case T.UTINYINT: case T.USMALLINT: case T.UINTEGER: case T.UBIGINT: case T.UHUGEINT:
      return 'int';
    case T.FLOAT: case T.DOUBLE: case T.DECIMAL: return 'double';
    case T.VARCHAR: return 'string';
    case T.DATE: return 'date';
    case T.BOOLEAN: return 'boolean';
    default: return 'other';
  }
}

function FormatValue(value, typeClass) {
  if (value === null || value === undefined) return 'NULL';
  if (typeClass === 'double') return FormatDouble(Number(value));
  return String(value);
}

export async function ResultText(duckdb, connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  const classes = [];
  for (let i = 0; i < reader.columnCount; ++i) classes.push(TypeClass(duckdb, reader.columnTypeId(i)));
  const lines = ['#types\t' + classes.join('\t')];
  for (const row of reader.getRows()) lines.push(row.map((v, i) => FormatValue(v, classes[i])).join('\t'));
  return lines.join('\n') + '\n';
}

async function Main() {
  const [dataDir, outDir] = process.argv.slice(2);
  if (!dataDir || !outDir) {
    console.error('usage: node duckdb_queries.mjs <data_dir> <out_dir>');
    process.exit(2);
  }
  const duckdb = await LoadDuckDB();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`CREATE VIEW sales AS SELECT * FROM ${ReadCsv(path.join(dataDir, 'sales.csv'), kSalesColumns)}`);
  await connection.run(
      `CREATE VIEW customers AS SELECT * FROM ${ReadCsv(path.join(dataDir, 'customers.csv'), kCustomerColumns)}`);
  fs.mkdirSync(outDir, { recursive: true });
  for (const q of QUERIES) {
    fs.writeFileSync(path.join(outDir, `${q.name}.txt`), await ResultText(duckdb, connection, q.sql));
  }
  console.log(`duckdb ${duckdb.version()}: ran ${QUERIES.length} queries into ${outDir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  Main().catch((e) => {
    console.error(`duckdb_queries: ${e.message}`);
    process.exit(1);
  });
}
