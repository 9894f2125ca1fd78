import { defineMessages } from '../../app/i18n.js';

export const networkMessages = defineMessages({
  zh: {
    placeholder: {
      source: '选择推荐来源（商会、在外人员、经销网点等），可输入名称或拼音',
      event: '选择招商活动，可输入名称或拼音',
      chain_link: '选择产业链环节，可输入链或环节名称',
    },
    noMatch: '没有匹配的记录',
  },
  en: {
    placeholder: {
      source: 'Choose the referring source (chamber, person outside, dealer …)',
      event: 'Choose the promotion event',
      chain_link: 'Choose the chain link',
    },
    noMatch: 'Nothing matches',
  },
});
