import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

/** UI text of one feature, Chinese first; `en` must have exactly the shape of `zh`. */
export interface Messages<M> {
  zh: M;
  en: M;
}

export function defineMessages<M>(messages: { zh: M; en: NoInfer<M> }): Messages<M> {
  return messages;
}

/** A label pair as the domain defines them (ROLE_LABELS, UNIT_KIND_LABELS, describePasswordProblem…). */
export type Bilingual = { zh: string; en: string };

const STORAGE_KEY = 'zhaoshang.lang';

export function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Everything outside React that follows the language: storage, <html lang>, dayjs. */
export function applyLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice just won't survive a reload
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}

export interface LocaleState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const LocaleContext = createContext<LocaleState>({ lang: 'zh', setLang: () => {} });

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export function useLang(): Lang {
  return useContext(LocaleContext).lang;
}

/** `const t = useT(usersMessages)` → the current language's messages of that feature. */
export function useT<M>(messages: Messages<M>): M {
  return messages[useLang()];
}
