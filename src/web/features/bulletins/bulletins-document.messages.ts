import { defineMessages } from '../../app/i18n.js';

// The print view's own controls. The document itself is Chinese whatever the UI language: it is an official
// bulletin (its words come from the snapshot and layout.ts).
export const bulletinDocumentMessages = defineMessages({
  zh: {
    print: '打印',
    back: '返回通报',
    draftMark: '草稿',
    draftNotice: '这是草稿，内容会随数据刷新而变化；正式通报以发布版本为准。',
    printHint: '打印时请在打印设置中选择 A4 纸、不缩放，并关闭“页眉和页脚”。',
    documentLabel: '通报正文',
  },
  en: {
    print: 'Print',
    back: 'Back to the bulletin',
    draftMark: 'Draft',
    draftNotice:
      'This is a draft: it changes when the data is refreshed; the published version is the official one.',
    printHint: 'When printing, choose A4 paper at 100% scale and turn off "Headers and footers".',
    documentLabel: 'Bulletin',
  },
});
