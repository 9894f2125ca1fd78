import type { SecurityPolicy } from '../../../domain/accounts/password-policy.js';
import { defineMessages } from '../../app/i18n.js';

type Field = { label: string; unit: string; help?: string };

export const securityPolicyMessages = defineMessages<{
  title: string;
  readOnly: string;
  sections: { password: string; lockout: string; throttle: string; session: string };
  fields: Record<keyof SecurityPolicy, Field>;
  range: (min: number, max: number) => string;
  required: string;
  save: string;
  restoreDefaults: string;
  saved: string;
}>({
  zh: {
    title: '安全策略',
    readOnly: '您只有查看权限；修改安全策略须由安全管理员进行。',
    sections: { password: '密码', lockout: '登录失败锁定', throttle: '按 IP 限制登录尝试', session: '会话' },
    fields: {
      passwordMinLength: { label: '密码最小长度', unit: '位' },
      passwordMinClasses: {
        label: '密码至少包含的字符类别',
        unit: '类',
        help: '小写字母、大写字母、数字、符号四类中至少几类',
      },
      passwordMaxAgeDays: { label: '密码有效期', unit: '天', help: '0 表示永不过期' },
      lockoutThreshold: { label: '连续登录失败锁定阈值', unit: '次' },
      lockoutWindowMinutes: { label: '失败次数统计时间窗口', unit: '分钟' },
      lockoutDurationMinutes: { label: '账户锁定时长', unit: '分钟' },
      ipThrottleMaxFailures: { label: '单个 IP 登录失败次数上限', unit: '次' },
      ipThrottleWindowMinutes: { label: 'IP 限制统计时间窗口', unit: '分钟' },
      sessionIdleMinutes: { label: '会话空闲超时', unit: '分钟' },
      sessionAbsoluteHours: { label: '会话最长有效期', unit: '小时' },
    },
    range: (min, max) => `取值范围 ${min}–${max}`,
    required: '请输入数值',
    save: '保存',
    restoreDefaults: '恢复默认值',
    saved: '安全策略已保存',
  },
  en: {
    title: 'Security policy',
    readOnly: 'You may only read this; the security administrator changes it.',
    sections: {
      password: 'Passwords',
      lockout: 'Lockout after failed sign-ins',
      throttle: 'Sign-in limits per IP',
      session: 'Sessions',
    },
    fields: {
      passwordMinLength: { label: 'Minimum password length', unit: 'chars' },
      passwordMinClasses: {
        label: 'Minimum character classes',
        unit: 'classes',
        help: 'Of lower-case, upper-case, digits and symbols',
      },
      passwordMaxAgeDays: { label: 'Password lifetime', unit: 'days', help: '0 = never expires' },
      lockoutThreshold: { label: 'Failed sign-ins before lockout', unit: 'times' },
      lockoutWindowMinutes: { label: 'Window for counting failures', unit: 'minutes' },
      lockoutDurationMinutes: { label: 'Lockout duration', unit: 'minutes' },
      ipThrottleMaxFailures: { label: 'Failed sign-ins per IP', unit: 'times' },
      ipThrottleWindowMinutes: { label: 'Window for the IP limit', unit: 'minutes' },
      sessionIdleMinutes: { label: 'Idle session timeout', unit: 'minutes' },
      sessionAbsoluteHours: { label: 'Maximum session length', unit: 'hours' },
    },
    range: (min, max) => `From ${min} to ${max}`,
    required: 'Enter a number',
    save: 'Save',
    restoreDefaults: 'Restore defaults',
    saved: 'Security policy saved',
  },
});
