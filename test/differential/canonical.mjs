// The canonical text of a result, shared by the DuckDB side and the comparer (runnel_queries.cc
// writes the same format): a "#types" line with one type class per column (int, double, string,
// date, boolean, other), then one line per row, values separated by tabs.
// NULL is "NULL"; doubles keep 9 significant digits, positional between 1e-5 and 1e15 with at
// least one fractional digit ("28.0", "-0.001"), else "1.5e20"; -0 prints as 0.0.

// Digits and decimal exponent of |v| rounded to 9 significant digits.
function Decompose(v) {
  const [mantissa, exponent] = Math.abs(v).toExponential(8).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, exponent: Number(exponent) };
}

export function FormatDouble(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return '0.0';
  const { digits, exponent } = Decompose(v);
  const sign = v < 0 ? '-' : '';
  if (exponent < -5 || exponent >= 15) {
    const rest = digits.length > 1 ? '.' + digits.slice(1) : '';
    return `${sign}${digits[0]}${rest}e${exponent}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${whole}.${fraction}`;
}

// Rows that differ only in floating-point noise beyond 9 digits may still round differently;
// the comparer accepts two double texts whose values are within this relative distance.
export const kRelativeTolerance = 1e-8;

export function DoublesClose(a, b) {
  const x = Number(a), y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  return Math.abs(x - y) <= kRelativeTolerance * Math.max(Math.abs(x), Math.abs(y), 1e-300);
}
