import { defineMessages } from '../../app/i18n.js';

export const projectTeamMessages = defineMessages({
  zh: {
    members: '专班成员',
    name: '姓名',
    unit: '单位',
    role: '职务',
    duty: '分工',
    addMember: '添加成员',
    remove: '移除',
    liaisonLeader: '包联领导',
    officer: '首席服务员',
    phone: '联系电话',
    namedOn: (d: string) => `${d} 指定`,
    greenChannel: '绿色通道',
    greenChannelHelp:
      '开启后，平台默认时限减半（向上取整）：问题办理期限、预审意见期限、首席服务员指定时限、逾期问题升级等待天数。已手工填写的日期不变。',
    window: (days: number, due: string | null) =>
      due ? `签约后 ${days} 天内须指定首席服务员（截至 ${due}）` : `签约后 ${days} 天内须指定首席服务员`,
    overdue: (days: number, late: number) =>
      `项目已签约，超过 ${days} 天仍未指定首席服务员（已逾期 ${late} 天）`,
    overdueHint: '请在下方填写首席服务员姓名和电话后保存。',
    save: '保存',
    saved: '已保存',
    required: (l: string) => `请填写${l}`,
    none: '暂未组建专班',
  },
  en: {
    members: 'Special team',
    name: 'Name',
    unit: 'Unit',
    role: 'Role',
    duty: 'Duty',
    addMember: 'Add member',
    remove: 'Remove',
    liaisonLeader: 'Liaison leader',
    officer: 'First-contact officer',
    phone: 'Phone',
    namedOn: (d: string) => `named on ${d}`,
    greenChannel: 'Green channel',
    greenChannelHelp:
      'Halves the platform’s default clocks (rounded up): problem deadlines, pre-review opinion due dates, the first-contact window and the escalation wait. Dates typed by a person do not change.',
    window: (days: number, due: string | null) =>
      due
        ? `Name a first-contact officer within ${days} days of signing (by ${due})`
        : `Name an officer within ${days} days of signing`,
    overdue: (days: number, late: number) =>
      `Signed, and no first-contact officer after ${days} days (${late} days late)`,
    overdueHint: 'Fill in the officer’s name and phone below and save.',
    save: 'Save',
    saved: 'Saved',
    required: (l: string) => `${l} is required`,
    none: 'No special team yet',
  },
});
