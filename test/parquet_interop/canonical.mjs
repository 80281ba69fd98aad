// The DuckDB side of the interop test's canonical text (canonical_text.h is the Runnel side;
// README.md states the format). Values are read with @duckdb/node-api and written as the Runnel
// value they map to, so equal text means equal values.

// Runnel's type for a DuckDB type. `lenient` applies the documented mapping of types Runnel
// has no exact counterpart for (DuckDB writes them, Runnel reads them as these); without it
// only the exact counterparts map, so a Runnel file that DuckDB reads as another type shows up.
export function RunnelType(duckdb, t, lenient) {
  const T = duckdb.DuckDBTypeId;
  const exact = {
    [T.BOOLEAN]: 'BOOLEAN', [T.INTEGER]: 'INT', [T.BIGINT]: 'BIGINT', [T.DOUBLE]: 'DOUBLE',
    [T.VARCHAR]: 'STRING', [T.BLOB]: 'BINARY', [T.DATE]: 'DATE', [T.TIMESTAMP]: 'TIMESTAMP',
    [T.TIMESTAMP_TZ]: 'TIMESTAMP',
  };
  const mapped = {
    [T.TINYINT]: 'INT', [T.SMALLINT]: 'INT', [T.UTINYINT]: 'INT', [T.USMALLINT]: 'INT',
    [T.UINTEGER]: 'BIGINT', [T.UBIGINT]: 'DECIMAL(20,0)', [T.FLOAT]: 'DOUBLE', [T.UUID]: 'STRING',
    [T.ENUM]: 'STRING', [T.TIMESTAMP_S]: 'TIMESTAMP', [T.TIMESTAMP_MS]: 'TIMESTAMP',
    [T.TIMESTAMP_NS]: 'TIMESTAMP',
  };
  switch (t.typeId) {
    case T.DECIMAL: return `DECIMAL(${t.width},${t.scale})`;
    case T.LIST: return `ARRAY<${RunnelType(duckdb, t.valueType, lenient)}>`;
    case T.ARRAY:
      if (lenient) return `ARRAY<${RunnelType(duckdb, t.valueType, lenient)}>`;
      break;
    case T.MAP:
      return `MAP<${RunnelType(duckdb, t.keyType, lenient)},${RunnelType(duckdb, t.valueType, lenient)}>`;
    case T.STRUCT:
      return 'STRUCT<' + t.entryNames.map((n, i) => `${n}:${RunnelType(duckdb, t.entryTypes[i], lenient)}`).join(',') + '>';
    default:
      if (exact[t.typeId]) return exact[t.typeId];
      if (lenient && mapped[t.typeId]) return mapped[t.typeId];
  }
  return `DuckDB:${t.toString()}`;
}

export function CanonicalDouble(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return String(v);  // the shortest text that round-trips
}

export function CanonicalDecimal(unscaled, scale) {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  if (scale > 0) digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  return (negative ? '-' : '') + digits;
}

function Pad(n, width) { return String(n).padStart(width, '0'); }

// Proleptic Gregorian date of a day number (Howard Hinnant's civil_from_days).
export function CanonicalDate(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year < 0 ? '-' : ''}${Pad(Math.abs(year), 4)}-${Pad(month, 2)}-${Pad(day, 2)}`;
}

function FloorDiv(a, b) {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function CanonicalTimestamp(micros) {
  const perDay = 86400n * 1000000n;
  const days = FloorDiv(micros, perDay);
  const inDay = micros - days * perDay;
  const seconds = inDay / 1000000n;
  return `${CanonicalDate(Number(days))} ${Pad(seconds / 3600n, 2)}:${Pad((seconds / 60n) % 60n, 2)}:` +
         `${Pad(seconds % 60n, 2)}.${Pad(inDay % 1000000n, 6)}`;
}

export function Quote(s) {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0);
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += c;
  }
  return out + '"';
}

export function Hex(bytes) {
  return "x'" + Buffer.from(bytes).toString('hex') + "'";
}

// The canonical text of DuckDB value `v` of DuckDB type `t`.
export function CanonicalValue(duckdb, t, v) {
  if (v === null || v === undefined) return 'NULL';
  const T = duckdb.DuckDBTypeId;
  switch (t.typeId) {
    case T.BOOLEAN: return v ? 'true' : 'false';
    case T.TINYINT: case T.SMALLINT: case T.INTEGER: case T.BIGINT: case T.HUGEINT:
    case T.UTINYINT: case T.USMALLINT: case T.UINTEGER: case T.UBIGINT: case T.UHUGEINT:
      return BigInt(v).toString();
    case T.FLOAT: case T.DOUBLE: return CanonicalDouble(v);
    case T.DECIMAL: return CanonicalDecimal(v.value, v.scale);
    case T.VARCHAR: case T.ENUM: return Quote(String(v));
    case T.UUID: return Quote(v.toString());
    case T.BLOB: return Hex(v.bytes);
    case T.DATE: return CanonicalDate(v.days);
    case T.TIMESTAMP: case T.TIMESTAMP_TZ: return CanonicalTimestamp(v.micros);
    case T.TIMESTAMP_S: return CanonicalTimestamp(v.seconds * 1000000n);
    case T.TIMESTAMP_MS: return CanonicalTimestamp(v.millis * 1000n);
    case T.TIMESTAMP_NS: return CanonicalTimestamp(FloorDiv(v.nanos, 1000n));  // Runnel keeps micros, rounding down
    case T.LIST: case T.ARRAY:
      return '[' + v.items.map((item) => CanonicalValue(duckdb, t.valueType, item)).join(',') + ']';
    case T.STRUCT:
      return '{' + t.entryNames.map((n, i) => `${n}:${CanonicalValue(duckdb, t.entryTypes[i], v.entries[n])}`).join(',') + '}';
    case T.MAP:
      return '{' + v.entries.map((e) => CanonicalValue(duckdb, t.keyType, e.key) + '=>' +
                                        CanonicalValue(duckdb, t.valueType, e.value)).join(',') + '}';
    default: return `<${t.toString()}:${String(v)}>`;
  }
}

// The canonical table of a query's result (rows in the order the query gives: ORDER BY id).
export async function CanonicalTable(duckdb, connection, sql, lenient) {
  const reader = await connection.runAndReadAll(sql);
  const types = reader.columnTypes();
  const names = reader.columnNames();
  const lines = ['#schema\t' + names.map((n, i) => `${n}:${RunnelType(duckdb, types[i], lenient)}`).join('\t')];
  for (const row of reader.getRows()) lines.push(row.map((v, i) => CanonicalValue(duckdb, types[i], v)).join('\t'));
  return lines.join('\n') + '\n';
}
