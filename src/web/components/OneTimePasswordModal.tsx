import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { useT } from '../app/i18n.js';
import { componentsMessages } from './components.messages.js';
import { copyText } from './copy-text.js';

export interface OneTimePassword {
  username: string;
  password: string;
}

/** Shows a freshly issued password exactly once; only the explicit button closes it. */
export function OneTimePasswordModal({
  value,
  onClose,
}: {
  value: OneTimePassword | null;
  onClose: () => void;
}) {
  const t = useT(componentsMessages);
  const { message } = App.useApp();

  const copy = async () => {
    if (!value) return;
    if (await copyText(value.password)) void message.success(t.copied);
    else void message.error(t.copyFailed);
  };

  return (
    <Modal
      open={value !== null}
      title={t.otpTitle}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t.close}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t.otpWarningTitle}
        description={t.otpWarningText}
        style={{ marginBottom: 16 }}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t.otpUsername}>{value?.username}</Descriptions.Item>
        <Descriptions.Item label={t.otpPassword}>
          <Typography.Text code data-testid="one-time-password" style={{ fontSize: 16, userSelect: 'all' }}>
            {value?.password}
          </Typography.Text>
          <Button size="small" icon={<CopyOutlined />} onClick={copy} style={{ marginLeft: 8 }}>
            {t.copy}
          </Button>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
