// Writes the differential test's input: sales.csv (20k rows) and customers.csv (~500 rows),
// deterministic for a given seed. NULL is written as the bare word NULL (both engines are told
// so), empty strings as "" so they stay distinct from NULL.
//
//   node gen_data.mjs <out_dir> [seed]
import fs from 'node:fs';
import path from 'node:path';

// mulberry32: a tiny seeded PRNG, so the data is identical on every machine.
function Rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const outDir = process.argv[2];
const seed = Number(process.argv[3] ?? 20240611);
if (!outDir) {
  console.error('usage: node gen_data.mjs <out_dir> [seed]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const rand = Rng(seed);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));  // inclusive
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const maybeNull = (p, v) => (rand() < p ? 'NULL' : v);
const quoted = (s) => `"${s.replace(/"/g, '""')}"`;

function date(day) {
  const d = new Date(Date.UTC(2021, 0, 1) + day * 86400000);
  return d.toISOString().slice(0, 10);
}

const kProducts = ['apple', 'Apple', 'banana', 'cherry', 'kiwi fruit', 'Mango', 'pear', 'plum',
                   'durian', 'grape', 'lemon', 'lime', 'x', ''];
const kRegions = ['north', 'south', 'east', 'west', 'central'];
const kSegments = ['retail', 'wholesale', 'online', 'vip'];
const kNames = ['ann', 'bob', 'carla', 'dmitri', 'eve', 'farah', 'gus', 'hana', 'ivan', 'jo',
                'kenji', 'lena', 'mo', 'nina', 'otto', 'pia'];

function writeSales(rows) {
  const lines = ['sale_id,customer_id,product,region,quantity,amount,big,sale_date,discount'];
  for (let id = 1; id <= rows; ++id) {
    // Keys 1..560: customers has 1..520 minus a few, so some sales keys have no customer.
    const customer = maybeNull(0.03, String(int(1, 560)));
    const product = maybeNull(0.04, quoted(pick(kProducts)));
    const region = maybeNull(0.05, pick(kRegions));
    const quantity = maybeNull(0.05, String(int(-5, 40)));
    const amount = maybeNull(0.05, (int(-50000, 500000) / 100).toFixed(2));
    const big = maybeNull(0.05, String(int(-3000000, 3000000) * 1000003));
    const saleDate = maybeNull(0.04, date(int(0, 3 * 365)));
    const discount = maybeNull(0.3, (int(0, 50) / 100).toFixed(2));
    lines.push([id, customer, product, region, quantity, amount, big, saleDate, discount].join(','));
  }
  fs.writeFileSync(path.join(outDir, 'sales.csv'), lines.join('\n') + '\n');
}

function writeCustomers() {
  const lines = ['customer_id,name,segment,region,signup_date,credit'];
  const row = (id) => {
    const name = rand() < 0.02 ? quoted('') : pick(kNames) + '_' + int(1, 99);
    const segment = maybeNull(0.08, pick(kSegments));
    const region = maybeNull(0.05, pick(kRegions));
    const signup = maybeNull(0.05, date(int(-400, 700)));
    const credit = maybeNull(0.05, String(int(-1000, 100000)));
    return [id, name, segment, region, signup, credit].join(',');
  };
  for (let id = 1; id <= 520; ++id) {
    if (id % 13 === 0) continue;  // customers with no row here
    lines.push(row(id));
    if (id % 97 === 0) lines.push(row(id));  // duplicate keys multiply join rows
  }
  for (let id = 900; id < 910; ++id) lines.push(row(id));  // customers with no sales
  lines.push(row('NULL'));
  fs.writeFileSync(path.join(outDir, 'customers.csv'), lines.join('\n') + '\n');
}

writeSales(20000);
writeCustomers();
