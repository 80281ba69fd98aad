// The table DuckDB writes for Runnel to read: DuckDB's types that map onto Runnel's (README.md
// lists the mapping), first a row per edge value of each column, then a row of NULLs, then
// rows that mix NULLs, edge values and values computed from the row number.
//
// Each column: its DuckDB type, its edge values (SQL literals) and an expression over the row
// number `i` (BIGINT) for the other rows. R(k) is a pseudo-random number in [0, 1000003).

const R = (k) => `((i * ${[7919, 104729, 1299709, 15485863, 32452843][k % 5]} + ${k * 7}) % 1000003)`;

// DECIMAL(p, scale) exactly from the HUGEINT expression `u` of its unscaled value.
const Decimal = (u, p, scale) =>
  `(CASE WHEN (${u}) < 0 THEN '-' ELSE '' END || (abs(${u}) // ${10n ** BigInt(scale)})::VARCHAR || '.' ||
    lpad((abs(${u}) % ${10n ** BigInt(scale)})::VARCHAR, ${scale}, '0'))::DECIMAL(${p},${scale})`;

const kMinMicros = -62135596800000000n;  // 0001-01-01 00:00:00
const kMaxMicros = 253402300799999999n;  // 9999-12-31 23:59:59.999999

export const kColumns = [
  { name: 'ti', type: 'TINYINT', edges: ['-128', '127', '0', '-1'], gen: `${R(1)} % 256 - 128` },
  { name: 'si', type: 'SMALLINT', edges: ['-32768', '32767', '0'], gen: `${R(2)} % 65536 - 32768` },
  { name: 'ii', type: 'INTEGER', edges: ['-2147483648', '2147483647', '0', '-1'],
    gen: `(${R(3)} * 4099) % 4294967296 - 2147483648` },
  { name: 'bi', type: 'BIGINT', edges: ['-9223372036854775808', '9223372036854775807', '0', '9007199254740993'],
    gen: `((hash(i) >> 1)::BIGINT) * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END)` },
  { name: 'bi_low', type: 'BIGINT', edges: ['-9223372036854775808', '9223372036854775807'],
    gen: `[1, -1, 4294967296, 9223372036854775807][${R(25)} % 4 + 1]` },
  { name: 'ut', type: 'UTINYINT', edges: ['0', '255'], gen: `${R(4)} % 256` },
  { name: 'us', type: 'USMALLINT', edges: ['0', '65535'], gen: `${R(5)} % 65536` },
  { name: 'ui', type: 'UINTEGER', edges: ['0', '4294967295', '2147483648'], gen: `hash(i) % 4294967296` },
  { name: 'ub', type: 'UBIGINT', edges: ['0', '18446744073709551615', '9223372036854775808'], gen: `hash(i + 1)` },
  { name: 'f', type: 'FLOAT',
    edges: [`'NaN'`, `'inf'`, `'-inf'`, '-0.0', '0.0', '1.4e-45', '1.1754942e-38', '3.4028235e38', '0.1', '-16777217'],
    gen: `(${R(6)} - 500000) / 64.0` },
  { name: 'd', type: 'DOUBLE',
    edges: [`'NaN'`, `'inf'`, `'-inf'`, '-0.0', '4.9406564584124654e-324', '2.2250738585072009e-308',
            '1.7976931348623157e308', '1e308', '0.1', '-1e-300'],
    gen: `(${R(7)} - 500000) / 7.0` },
  { name: 'd_low', type: 'DOUBLE', edges: [`'NaN'`, '-0.0'], gen: `[0.5, -0.0, 'NaN'::DOUBLE, 1e300][${R(26)} % 4 + 1]` },
  { name: 'dec4_2', type: 'DECIMAL(4,2)', edges: ['99.99', '-99.99', '0', '0.01'], gen: Decimal(`(${R(8)} % 19999 - 9999)`, 4, 2) },
  { name: 'dec9_4', type: 'DECIMAL(9,4)', edges: ['99999.9999', '-99999.9999', '0.0001'],
    gen: Decimal(`(${R(9)} * 997 % 1999999999 - 999999999)`, 9, 4) },
  { name: 'dec18_3', type: 'DECIMAL(18,3)', edges: ['999999999999999.999', '-999999999999999.999', '-0.001'],
    gen: Decimal(`((hash(i + 2) % 1999999999999999999)::HUGEINT - 999999999999999999)`, 18, 3) },
  { name: 'dec20_0', type: 'DECIMAL(20,0)', edges: ['99999999999999999999', '-99999999999999999999', '0'],
    gen: `hash(i + 3)::HUGEINT * 5 - 50000000000000000000` },
  { name: 'dec38_10', type: 'DECIMAL(38,10)',
    edges: ['9999999999999999999999999999.9999999999', '-9999999999999999999999999999.9999999999', '0.0000000001'],
    gen: Decimal(`((hash(i + 4) >> 2)::HUGEINT * (hash(i + 5) >> 2)::HUGEINT - ${10n ** 37n})`, 38, 10) },
  { name: 'b', type: 'BOOLEAN', edges: ['true', 'false'], gen: `${R(10)} % 2 = 0` },
  { name: 's', type: 'VARCHAR',
    edges: [`''`, `'a'`, `'NULL'`, `'ü'`, `'日本語テキスト'`, `'😀🎉 emoji'`, `'tab' || chr(9) || 'x'`, `'nl' || chr(10)`,
            `'q"b\\s'`, `chr(1) || chr(127)`, `repeat('long-ü;', 300)`],
    gen: `'str-' || ${R(11)} || repeat('ü', (i % 3)::INTEGER)` },
  { name: 's_low', type: 'VARCHAR', edges: [`''`, `'red'`], gen: `['red', 'green', 'blue', ''][${R(12)} % 4 + 1]` },
  { name: 'bl', type: 'BLOB', edges: [`''::BLOB`, `'\\x00'::BLOB`, `'\\xFF\\x80\\x00'::BLOB`, `'abc'::BLOB`],
    gen: `('g' || ${R(13)})::BLOB` },
  { name: 'u', type: 'UUID',
    edges: [`'00000000-0000-0000-0000-000000000000'`, `'ffffffff-ffff-ffff-ffff-ffffffffffff'`,
            `'123e4567-e89b-12d3-a456-426614174000'`],
    gen: `md5(i::VARCHAR)::UUID` },
  { name: 'e', type: 'mood', edges: [`'sad'`, `'ok'`, `'happy'`], gen: `['sad', 'ok', 'happy'][${R(14)} % 3 + 1]` },
  { name: 'dt', type: 'DATE',
    edges: [`'0001-01-01'`, `'9999-12-31'`, `'1969-12-31'`, `'1970-01-01'`, `'1582-10-04'`, `'2000-02-29'`],
    gen: `DATE '1970-01-01' + ((${R(15)} * 3 % 3652059) - 719162)::INTEGER` },
  { name: 'ts', type: 'TIMESTAMP',
    edges: [`'0001-01-01 00:00:00'`, `'9999-12-31 23:59:59.999999'`, `'1969-12-31 23:59:59.999999'`,
            `'1970-01-01 00:00:00.000001'`, `'1969-07-20 20:17:40.123456'`],
    gen: `make_timestamp((hash(i + 6) % ${kMaxMicros - kMinMicros + 1n})::BIGINT + ${kMinMicros})` },
  { name: 'ts_s', type: 'TIMESTAMP_S', edges: [`'0001-01-01 00:00:00'`, `'1969-12-31 23:59:59'`],
    gen: `make_timestamp((hash(i + 7) % ${kMaxMicros - kMinMicros + 1n})::BIGINT + ${kMinMicros})::TIMESTAMP_S` },
  { name: 'ts_ms', type: 'TIMESTAMP_MS', edges: [`'9999-12-31 23:59:59.999'`, `'1969-12-31 23:59:59.999'`],
    gen: `make_timestamp((hash(i + 8) % ${kMaxMicros - kMinMicros + 1n})::BIGINT + ${kMinMicros})::TIMESTAMP_MS` },
  // TIMESTAMP_NS spans 1677-09-21 to 2262-04-11; Runnel keeps microseconds, rounding down.
  { name: 'ts_ns', type: 'TIMESTAMP_NS',
    edges: [`'1969-12-31 23:59:59.999999999'`, `'1970-01-01 00:00:00.000000001'`, `'1677-09-22 00:00:00.000000999'`,
            `'2262-04-10 23:59:59.999999999'`],
    gen: `make_timestamp_ns((hash(i + 9) >> 1)::BIGINT * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END))` },
  { name: 'tstz', type: 'TIMESTAMPTZ', edges: [`'0001-01-01 00:00:00+00'`, `'1969-12-31 23:59:59.999999+00'`],
    gen: `make_timestamp((hash(i + 10) % ${kMaxMicros - kMinMicros + 1n})::BIGINT + ${kMinMicros})::TIMESTAMPTZ` },
  { name: 'l_int', type: 'INTEGER[]', edges: ['[]', '[NULL]', '[1, NULL, 3]', '[-2147483648, 2147483647]'],
    gen: `list_transform(range(${R(16)} % 5), x -> CASE WHEN x = 2 THEN NULL ELSE (x * ${R(17)})::INTEGER END)` },
  { name: 'l_str', type: 'VARCHAR[]', edges: ['[]', `['']`, `[NULL, '']`, `['日本', '😀']`],
    gen: `list_transform(range(${R(18)} % 4), x -> 'e' || x || '-' || i)` },
  { name: 'll', type: 'INTEGER[][]', edges: ['[]', '[[]]', '[NULL]', '[[1, 2], [], NULL, [NULL]]'],
    gen: `list_transform(range(${R(19)} % 3), x -> list_transform(range(x), y -> (y * i)::INTEGER))` },
  { name: 'l_struct', type: 'STRUCT(a INTEGER, b VARCHAR)[]',
    edges: ['[]', '[NULL]', `[{'a': NULL, 'b': NULL}]`, `[{'a': 1, 'b': 'x'}, NULL, {'a': NULL, 'b': 'y'}]`],
    gen: `list_transform(range(${R(20)} % 3), x -> {'a': x::INTEGER, 'b': 'b' || i})` },
  { name: 'st', type: 'STRUCT(p INTEGER, q VARCHAR, r DOUBLE)',
    edges: [`{'p': NULL, 'q': NULL, 'r': NULL}`, `{'p': 1, 'q': '', 'r': -0.0}`, `{'p': 2147483647, 'q': 'ü', 'r': 'NaN'}`],
    gen: `{'p': ${R(21)}::INTEGER, 'q': CASE WHEN i % 5 = 0 THEN NULL ELSE 'q' || i END, 'r': i / 3}` },
  { name: 'm', type: 'MAP(VARCHAR, INTEGER)',
    edges: ['MAP {}', `MAP {'a': NULL}`, `MAP {'a': 1, 'b': NULL, '': -2147483648}`],
    gen: `map_from_entries(list_transform(range(${R(22)} % 4), x -> {'k': 'k' || x, 'v': CASE WHEN x = 1 THEN NULL ELSE (x * i)::INTEGER END}))` },
  { name: 'm_list', type: 'MAP(VARCHAR, INTEGER[])',
    edges: ['MAP {}', `MAP {'k': NULL}`, `MAP {'k': []}`, `MAP {'k': [NULL, 1], 'j': [2]}`],
    gen: `map_from_entries(list_transform(range(${R(23)} % 3), x -> {'k': 'k' || x, 'v': range(x::INTEGER)}))` },
  { name: 'st_map', type: 'STRUCT(k BIGINT, mm MAP(INTEGER, VARCHAR))',
    edges: [`{'k': NULL, 'mm': NULL}`, `{'k': 1, 'mm': MAP {}}`, `{'k': 2, 'mm': MAP {1: NULL, 2: 'x'}}`],
    gen: `{'k': i, 'mm': map_from_entries(list_transform(range(${R(24)} % 3), x -> {'k': x::INTEGER, 'v': 'v' || i}))}` },
  { name: 'm_struct', type: 'MAP(INTEGER, STRUCT(f DOUBLE, g TIMESTAMP))',
    edges: [`MAP {1: NULL}`, `MAP {2: {'f': NULL, 'g': NULL}}`, `MAP {3: {'f': 'NaN', 'g': '1969-12-31 23:59:59.999999'}}`],
    gen: `MAP {i::INTEGER: {'f': i / 7, 'g': make_timestamp(i * 1000003)}}` },
  // CASE cannot produce a fixed-size ARRAY: built as a list (`via`), then cast.
  { name: 'arr3', type: 'INTEGER[3]', via: 'INTEGER[]', edges: ['[1, 2, 3]', '[NULL, NULL, NULL]'],
    gen: `[i::INTEGER, NULL, (-i)::INTEGER]` },
];

// The SQL that creates table `src` with `numRows` rows.
export function CreateSourceSql(numRows) {
  const edgeRows = Math.max(...kColumns.map((c) => c.edges.length));
  const columns = kColumns.map((c, k) => {
    const type = c.via ?? c.type;
    const edges = `[${c.edges.map((e) => `(${e})::${type}`).join(', ')}]`;
    return `(CASE WHEN i < ${edgeRows} THEN ${edges}[i % ${c.edges.length} + 1]
                 WHEN i = ${edgeRows} OR (i * 31 + ${k}) % 11 = 0 THEN NULL
                 WHEN (i * 17 + ${k}) % 4 = 0 THEN ${edges}[(i + ${k}) % ${c.edges.length} + 1]
                 ELSE (${c.gen})::${type} END)::${c.type} AS ${c.name}`;
  });
  return [
    `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`,
    `CREATE TABLE src AS SELECT i::INTEGER AS id, ${columns.join(',\n  ')} FROM range(${numRows}) t(i)`,
  ];
}
