import { defineMessages } from './i18n.js';

export const appMessages = defineMessages({
  zh: {
    productName: '招商调度',
    nav: {
      home: '首页',
      organization: '组织机构',
      units: '单位',
      users: '用户',
      securityPolicy: '安全策略',
      audit: '审计日志',
      account: '我的账户',
      changePassword: '修改密码',
      notFound: '页面不存在',
    },
    openMenu: '打开菜单',
    logout: '退出登录',
    switchToOther: 'English',
    switchToOtherTitle: 'Switch to English',
    loading: '加载中…',
    version: (v: string) => `版本 ${v}`,
    routeErrorTitle: '页面出错了',
    routeErrorText: '请刷新页面重试；如果问题反复出现，请联系系统管理员。',
    backHome: '返回首页',
  },
  en: {
    productName: 'Zhaoshang Dispatch',
    nav: {
      home: 'Home',
      organization: 'Organization',
      units: 'Units',
      users: 'Users',
      securityPolicy: 'Security policy',
      audit: 'Audit log',
      account: 'My account',
      changePassword: 'Change password',
      notFound: 'Not found',
    },
    openMenu: 'Open menu',
    logout: 'Sign out',
    switchToOther: '中文',
    switchToOtherTitle: '切换到中文',
    loading: 'Loading…',
    version: (v: string) => `Version ${v}`,
    routeErrorTitle: 'This page failed',
    routeErrorText: 'Reload the page; if it keeps happening, tell the system administrator.',
    backHome: 'Back to home',
  },
});

export type NavKey = keyof (typeof appMessages)['zh']['nav'];
