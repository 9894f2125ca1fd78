import { defineMessages } from '../../app/i18n.js';

export const homeMessages = defineMessages({
  zh: {
    welcome: (name: string) => `欢迎，${name}`,
    intro: '招商调度平台：各单位录入线索和项目，数据自动汇总为月度通报和季度考核。',
    unit: '单位',
    district: '区县',
    city: '市',
    roles: '角色',
    openDashboard: '打开数据看板',
    openUnitDashboard: '打开本单位看板',
  },
  en: {
    welcome: (name: string) => `Welcome, ${name}`,
    intro:
      'Units enter their leads and projects here; the figures roll up into the monthly bulletin and the quarterly evaluation.',
    unit: 'Unit',
    district: 'District',
    city: 'City',
    roles: 'Roles',
    openDashboard: 'Open the dashboard',
    openUnitDashboard: 'Open the unit dashboard',
  },
});
