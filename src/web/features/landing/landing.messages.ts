import { defineMessages } from '../../app/i18n.js';

export const landingMessages = defineMessages({
  zh: {
    cardTitle: '落地服务',
    procedures: '手续办理',
    problems: '问题清单',
    commitments: '承诺事项',
    preReviews: '预审',
    team: '专班与服务',
    portal: '企业服务链接',
  },
  en: {
    cardTitle: 'Landing service',
    procedures: 'Procedures',
    problems: 'Problems',
    commitments: 'Commitments',
    preReviews: 'Pre-review',
    team: 'Team and service',
    portal: 'Investor links',
  },
});
