import { describe, expect, it } from 'vitest';
import {
  characterClasses,
  checkPassword,
  DEFAULT_SECURITY_POLICY,
  describePasswordProblem,
} from './password-policy.js';

const codes = (pw: string, username?: string) =>
  checkPassword(pw, DEFAULT_SECURITY_POLICY, {
    username,
    isCommon: (p) => p.toLowerCase() === 'qwerty123!',
  }).map((p) => p.code);

describe('checkPassword', () => {
  it('accepts 8+ characters from 3 of 4 classes', () => {
    expect(codes('Bolt-nut7')).toEqual([]);
  });
  it('counts characters, not bytes, so Chinese passphrases are measured fairly', () => {
    expect([...'紧固件之乡2026a'].length).toBe(10);
    expect(codes('紧固件之乡2026a')).toEqual([]);
  });
  it('refuses short, single-class, common and user-name passwords', () => {
    expect(codes('Ab1!')).toContain('too_short');
    expect(codes('abcdefghij')).toContain('too_few_classes');
    expect(codes('Qwerty123!')).toContain('common');
    expect(codes('Zhangsan#2026', 'zhangsan')).toContain('contains_username');
  });
  it('accepts 64 characters and refuses past 128', () => {
    expect(codes(`Aa1-${'x'.repeat(60)}`)).toEqual([]);
    expect(codes(`Aa1-${'x'.repeat(125)}`)).toContain('too_long');
  });
  it('counts character classes', () => {
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('中文abc')).toBe(2);
  });
  it('describes every problem in Chinese and English', () => {
    const d = describePasswordProblem({ code: 'too_few_classes', min: 3 });
    expect(d.zh).toContain('3');
    expect(d.en).toContain('3');
  });
});
