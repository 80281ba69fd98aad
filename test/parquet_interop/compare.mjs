// Compares two canonical tables (canonical.mjs) and describes the first differences by column
// and row id, so a failure names the exact value that differs.

const kMaxReported = 8;

export function DescribeDifferences(expectedText, actualText, expectedLabel, actualLabel) {
  if (expectedText === actualText) return [];
  const expected = expectedText.trimEnd().split('\n');
  const actual = actualText.trimEnd().split('\n');
  if (actual[0]?.startsWith('#error')) return [`${actualLabel} failed: ${actual[0].slice(7)}`];
  const out = [];
  const names = expected[0].split('\t').slice(1);
  if (expected[0] !== actual[0]) {
    const got = actual[0].split('\t').slice(1);
    for (let i = 0; i < Math.max(names.length, got.length); ++i) {
      if (names[i] !== got[i]) out.push(`schema: ${expectedLabel} ${names[i] ?? '(none)'}, ${actualLabel} ${got[i] ?? '(none)'}`);
    }
  }
  if (expected.length !== actual.length) {
    out.push(`row count: ${expectedLabel} ${expected.length - 1}, ${actualLabel} ${actual.length - 1}`);
  }
  let reported = 0, differing = 0;
  for (let r = 1; r < Math.min(expected.length, actual.length); ++r) {
    if (expected[r] === actual[r]) continue;
    ++differing;
    const e = expected[r].split('\t');
    const a = actual[r].split('\t');
    for (let c = 0; c < Math.max(e.length, a.length) && reported < kMaxReported; ++c) {
      if (e[c] === a[c]) continue;
      const column = names[c]?.split(':')[0] ?? `#${c}`;
      out.push(`row id=${e[0]} column ${column}: ${expectedLabel} ${e[c]} | ${actualLabel} ${a[c]}`);
      ++reported;
    }
  }
  if (differing > 0) out.push(`${differing} row(s) differ in all`);
  return out;
}
