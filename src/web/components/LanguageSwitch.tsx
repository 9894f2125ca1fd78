import { Button } from 'antd';
import { appMessages } from '../app/app.messages.js';
import { useLocale, useT } from '../app/i18n.js';

/** One button that offers the other language, labelled in that language. */
export function LanguageSwitch() {
  const { lang, setLang } = useLocale();
  const t = useT(appMessages);
  return (
    <Button type="text" title={t.switchToOtherTitle} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      {t.switchToOther}
    </Button>
  );
}
