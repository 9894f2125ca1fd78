import { defineMessages } from '../../app/i18n.js';

export const accountMessages = defineMessages({
  zh: {
    title: '我的账户',
    username: '用户名',
    displayName: '姓名',
    unit: '单位',
    district: '区县',
    city: '市',
    roles: '角色',
    security: '账户安全',
    securityText: '定期修改密码，不要与他人共用账户。',
    changePassword: '修改密码',
    language: '界面语言',
  },
  en: {
    title: 'My account',
    username: 'User name',
    displayName: 'Full name',
    unit: 'Unit',
    district: 'District',
    city: 'City',
    roles: 'Roles',
    security: 'Account security',
    securityText: 'Change your password regularly and never share your account.',
    changePassword: 'Change password',
    language: 'Language',
  },
});
