import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { applyLang, type Lang, LocaleContext, readStoredLang } from './i18n.js';

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = readStoredLang();
    applyLang(stored);
    return stored;
  });
  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}
