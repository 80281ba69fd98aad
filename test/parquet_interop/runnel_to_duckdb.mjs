// Runnel writes, DuckDB reads: the edge table (edge_table.cc) written with every codec, data
// page v1 and v2, dictionary on and off, tiny pages and tiny row groups, plus a few single
// options; DuckDB must read back exactly the table, and the files must hold what each
// configuration asked for (page_census.h, cross-checked with DuckDB's parquet_metadata()).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { CanonicalTable } from './canonical.mjs';
import { DescribeDifferences } from './compare.mjs';
import { CheckFilters } from './filter_check.mjs';

const kRows = 2000;
// DuckDB reads no file with the deprecated codec LZ4 (5), in either framing: it asks for LZ4_RAW.
// Runnel writes LZ4 with Hadoop's framing, as Spark and parquet-mr do, for option lz4.
const kLz4Difference = 'DuckDB cannot read codec LZ4 (option compression=lz4, Hadoop framing): ' +
    '"Unsupported compression codec"; Runnel reads its own LZ4 files back, and lz4_raw works with DuckDB';
const kCodecs = { none: 'UNCOMPRESSED', snappy: 'SNAPPY', gzip: 'GZIP', zstd: 'ZSTD', lz4: 'LZ4',
                  lz4_raw: 'LZ4_RAW', brotli: 'BROTLI' };

// Every codec x page version x dictionary on/off, each in one of two layouts: "pages" (one row
// group cut into pages of about 1024 values) or "groups" (row groups of 7 rows). The layouts
// alternate so that every codec and every (version, dictionary) pair meets both; then single
// options.
function Configs() {
  const configs = [];
  Object.keys(kCodecs).forEach((codec, codecIndex) => {
    for (const version of ['v1', 'v2']) {
      for (const dictionary of [true, false]) {
        const layout = (codecIndex + (version === 'v2') + dictionary) % 2 ? 'groups' : 'pages';
        configs.push({
          name: `${codec}_${version}_${dictionary ? 'dict' : 'plain'}_${layout}`, codec, version, dictionary, layout,
          options: {
            'compression': codec,
            'parquet.writer.version': version === 'v2' ? 'PARQUET_2_0' : 'PARQUET_1_0',
            'parquet.enable.dictionary': String(dictionary),
            ...(layout === 'pages' ? { 'parquet.page.size': '1' } : { rowGroupSize: '7' }),
          },
        });
      }
    }
  });
  const extra = (name, codec, version, layout, options) =>
    configs.push({ name, codec, version, dictionary: true, layout, options: { compression: codec, ...options } });
  // The dictionary outgrows its limit in some column chunks only: those fall back to PLAIN.
  extra('zstd_v1_dictionary_fallback', 'zstd', 'v1', 'fallback', { 'parquet.dictionary.page.size': '2000' });
  extra('zstd_v2_dictionary_fallback', 'zstd', 'v2', 'fallback',
        { 'parquet.dictionary.page.size': '2000', 'parquet.writer.version': 'PARQUET_2_0' });
  extra('snappy_v1_block_size', 'snappy', 'v1', 'blocks', { 'parquet.block.size': '65536' });
  extra('default_options', 'snappy', 'v1', 'default', {});
  // Row groups of 20 rows for the filters over statistics (CheckFilters): small enough that
  // edge values sit in row groups of their own, few enough to query quickly.
  extra('snappy_v1_statistics', 'snappy', 'v1', 'statistics', { rowGroupSize: '20' });
  extra('zstd_level_19', 'zstd', 'v1', 'default', { compressionLevel: '19' });
  extra('gzip_level_9', 'gzip', 'v1', 'default', { compressionLevel: '9' });
  extra('brotli_level_11', 'brotli', 'v2', 'default',
        { compressionLevel: '11', 'parquet.writer.version': 'PARQUET_2_0' });
  return configs;
}

