import { Flex, Spin } from 'antd';
import { appMessages } from '../app/app.messages.js';
import { useT } from '../app/i18n.js';

export function FullPageSpin() {
  const t = useT(appMessages);
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description={t.loading} />
    </Flex>
  );
}
