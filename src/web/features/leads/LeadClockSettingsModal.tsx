import { Alert, App, Form, InputNumber, Modal, Skeleton, Typography } from 'antd';
import type { LeadClockSettings } from '../../../domain/leads/leads.schemas.js';
import { errorText } from '../../app/api.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { useLeadClockSettings, useSaveLeadClockSettings } from './leads.api.js';
import { leadsMessages } from './leads.messages.js';

const LIMITS: Record<keyof LeadClockSettings, number> = {
  respondDays: 30,
  screenDays: 60,
  feedbackDays: 90,
  reportIntervalDays: 90,
};

/** The center sets the district's lead service clocks; every lead's clocks follow at once. */
export function LeadClockSettingsModal({ onClose }: { onClose: () => void }) {
  const t = useT(leadsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeadClockSettings>();
  const settings = useLeadClockSettings();
  const save = useSaveLeadClockSettings();
  return (
    <Modal
      open
      title={t.settingsTitle}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t.settingsHelp}</Typography.Paragraph>
      {settings.data ? (
        <Form<LeadClockSettings>
          form={form}
          name="lead-clocks"
          layout="horizontal"
          labelCol={{ span: 12 }}
          initialValues={settings.data}
          onFinish={(v) =>
            save.mutate(v, {
              onSuccess: () => {
                void message.success(t.saved);
                onClose();
              },
              onError: (err) => applyFieldErrors(form, err, lang),
            })
          }
        >
          {(Object.keys(LIMITS) as (keyof LeadClockSettings)[]).map((k) => (
            <Form.Item key={k} name={k} label={t[k]} rules={[{ required: true, message: t.required }]}>
              <InputNumber min={1} max={LIMITS[k]} precision={0} suffix={t.days} style={{ width: 140 }} />
            </Form.Item>
          ))}
        </Form>
      ) : (
        <Skeleton active />
      )}
      {save.error ? <Alert type="error" showIcon title={errorText(save.error, lang)} /> : null}
    </Modal>
  );
}
