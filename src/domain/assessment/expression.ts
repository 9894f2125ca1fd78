// The assessment schemes' formula language: what the center writes for each scoring item, parsed and checked on
// save so a mistake is pointed at (offsets into the text) instead of surfacing as a wrong score in a bulletin.
// Semantics (what each function computes, zero targets, rounding) are documented once, in evaluate.ts.
//
// Grammar (lowest precedence first; comparison does not chain):
//   expr    := or
//   or      := and ( ('or' | '||') and )*
//   and     := not ( ('and' | '&&') not )*
//   not     := ('not' | '!') not | compare
//   compare := sum ( ('=' | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>=' | '≤' | '≥') sum )?
//   sum     := product ( ('+' | '-') product )*
//   product := unary ( ('*' | '×' | '/' | '÷') unary )*
//   unary   := ('-' | '+') unary | primary
//   primary := number ['%'] | 'text' | name | name '(' [expr (',' expr)*] ')' | '(' expr ')' | '[' expr ',' expr ']'
// Full-width （）【】，and the × ÷ signs are accepted as typed with a Chinese input method.

import { Rational, ROUNDING_MODES } from './rational.js';

export interface ExprError {
  message: string;
  messageZh: string;
  /** Character offsets into the formula text, end exclusive. */
  start: number;
  end: number;
}

interface Span {
  start: number;
  end: number;
}
export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export type Expr =
  | ({ kind: 'number'; value: Rational } & Span)
  | ({ kind: 'text'; value: string } & Span)
  | ({ kind: 'name'; name: string } & Span)
  | ({ kind: 'call'; name: string; nameEnd: number; args: Expr[] } & Span)
  | ({ kind: 'unary'; op: '-' | 'not'; arg: Expr } & Span)
  | ({ kind: 'binary'; op: BinaryOp; left: Expr; right: Expr } & Span)
  | ({ kind: 'pair'; first: Expr; second: Expr } & Span);

