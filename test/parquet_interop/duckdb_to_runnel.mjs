// DuckDB writes, Runnel reads: the table of duckdb_source.mjs written with every codec DuckDB
// has, PARQUET_VERSION V1 and V2, with and without dictionaries, in one row group or in many
// small ones; plus the hand-made files (handmade_files.h) for what DuckDB cannot write. Runnel
// must read exactly the values DuckDB has, and the files must really use the encodings the
// test claims to cover (checked with DuckDB's parquet_metadata()).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { CanonicalTable } from './canonical.mjs';
import { DescribeDifferences } from './compare.mjs';
import { CreateSourceSql } from './duckdb_source.mjs';
import { CheckFilters } from './filter_check.mjs';

const kRows = 2000;
const kSmallRowGroup = 50;
// DuckDB's codec names, and what it writes for each (LZ4 means LZ4_RAW to DuckDB).
const kCodecs = { uncompressed: 'UNCOMPRESSED', snappy: 'SNAPPY', gzip: 'GZIP', zstd: 'ZSTD', brotli: 'BROTLI',
                  lz4: 'LZ4_RAW', lz4_raw: 'LZ4_RAW' };
// (physical type, encoding) pairs the files must contain between them.
const kRequiredEncodings = [
  'INT32 PLAIN', 'INT64 PLAIN', 'DOUBLE PLAIN', 'FLOAT PLAIN', 'BYTE_ARRAY PLAIN', 'FIXED_LEN_BYTE_ARRAY PLAIN',
  'BOOLEAN PLAIN', 'INT32 PLAIN_DICTIONARY', 'BYTE_ARRAY PLAIN_DICTIONARY', 'INT64 RLE_DICTIONARY',
  'BYTE_ARRAY RLE_DICTIONARY', 'DOUBLE RLE_DICTIONARY', 'INT32 DELTA_BINARY_PACKED', 'INT64 DELTA_BINARY_PACKED',
  'BYTE_ARRAY DELTA_LENGTH_BYTE_ARRAY', 'FLOAT BYTE_STREAM_SPLIT', 'DOUBLE BYTE_STREAM_SPLIT',
];
// DuckDB never writes DELTA_BYTE_ARRAY (its writer has no encoder for it), INT96, v2 data pages
// nor BYTE_STREAM_SPLIT over integers: the hand-made files hold those, and these pairs must show
// up in them.
const kHandmadeEncodings = [
  'BYTE_ARRAY DELTA_BYTE_ARRAY', 'FIXED_LEN_BYTE_ARRAY DELTA_BYTE_ARRAY', 'INT96 PLAIN', 'INT96 RLE_DICTIONARY',
  'INT32 DELTA_BINARY_PACKED', 'INT64 DELTA_BINARY_PACKED', 'BYTE_ARRAY DELTA_LENGTH_BYTE_ARRAY',
  'DOUBLE BYTE_STREAM_SPLIT', 'INT32 BYTE_STREAM_SPLIT', 'INT64 BYTE_STREAM_SPLIT',
  'FIXED_LEN_BYTE_ARRAY BYTE_STREAM_SPLIT',
];

// Every codec x version x dictionary (DuckDB's choice, or none: DICTIONARY_SIZE_LIMIT 1, which
// makes V2 use the DELTA encodings and BYTE_STREAM_SPLIT everywhere), in one row group or in
// row groups of 50 rows, alternating so each codec and each (version, dictionary) meets both.
function Configs() {
  const configs = [];
  Object.keys(kCodecs).forEach((codec, codecIndex) => {
    for (const version of ['V1', 'V2']) {
      for (const dictionary of [true, false]) {
        const small = (codecIndex + (version === 'V2') + dictionary) % 2 === 1;
        configs.push({
          name: `${codec}_${version.toLowerCase()}_${dictionary ? 'dict' : 'nodict'}_${small ? 'groups' : 'one_group'}`,
          codec, small,
          options: [`FORMAT parquet`, `COMPRESSION ${codec}`, `PARQUET_VERSION ${version}`,
                    `ROW_GROUP_SIZE ${small ? kSmallRowGroup : kRows}`,
                    ...(dictionary ? [] : ['DICTIONARY_SIZE_LIMIT 1'])],
        });
      }
    }
  });
  return configs;
}

// DuckDB cuts row groups only between the chunks its operators pass along (2048 rows), so the
// small row groups are made from a UNION ALL of slices that small.
function SourceQuery(small) {
  if (!small) return 'SELECT * FROM src ORDER BY id';
  const slices = [];
  for (let s = 0; s < kRows; s += kSmallRowGroup) slices.push(`SELECT * FROM src WHERE id >= ${s} AND id < ${s + kSmallRowGroup}`);
  return slices.join(' UNION ALL ');
}

async function Rows(connection, sql) { return (await connection.runAndReadAll(sql)).getRows(); }

