import { defineMessages } from '../../app/i18n.js';

export const inboxMessages = defineMessages({
  zh: {
    title: (dept: string) => `${dept} · 部门待办`,
    overdue: '已逾期',
    thisWeek: '7日内到期',
    later: '其余待办',
    total: '全部待办',
    kind: '类别',
    item: '事项',
    project: '项目',
    unit: '所属单位',
    dueOn: '期限',
    daysOverdue: (n: number) => `逾期 ${n} 天`,
    empty: '没有待办事项',
    noDate: '未定',
  },
  en: {
    title: (dept: string) => `${dept} · Inbox`,
    overdue: 'Overdue',
    thisWeek: 'Due within 7 days',
    later: 'Later',
    total: 'All open',
    kind: 'Kind',
    item: 'Item',
    project: 'Project',
    unit: 'Unit',
    dueOn: 'Due',
    daysOverdue: (n: number) => `${n} days overdue`,
    empty: 'Nothing waiting',
    noDate: 'Not set',
  },
});
