// Exact arithmetic for assessment scores: BigInt rationals, so 0.1 × 3 is 0.3, a rank never flips on a binary
// float's last bit and a published score can be recomputed to the same digits years later. No dependency:
// the operations needed (+ − × ÷, compare, round with a mode) are a page of code.

export type RoundingMode = 'half_up' | 'half_even' | 'up' | 'down' | 'floor' | 'ceil';
export const ROUNDING_MODES: readonly RoundingMode[] = [
  'half_up',
  'half_even',
  'up',
  'down',
  'floor',
  'ceil',
];

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** n / d with d > 0 and gcd(n, d) = 1. Immutable. */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;
  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  static of(n: bigint, d: bigint = 1n): Rational {
    if (d === 0n) throw new RangeError('Rational with a zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  static int(n: number): Rational {
    return Rational.of(BigInt(n));
  }

  /**
   * A decimal text ("12", "-0.5", "1.5e-7", "120%") or a finite JS number (read through its shortest decimal
   * form, so 0.1 is exactly 1/10). Anything else is null: the caller decides what "missing" means.
   */
  static parse(value: number | string | bigint): Rational | null {
    if (typeof value === 'bigint') return Rational.of(value);
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    const text = String(value).trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?(%?)$/.exec(text);
    if (!m) return null;
    const [, sign, int = '', frac = '', exp = '0', pct] = m;
    if (int === '' && frac === '') return null;
    const e = Number(exp) - frac.length - (pct ? 2 : 0);
    if (Math.abs(e) > 400) return null; // beyond any real figure; also keeps BigInt powers small
    let n = BigInt((int || '0') + frac);
    if (sign === '-') n = -n;
    return e >= 0 ? Rational.of(n * 10n ** BigInt(e)) : Rational.of(n, 10n ** BigInt(-e));
  }

  add(o: Rational): Rational {
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }
  /** Division by zero is the caller's decision (the language makes it "missing"); here it is null. */
  div(o: Rational): Rational | null {
    if (o.n === 0n) return null;
    return Rational.of(this.n * o.d, this.d * o.n);
  }
  neg(): Rational {
    return Rational.of(-this.n, this.d);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }
  min(o: Rational): Rational {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Rational): Rational {
    return this.cmp(o) >= 0 ? this : o;
  }

  /**
   * Round to `digits` decimal places. half_up is 四舍五入 with ties away from zero (−2.5 → −3), as Excel's ROUND
   * and every published bulletin; half_even is banker's rounding; up/down are away from / toward zero;
   * floor/ceil toward −∞/+∞.
   */
  round(digits: number, mode: RoundingMode = 'half_up'): Rational {
    const scale = 10n ** BigInt(digits);
    const n = this.n * scale;
    const d = this.d;
    // Truncated quotient and remainder (toward zero), then adjust.
    const q = n / d;
    const r = n % d;
    if (r === 0n) return Rational.of(q, scale);
    const negative = n < 0n;
    const twice = abs(r) * 2n;
    let away: boolean;
    switch (mode) {
      case 'half_up':
        away = twice >= d;
        break;
      case 'half_even':
        away = twice > d || (twice === d && q % 2n !== 0n);
        break;
      case 'up':
        away = true;
        break;
      case 'down':
        away = false;
        break;
      case 'floor':
        away = negative;
        break;
      case 'ceil':
        away = !negative;
        break;
    }
    const result = away ? (negative ? q - 1n : q + 1n) : q;
    return Rational.of(result, scale);
  }

  /** Fixed-point text with `digits` places, rounded half_up; trailing zeros kept. */
  toFixed(digits: number): string {
    const r = this.round(digits);
    const scale = 10n ** BigInt(digits);
    const scaled = (r.n * scale) / r.d;
    const negative = scaled < 0n;
    const s = abs(scaled)
      .toString()
      .padStart(digits + 1, '0');
    const body = digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
    return negative ? `-${body}` : body;
  }

  /** Shortest decimal text of the value rounded to 10 places ("12.5", "0.3333333333"). */
  toString(): string {
    const t = this.toFixed(10);
    return t.includes('.') ? t.replace(/\.?0+$/, '') : t;
  }

  /** For display and JSON; exact values stay Rationals until this point. */
  toNumber(): number {
    return Number(this.toString());
  }
}