async function EncodingPairs(connection, files) {
  const list = `[${files.map((f) => `'${f}'`).join(', ')}]`;
  const rows = await Rows(connection, `SELECT DISTINCT type || ' ' || unnest(string_split(encodings, ', '))
                                       FROM parquet_metadata(${list})`);
  return new Set(rows.map((r) => r[0]));
}

export async function Run({ duckdb, connection, exe, workDir }) {
  const failures = [];
  const fail = (name, lines) => { if (lines.length) failures.push(`  ${name}:\n    ${lines.join('\n    ')}`); };
  for (const sql of CreateSourceSql(kRows)) await connection.run(sql);
  const expected = await CanonicalTable(duckdb, connection, 'SELECT * FROM src ORDER BY id', true);
  const written = path.join(workDir, 'written');
  fs.mkdirSync(written, { recursive: true });
  fs.writeFileSync(path.join(written, 'expected.txt'), expected);

  const configs = Configs();
  const files = [];  // [name, path, expected text]
  for (const c of configs) {
    const file = path.join(written, `${c.name}.parquet`);
    await connection.run(`COPY (${SourceQuery(c.small)}) TO '${file}' (${c.options.join(', ')})`);
    const meta = (await Rows(connection, `SELECT count(DISTINCT row_group_id)::INTEGER, list(DISTINCT compression)
                                          FROM parquet_metadata('${file}')`))[0];
    const groups = c.small ? kRows / kSmallRowGroup : 1;
    if (meta[0] !== groups || meta[1].items.join() !== kCodecs[c.codec]) {
      fail(c.name, [`expected ${groups} row group(s) of codec ${kCodecs[c.codec]}, DuckDB wrote ${meta[0]} of ${meta[1].items.join()}`]);
    }
    files.push([c.name, file, expected]);
  }
  const seen = await EncodingPairs(connection, files.map((f) => f[1]));
  const missing = kRequiredEncodings.filter((e) => !seen.has(e));
  if (missing.length) fail('encodings', [`DuckDB's files lack ${missing.join(', ')} (they have ${[...seen].sort().join(', ')})`]);

  // The hand-made files, checked first against DuckDB: it must read the values they were made from.
  const handmade = path.join(workDir, 'handmade');
  execFileSync(exe, ['handmade', handmade], { stdio: 'inherit' });
  const handmadeNames = ['int96', 'delta', 'byte_stream_split'];
  const handmadeFiles = handmadeNames.map((n) => path.join(handmade, `${n}.parquet`));
  for (const name of handmadeNames) {
    const file = path.join(handmade, `${name}.parquet`);
    const made = fs.readFileSync(path.join(handmade, `${name}.expected.txt`), 'utf8');
    // DuckDB 1.5 reads BYTE_STREAM_SPLIT over FLOAT and DOUBLE only.
    if (name === 'byte_stream_split') {
      files.push([`handmade_${name}`, file, made]);
      continue;
    }
    try {
      const read = await CanonicalTable(duckdb, connection, `SELECT * FROM '${file}' ORDER BY id`, true);
      fail(`handmade ${name}`, DescribeDifferences(made, read, 'made from', 'DuckDB'));
    } catch (e) {
      fail(`handmade ${name}`, [`DuckDB cannot read it: ${e.message.split('\n')[0]}`]);
    }
    files.push([`handmade_${name}`, file, made]);
  }
  const handmadeSeen = await EncodingPairs(connection, handmadeFiles);
  const handmadeMissing = kHandmadeEncodings.filter((e) => !handmadeSeen.has(e));
  if (handmadeMissing.length) fail('handmade encodings', [`missing ${handmadeMissing.join(', ')}`]);

  const list = path.join(workDir, 'files.tsv');
  // Every other file is read through SQL (SELECT * FROM parquet.`path`), the rest through
  // read().parquet(path).
  fs.writeFileSync(list, files.map(([name, file], i) => `${name}\t${file}${i % 2 ? '\tsql' : ''}`).join('\n') + '\n');
  const read = path.join(workDir, 'runnel');
  execFileSync(exe, ['read', list, read], { stdio: 'inherit' });
  for (const [name, , text] of files) {
    fail(name, DescribeDifferences(text, fs.readFileSync(path.join(read, `${name}.txt`), 'utf8'), 'DuckDB', 'Runnel'));
  }
  // Runnel's statistics pruning over DuckDB's statistics, in a file of 40 row groups.
  const small = configs.find((c) => c.small);
  const started = Date.now();
  const { problems, queries } = await CheckFilters({
    duckdb, connection, exe, workDir, name: small.name, source: `read_parquet('${path.join(written, `${small.name}.parquet`)}')`,
    runnelPath: path.join(written, `${small.name}.parquet`), duckdbPushdown: false,
  });
  fail(small.name, problems);
  console.log(`${small.name}: ${queries} filters over statistics checked in ${Date.now() - started} ms`);
  console.log(`duckdb_to_runnel: ${configs.length} DuckDB files of ${kRows} rows and ${handmadeNames.length} hand-made files; ` +
              `encodings covered: ${[...new Set([...seen, ...handmadeSeen])].sort().join(', ')}`);
  return failures;
}