// What the files of `config` must hold, given their census; returns the problems.
function CheckCensus(config, census) {
  const problems = [];
  const expect = (ok, what) => { if (!ok) problems.push(`${what} (census ${JSON.stringify(census)})`); };
  const dataPages = census.data_pages_v1 + census.data_pages_v2;
  const dictionaryChunks = (census.leaves - 1) * census.row_groups;  // all but the BOOLEAN leaf
  expect(census.codecs.length === 1 && census.codecs[0] === kCodecs[config.codec], `codec should be ${kCodecs[config.codec]}`);
  expect(config.version === 'v2' ? census.data_pages_v1 === 0 : census.data_pages_v2 === 0,
         `only ${config.version} data pages expected`);
  if (!config.dictionary) expect(census.dictionary_pages === 0, 'no dictionary pages expected');
  else if (config.layout === 'fallback') {
    expect(census.dictionary_pages > 0 && census.dictionary_pages < dictionaryChunks,
           'some column chunks with a dictionary and some without expected');
  } else {
    // A chunk of only NULLs (likely in a row group of 7 rows) has no values to make a dictionary of.
    expect(census.dictionary_pages >= 0.95 * dictionaryChunks, 'a dictionary in (almost) every non-BOOLEAN chunk expected');
  }
  if (config.layout === 'pages') expect(census.row_groups === 1 && dataPages >= 2 * census.leaves, 'several pages per column expected');
  if (config.layout === 'groups') expect(census.row_groups === Math.ceil(kRows / 7), `${Math.ceil(kRows / 7)} row groups expected`);
  return problems;
}

export async function Run({ duckdb, connection, exe, workDir }) {
  const configs = Configs();
  const tsv = configs.map((c) => [c.name, ...Object.entries(c.options).map(([k, v]) => `${k}=${v}`)].join('\t'));
  fs.writeFileSync(path.join(workDir, 'configs.tsv'), tsv.join('\n') + '\n');
  const written = path.join(workDir, 'written');
  try {
    execFileSync(exe, ['write', path.join(workDir, 'configs.tsv'), written, String(kRows)], { stdio: 'inherit' });
  } catch (e) {
    return [`runnel_parquet_interop write failed (exit ${e.status})`];
  }
  const expected = fs.readFileSync(path.join(written, 'expected.txt'), 'utf8');
  const failures = [];
  const knownDifferences = new Set();
  const fail = (config, lines) => { if (lines.length) failures.push(`  ${config.name}:\n    ${lines.join('\n    ')}`); };
  for (const config of configs) {
    const dir = path.join(written, config.name);
    const own = fs.readFileSync(path.join(written, `${config.name}.runnel.txt`), 'utf8');
    fail(config, DescribeDifferences(expected, own, 'table', 'Runnel reading its own file'));
    if (!fs.existsSync(path.join(written, `${config.name}.census.json`))) continue;
    const census = JSON.parse(fs.readFileSync(path.join(written, `${config.name}.census.json`), 'utf8'));
    fail(config, CheckCensus(config, census));
    // parquet.block.size=65536 over about 2 MB of rows must give several row groups.
    if (config.layout === 'blocks' && census.row_groups < 2) {
      fail(config, [`parquet.block.size did not cut the rows into row groups (${census.row_groups} row group)`]);
    }
    const glob = path.join(dir, '*.parquet');
    let read;
    try {
      read = await CanonicalTable(duckdb, connection, `SELECT * FROM read_parquet('${glob}') ORDER BY id`, false);
    } catch (e) {
      if (config.codec === 'lz4' && /Unsupported compression codec "LZ4"/.test(e.message)) {
        knownDifferences.add(kLz4Difference);
      } else {
        fail(config, [`DuckDB cannot read the files: ${e.message.split('\n')[0]}`]);
      }
      continue;
    }
    if (config.codec === 'lz4') {
      console.log(`note: DuckDB ${duckdb.version()} now reads codec LZ4 (${config.name}); remove kLz4Difference`);
    }
    fail(config, DescribeDifferences(expected, read, 'table', 'DuckDB'));
    // Statistics only matter with many row groups; one configuration is enough (page versions,
    // codecs and dictionaries do not touch them).
    if (config.layout === 'statistics') {
      const started = Date.now();
      const { problems, queries } = await CheckFilters({
        duckdb, connection, exe, workDir, name: config.name, source: `read_parquet('${glob}')`, runnelPath: dir,
        duckdbPushdown: true,
      });
      fail(config, problems);
      console.log(`${config.name}: ${queries} filters over statistics checked in ${Date.now() - started} ms`);
    }
    const meta = (await connection.runAndReadAll(
        `SELECT count(DISTINCT (file_name, row_group_id))::INTEGER, list(DISTINCT compression)
         FROM parquet_metadata('${glob}')`)).getRows()[0];
    const codecs = meta[1].items;
    if (meta[0] !== census.row_groups || codecs.length !== 1 || codecs[0] !== kCodecs[config.codec]) {
      fail(config, [`DuckDB's parquet_metadata() sees ${meta[0]} row groups and codecs ${codecs.join(',')}`]);
    }
  }
  console.log(`runnel_to_duckdb: ${configs.length} writer configurations, ${kRows} rows each`);
  for (const d of knownDifferences) console.log(`known difference: ${d}`);
  return failures;
}