/** What a formula may name: the indicators of the year's catalogue, by key (signed_amount) or by name (签约额). */
export interface CatalogueEntry {
  key: string;
  name?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Function table. `kind` drives both checking and evaluation.

export type FunctionKind = 'indicator' | 'scalar' | 'cross';
export interface FunctionSpec {
  min: number;
  max: number;
  kind: FunctionKind;
  zh: string;
}
const MANY = Number.POSITIVE_INFINITY;
export const FUNCTIONS: Record<string, FunctionSpec> = {
  actual: { min: 1, max: 1, kind: 'indicator', zh: '实际完成值' },
  target: { min: 1, max: 1, kind: 'indicator', zh: '目标任务' },
  completion: { min: 1, max: 1, kind: 'indicator', zh: '完成率 = 实际 ÷ 目标' },
  count: { min: 1, max: 1, kind: 'indicator', zh: '计数（同实际值）' },
  time_progress: { min: 0, max: 0, kind: 'scalar', zh: '序时进度' },
  min: { min: 2, max: MANY, kind: 'scalar', zh: '最小值' },
  max: { min: 2, max: MANY, kind: 'scalar', zh: '最大值' },
  cap: { min: 2, max: 2, kind: 'scalar', zh: '封顶' },
  floor_at: { min: 2, max: 2, kind: 'scalar', zh: '保底' },
  clamp: { min: 3, max: 3, kind: 'scalar', zh: '限定区间' },
  round: { min: 1, max: 3, kind: 'scalar', zh: '舍入' },
  if: { min: 3, max: 3, kind: 'scalar', zh: '条件' },
  if_missing: { min: 2, max: 2, kind: 'scalar', zh: '缺数时取值' },
  band: { min: 3, max: MANY, kind: 'scalar', zh: '分档计分' },
  per: { min: 3, max: 3, kind: 'scalar', zh: '按次加减分（带上限）' },
  rank: { min: 1, max: 2, kind: 'cross', zh: '组内排名' },
  efficacy: { min: 1, max: 1, kind: 'cross', zh: '功效系数' },
  sum_of: { min: 1, max: 1, kind: 'cross', zh: '组内合计' },
  max_of: { min: 1, max: 1, kind: 'cross', zh: '组内最大' },
  min_of: { min: 1, max: 1, kind: 'cross', zh: '组内最小' },
  avg_of: { min: 1, max: 1, kind: 'cross', zh: '组内平均' },
};
export const MAX_ROUND_DIGITS = 10;
/** Deep nesting gains a center nothing and would let a pasted blob exhaust the stack. */
export const MAX_DEPTH = 64;
export const MAX_LENGTH = 2000;

// ---------------------------------------------------------------------------------------------------------
// Lexer

type TokenType = 'number' | 'text' | 'name' | 'op' | 'end';
interface Token extends Span {
  type: TokenType;
  text: string;
}

const FULL_WIDTH: Record<string, string> = {
  '（': '(',
  '）': ')',
  '【': '[',
  '】': ']',
  '，': ',',
  '×': '*',
  '÷': '/',
  '＋': '+',
  '－': '-',
  '＝': '=',
  '＜': '<',
  '＞': '>',
};
const OPERATORS = [
  '<=',
  '>=',
  '!=',
  '<>',
  '==',
  '&&',
  '||',
  '≤',
  '≥',
  '+',
  '-',
  '*',
  '/',
  '=',
  '<',
  '>',
  '!',
];
const PUNCT = '(),[]';

class ParseFailure extends Error {
  constructor(readonly error: ExprError) {
    super(error.message);
  }
}
const fail = (message: string, messageZh: string, start: number, end: number): never => {
  throw new ParseFailure({ message, messageZh, start, end });
};

function tokenize(text: string): Token[] {
  // One character for one, so offsets into the normalised text are offsets into what the user typed.
  const src = Array.from(text, (ch) => FULL_WIDTH[ch] ?? ch).join('');
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (PUNCT.includes(c)) {
      tokens.push({ type: 'op', text: c, start, end: ++i });
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const m = /^(\d+(\.\d*)?|\.\d+)%?/.exec(src.slice(i));
      if (!m) fail(`Malformed number`, '数字格式不正确', start, start + 1);
      i += m![0].length;
      tokens.push({ type: 'number', text: m![0], start, end: i });
      continue;
    }
    if (c === "'" || c === '"' || c === '‘' || c === '“') {
      const close = c === '‘' ? '’' : c === '“' ? '”' : c;
      const endAt = src.indexOf(close, i + 1);
      if (endAt < 0)
        fail('Unterminated text, add the closing quote', `文字缺少结束引号 ${close}`, start, src.length);
      tokens.push({ type: 'text', text: src.slice(i + 1, endAt), start, end: endAt + 1 });
      i = endAt + 1;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(src.slice(i));
    if (word) {
      i += word[0].length;
      const w = word[0];
      const lower = w.toLowerCase();
      if (lower === 'and' || lower === 'or' || lower === 'not')
        tokens.push({ type: 'op', text: lower, start, end: i });
      else tokens.push({ type: 'name', text: w, start, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      i += op.length;
      const text = op === '==' ? '=' : op === '<>' ? '!=' : op === '≤' ? '<=' : op === '≥' ? '>=' : op;
      tokens.push({
        type: 'op',
        text: text === '&&' ? 'and' : text === '||' ? 'or' : text === '!' ? 'not' : text,
        start,
        end: i,
      });
      continue;
    }
    fail(`Unexpected character "${c}"`, `无法识别的字符“${c}”`, start, start + 1);
  }
  tokens.push({ type: 'end', text: '', start: src.length, end: src.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Parser (recursive descent; the first syntax error stops it, since later ones are usually its echo)

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === text;
  }

  parseAll(): Expr {
    const e = this.expr();
    const t = this.peek();
    if (t.type !== 'end') {
      if (t.text === ')' || t.text === ']')
        fail('Closing bracket without an opening one', `多余的右括号“${t.text}”`, t.start, t.end);
      fail(`Unexpected "${t.text}": an operator is missing`, `“${t.text}”前缺少运算符`, t.start, t.end);
    }
    return e;
  }

  private expr(): Expr {
    if (++this.depth > MAX_DEPTH) {
      const t = this.peek();
      fail('Formula nested too deeply', '公式嵌套层数过多', t.start, t.end);
    }
    const e = this.or();
    this.depth--;
    return e;
  }

  private binaryLoop(ops: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    while (this.peek().type === 'op' && ops.includes(this.peek().text)) {
      const op = this.next().text as BinaryOp;
      const right = operand();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }
  private or(): Expr {
    return this.binaryLoop(['or'], () => this.and());
  }
  private and(): Expr {
    return this.binaryLoop(['and'], () => this.not());
  }
  private not(): Expr {
    if (this.isOp('not')) {
      const t = this.next();
      const arg = this.not();
      return { kind: 'unary', op: 'not', arg, start: t.start, end: arg.end };
    }
    return this.compare();
  }
  private compare(): Expr {
    const left = this.sum();
    const t = this.peek();
    if (t.type === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.next();
      const right = this.sum();
      const after = this.peek();
      if (after.type === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(after.text))
        fail(
          'Comparisons do not chain; write a < b and b < c',
          '比较不能连写，请写成 a < b and b < c',
          after.start,
          after.end,
        );
      return { kind: 'binary', op: t.text as BinaryOp, left, right, start: left.start, end: right.end };
    }
    return left;
  }
  private sum(): Expr {
    return this.binaryLoop(['+', '-'], () => this.product());
  }
  private product(): Expr {
    return this.binaryLoop(['*', '/'], () => this.unary());
  }
  private unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.next();
      const arg = this.unary();
      if (t.text === '+') return arg;
      return { kind: 'unary', op: '-', arg, start: t.start, end: arg.end };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.type) {
      case 'number': {
        const value = Rational.parse(t.text);
        if (!value) return fail('Malformed number', '数字格式不正确', t.start, t.end);
        return { kind: 'number', value, start: t.start, end: t.end };
      }
      case 'text':
        return { kind: 'text', value: t.text, start: t.start, end: t.end };
      case 'name': {
        if (!this.isOp('(')) return { kind: 'name', name: t.text, start: t.start, end: t.end };
        const open = this.next();
        const args: Expr[] = [];
        if (!this.isOp(')')) {
          for (;;) {
            args.push(this.expr());
            if (this.isOp(',')) {
              this.next();
              continue;
            }
            break;
          }
        }
        const close = this.next();
        if (close.type !== 'op' || close.text !== ')')
          this.unclosed(open, close, `${t.text}(`, `函数 ${t.text} 的括号没有闭合`);
        return { kind: 'call', name: t.text, nameEnd: t.end, args, start: t.start, end: close.end };
      }
      case 'op': {
        if (t.text === '(') {
          const inner = this.expr();
          const close = this.next();
          if (close.type !== 'op' || close.text !== ')') this.unclosed(t, close, '(', '括号没有闭合');
          return { ...inner, start: t.start, end: close.end };
        }
        if (t.text === '[') {
          const first = this.expr();
          const comma = this.next();
          if (comma.type !== 'op' || comma.text !== ',')
            fail('A band step is written [threshold, points]', '分档应写成 [门槛, 分值]', t.start, comma.end);
          const second = this.expr();
          const close = this.next();
          if (close.type !== 'op' || close.text !== ']') this.unclosed(t, close, '[', '方括号没有闭合');
          return { kind: 'pair', first, second, start: t.start, end: close.end };
        }
        if (t.text === ')' || t.text === ']')
          return fail('A value is missing before the closing bracket', '右括号前缺少数值', t.start, t.end);
        if (t.text === 'not')
          return fail(
            'Inside arithmetic or a comparison, put not in parentheses: (not …)',
            '在算式或比较中使用 not 时请加括号：(not …)',
            t.start,
            t.end,
          );
        return fail(`A value is missing before "${t.text}"`, `“${t.text}”前缺少数值`, t.start, t.end);
      }
      case 'end':
        return fail(
          'The formula ends too early: a value is missing',
          '公式不完整，末尾缺少数值',
          t.start,
          t.end,
        );
    }
  }

  private unclosed(open: Token, found: Token, what: string, zh: string): never {
    if (found.type === 'end')
      return fail(`Unbalanced parenthesis: "${what}" is never closed`, zh, open.start, open.end);
    return fail(
      `Expected a closing bracket or a comma, found "${found.text}"`,
      `此处应为逗号或右括号，而不是“${found.text}”`,
      found.start,
      found.end,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Checking: names, arity, literal-only arguments, band order. Collects every error, not just the first.

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Map from what a formula may write (key or name) to the indicator key. */
export function catalogueIndex(catalogue: readonly CatalogueEntry[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of catalogue) {
    index.set(c.key, c.key);
    if (c.name) index.set(c.name, c.key);
  }
  return index;
}

/** A number literal, possibly negated: what band thresholds and round digits must be. */
export function literalValue(e: Expr): Rational | null {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-') return literalValue(e.arg)?.neg() ?? null;
  return null;
}

function arityText(spec: FunctionSpec): { en: string; zh: string } {
  if (spec.min === spec.max) return { en: `${spec.min}`, zh: `${spec.min} 个` };
  if (spec.max === MANY) return { en: `at least ${spec.min}`, zh: `至少 ${spec.min} 个` };
  return { en: `${spec.min} to ${spec.max}`, zh: `${spec.min} 到 ${spec.max} 个` };
}

export function checkExpression(root: Expr, index: ReadonlyMap<string, string>): ExprError[] {
  const errors: ExprError[] = [];
  const err = (e: Span, message: string, messageZh: string) =>
    errors.push({ message, messageZh, start: e.start, end: e.end });

  const visit = (e: Expr, allowPair = false): void => {
    switch (e.kind) {
      case 'number':
        return;
      case 'text':
        err(e, 'Text is only allowed as a rounding mode or rank order', '文字只能用作舍入方式或排名方向');
        return;
      case 'pair':
        if (!allowPair)
          err(e, '[threshold, points] is only allowed inside band()', '[门槛, 分值] 只能写在 band() 里');
        visit(e.first);
        visit(e.second);
        return;
      case 'name': {
        if (index.has(e.name)) return;
        if (FUNCTIONS[e.name]) {
          err(e, `${e.name} is a function: write ${e.name}(…)`, `${e.name} 是函数，请写成 ${e.name}(…)`);
          return;
        }
        const guess = closest(e.name, index.keys());
        err(
          e,
          `Unknown indicator ${e.name}${guess ? `; did you mean ${guess}?` : ''}`,
          `未知指标 ${e.name}${guess ? `，是否想用 ${guess}？` : ''}`,
        );
        return;
      }
      case 'unary':
        visit(e.arg);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'call':
        checkCall(e);
        return;
    }
  };

  const checkCall = (e: Extract<Expr, { kind: 'call' }>): void => {
    const nameSpan = { start: e.start, end: e.nameEnd };
    const spec = FUNCTIONS[e.name];
    if (!spec) {
      const guess = closest(e.name, Object.keys(FUNCTIONS));
      err(
        nameSpan,
        `Unknown function ${e.name}${guess ? `; did you mean ${guess}?` : ''}`,
        `未知函数 ${e.name}${guess ? `，是否想用 ${guess}？` : ''}`,
      );
      for (const a of e.args) visit(a);
      return;
    }
    if (e.args.length < spec.min || e.args.length > spec.max) {
      const n = arityText(spec);
      err(
        e,
        `${e.name} takes ${n.en} argument${spec.max === 1 ? '' : 's'}, got ${e.args.length}`,
        `函数 ${e.name} 需要 ${n.zh}参数，实际给了 ${e.args.length} 个`,
      );
      return;
    }
    if (spec.kind === 'indicator') {
      const a = e.args[0]!;
      if (a.kind !== 'name') err(a, `${e.name}() takes an indicator name`, `${e.name}() 的参数应为指标名称`);
      else visit(a);
      return;
    }
    switch (e.name) {
      case 'round': {
        visit(e.args[0]!);
        const digits = e.args[1];
        if (digits) {
          const v = literalValue(digits);
          if (v?.d !== 1n || v.n < 0n || v.n > BigInt(MAX_ROUND_DIGITS))
            err(
              digits,
              `Decimal places must be a whole number from 0 to ${MAX_ROUND_DIGITS}`,
              `小数位数应为 0 到 ${MAX_ROUND_DIGITS} 的整数`,
            );
        }
        const mode = e.args[2];
        if (mode && (mode.kind !== 'text' || !(ROUNDING_MODES as readonly string[]).includes(mode.value)))
          err(
            mode,
            `Rounding mode must be one of ${ROUNDING_MODES.map((m) => `'${m}'`).join(', ')}`,
            `舍入方式应为 ${ROUNDING_MODES.map((m) => `'${m}'`).join('、')} 之一`,
          );
        return;
      }
      case 'rank': {
        visit(e.args[0]!);
        const order = e.args[1];
        if (order && (order.kind !== 'text' || (order.value !== 'desc' && order.value !== 'asc')))
          err(
            order,
            "Rank order must be 'desc' (largest first) or 'asc'",
            "排名方向应为 'desc'（大者居前）或 'asc'",
          );
        return;
      }
      case 'band': {
        visit(e.args[0]!);
        const steps = e.args.slice(1, -1);
        const otherwise = e.args[e.args.length - 1]!;
        let previous: Rational | null = null;
        for (const s of steps) {
          if (s.kind !== 'pair') {
            err(s, 'Each band step is written [threshold, points]', '每一档应写成 [门槛, 分值]');
            continue;
          }
          visit(s, true);
          const t = literalValue(s.first);
          if (!t) {
            err(s.first, 'A band threshold must be a number', '分档门槛应为数字');
            continue;
          }
          if (previous && t.cmp(previous) >= 0)
            err(
              s.first,
              'Band thresholds must be strictly descending (highest first)',
              '分档门槛应从高到低排列，且不能重复',
            );
          previous = t;
        }
        if (otherwise.kind === 'pair')
          err(
            otherwise,
            'band() ends with the points below the last threshold',
            'band() 最后一个参数应为最低档以下的分值',
          );
        else visit(otherwise);
        return;
      }
      default:
        for (const a of e.args) visit(a);
    }
  };

  visit(root);
  return errors;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; errors: ExprError[] };

/** Syntax only: the tree, or the one error where reading stopped. */
export function parseSyntax(src: string): ParseResult {
  if (src.length > MAX_LENGTH)
    return {
      ok: false,
      errors: [
        {
          message: `Formula longer than ${MAX_LENGTH} characters`,
          messageZh: `公式超过 ${MAX_LENGTH} 个字符`,
          start: MAX_LENGTH,
          end: src.length,
        },
      ],
    };
  if (src.trim() === '')
    return {
      ok: false,
      errors: [{ message: 'Formula is empty', messageZh: '公式为空', start: 0, end: src.length }],
    };
  try {
    return { ok: true, expr: new Parser(tokenize(src)).parseAll() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, errors: [e.error] };
    throw e;
  }
}

/** Syntax and meaning against the year's indicator catalogue: the check run when a formula is saved. */
export function parseExpression(src: string, catalogue: readonly CatalogueEntry[]): ParseResult {
  const parsed = parseSyntax(src);
  if (!parsed.ok) return parsed;
  const errors = checkExpression(parsed.expr, catalogueIndex(catalogue));
  return errors.length ? { ok: false, errors } : parsed;
}
