import crypto from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes): ~30 ms on this class of machine.
// 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist makes "unknown user" cost the same as "wrong password".
let dummyHash: Promise<string> | null = null;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummyHash;
}

/** Readable one-time passwords (no 0/O, 1/l/I) that always satisfy the 4-class policy. */
export function generateOneTimePassword(): string {
  const sets = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@'];
  const pick = (s: string) => s[crypto.randomInt(s.length)]!;
  const chars = [...sets.map(pick)];
  const all = sets.join('');
  while (chars.length < 14) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

// The common-password list of zxcvbn-ts (≈49,000 leaked passwords) plus patterns common in Chinese leaks.
const CHINESE_COMMON = [
  'woaini1314',
  'woaini520',
  '5201314',
  'qq123456',
  'aa123456',
  'a123456789',
  'abc123456',
  'zxcvbnm123',
  '1qaz2wsx',
  '1qaz@wsx',
  '1q2w3e4r',
  'qwer1234',
  'asdf1234',
  'p@ssw0rd',
  'passw0rd',
  'admin123',
  'admin@123',
  'admin888',
  'root@123',
  'test@123',
  'abc@123',
  'abcd@1234',
  'zhangwei123',
  'wangwei123',
  'huawei@123',
  'welcome1',
  'changeme',
  'zhaoshang123',
  'zhaoshang@123',
];
const COMMON = new Set<string>([
  ...(dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()),
  ...CHINESE_COMMON,
]);

/** Case-insensitive, and also catches a common password with a trailing digit/symbol run stuck on. */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  const noSymbols = p.replace(/[!@#$%^&*.?_+=-]+$/, '');
  const stem = p.replace(/[0-9!@#$%^&*.?_+=-]+$/, '');
  return (
    COMMON.has(p) ||
    COMMON.has(noSymbols) ||
    (stem.length >= 4 && COMMON.has(stem) && stem.length >= p.length - 4)
  );
}
