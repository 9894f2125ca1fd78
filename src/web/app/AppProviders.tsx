import { QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLang } from './i18n.js';
import { LocaleProvider } from './LocaleProvider.js';
import { queryClient } from './query-client.js';

// People who ask their system for less motion get none (antd's `motion` token); the browser journeys ask
// too, so a dropdown is never clicked while it is still sliding in.
const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function AntdConfig({ children }: { children: ReactNode }) {
  const lang = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      // antd puts a space between two CJK characters in buttons ("登 录"); our tests and users look for "登录".
      button={{ autoInsertSpace: false }}
      theme={{ token: { motion: !reducedMotion } }}
    >
      <App>{children}</App>
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntdConfig>{children}</AntdConfig>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
