import { QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLang } from './i18n.js';
import { LocaleProvider } from './LocaleProvider.js';
import { queryClient } from './query-client.js';

function AntdConfig({ children }: { children: ReactNode }) {
  const lang = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      // antd puts a space between two CJK characters in buttons ("登 录"); our tests and users look for "登录".
      button={{ autoInsertSpace: false }}
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
