/**
 * A small seeded pseudo-random generator for the demo data: sfc32 (Chris Doty-Humphrey's
 * "small fast chaotic" generator, 128-bit state, passes PractRand), plus the helpers the
 * generator needs. Same seed and stream -> same numbers, on every machine and Node version
 * (only 32-bit integer arithmetic, no Math.random, no floating-point accumulation).
 */

/** lowbias32 (Chris Wellons): a bijective 32-bit integer hash, used to spread seeds over the state. */
export function hash32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A picker prepared once for a hot path: cumulative weights, binary-searched. */
export class WeightedTable<T> {
  readonly values: readonly T[];
  private readonly cumulative: number[];
  readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new Error('WeightedTable: no entry with a positive weight');
    this.values = kept.map(([v]) => v);
    let sum = 0;
    this.cumulative = kept.map(([, w]) => (sum += w));
    this.total = sum;
  }

  /** u in [0, 1). */
  at(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Four 32-bit words of state; use `Random.from` or `Random.stream` rather than this. */
  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** A generator for a seed (any safe integer). */
  static from(seed: number): Random {
    return Random.stream(seed, 0, 0);
  }

  /**
   * An independent generator for (seed, stream, index): distinct triples give distinct initial
   * states, so e.g. every family gets its own sequence and the rows of family #n do not depend
   * on how many numbers the families before it consumed (chunking cannot change the output).
   */
  static stream(seed: number, stream: number, index: number): Random {
    if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
    return new Random(hash32(lo ^ 0x9e3779b9), hash32(hi) ^ Math.imul(stream, 0x85ebca6b), index >>> 0, (Math.floor(index / 0x1_0000_0000) + 1) >>> 0);
  }

  /** Next 32-bit unsigned integer (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`Random.int: empty range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One value by weight: a prepared table (fast) or [value, weight] pairs. */
  weighted<T>(table: WeightedTable<T> | ReadonlyArray<readonly [T, number]>): T {
    const prepared = table instanceof WeightedTable ? table : new WeightedTable(table);
    return prepared.at(this.next());
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  /** Roughly bell-shaped integer in [min, max] (mean of two uniforms). */
  triangular(min: number, max: number): number {
    return min + Math.floor(((this.next() + this.next()) / 2) * (max - min + 1));
  }

  /** A calendar date "YYYY-MM-DD" in [from, to], both inclusive. */
  dateBetween(from: string, to: string): string {
    return isoDate(this.int(dayNumber(from), dayNumber(to)));
  }

  /** A version-4 UUID made of this generator's bits (deterministic, unlike crypto.randomUUID). */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.uint32();
    return hex16(w0 >>> 16) + hex16(w0 & 0xffff) + '-' + hex16(w1 >>> 16) + '-' + hex16(w1 & 0xffff) + '-' + hex16(w2 >>> 16) + '-' + hex16(w2 & 0xffff) + hex16(w3 >>> 16) + hex16(w3 & 0xffff);
  }
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex16(n: number): string {
  return HEX_BYTE[n >>> 8] + HEX_BYTE[n & 0xff];
}

/** Days since 1970-01-01 of a calendar date "YYYY-MM-DD" (proleptic Gregorian, integer arithmetic only). */
export function dayNumber(date: string): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  // H. Hinnant's days_from_civil.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** "YYYY-MM-DD" of a day number (H. Hinnant's civil_from_days). */
export function isoDate(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${PAD2[m]}-${PAD2[d]}`;
}

/** The same calendar day `years` later (29 February -> 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Full years of someone born on `birth` on the day `on` (both "YYYY-MM-DD"). */
export function fullYears(birth: string, on: string): number {
  const age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  // "MM-DD" strings compare like the dates they are.
  return on.slice(5) < birth.slice(5) ? age - 1 : age;
}

/** "DD.MM.YYYY", as Russian documents print dates. */
export function russianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}
