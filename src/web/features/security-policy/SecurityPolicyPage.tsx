import { Alert, App, Button, Card, Col, Divider, Flex, Form, InputNumber, Row } from 'antd';
import { useEffect } from 'react';
import {
  DEFAULT_SECURITY_POLICY,
  type SecurityPolicy,
  securityPolicySchema,
} from '../../../domain/accounts/password-policy.js';
import { useCan } from '../../app/auth.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { useSecurityPolicy, useUpdateSecurityPolicy } from './security-policy.api.js';
import { securityPolicyMessages } from './security-policy.messages.js';

type Key = keyof SecurityPolicy;

const SECTIONS: { key: 'password' | 'lockout' | 'throttle' | 'session'; fields: Key[] }[] = [
  { key: 'password', fields: ['passwordMinLength', 'passwordMinClasses', 'passwordMaxAgeDays'] },
  { key: 'lockout', fields: ['lockoutThreshold', 'lockoutWindowMinutes', 'lockoutDurationMinutes'] },
  { key: 'throttle', fields: ['ipThrottleMaxFailures', 'ipThrottleWindowMinutes'] },
  { key: 'session', fields: ['sessionIdleMinutes', 'sessionAbsoluteHours'] },
];

/** Bounds come from the domain schema, so the form and the server never disagree. */
function bounds(key: Key): { min: number; max: number } {
  const field = securityPolicySchema.shape[key];
  return { min: field.minValue ?? 0, max: field.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export function SecurityPolicyPage() {
  const t = useT(securityPolicyMessages);
  const lang = useLang();
  const can = useCan();
  const canManage = can('security_policy.manage');
  const { message } = App.useApp();
  const [form] = Form.useForm<SecurityPolicy>();
  const policy = useSecurityPolicy();
  const update = useUpdateSecurityPolicy();

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  if (policy.isError) return <ErrorResult error={policy.error} onRetry={() => void policy.refetch()} />;

  const submit = (values: SecurityPolicy) =>
    update.mutate(values, {
      onSuccess: () => void message.success(t.saved),
      onError: (err) => applyFieldErrors(form, err, lang),
    });

  return (
    <Card title={t.title} loading={policy.isPending}>
      {canManage ? null : <Alert type="info" showIcon title={t.readOnly} style={{ marginBottom: 16 }} />}
      <Form<SecurityPolicy>
        form={form}
        layout="vertical"
        disabled={!canManage}
        onFinish={submit}
        style={{ maxWidth: 880 }}
      >
        {SECTIONS.map((section) => (
          <div key={section.key}>
            <Divider titlePlacement="start">{t.sections[section.key]}</Divider>
            <Row gutter={16}>
              {section.fields.map((key) => {
                const { min, max } = bounds(key);
                const field = t.fields[key];
                return (
                  <Col key={key} xs={24} md={12}>
                    <Form.Item
                      name={key}
                      label={field.label}
                      extra={[field.help, t.range(min, max)]
                        .filter(Boolean)
                        .join(lang === 'zh' ? '；' : '; ')}
                      rules={[
                        { required: true, message: t.required },
                        { type: 'integer', min, max, message: t.range(min, max) },
                      ]}
                    >
                      <InputNumber
                        min={min}
                        max={max}
                        precision={0}
                        suffix={field.unit}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                );
              })}
            </Row>
          </div>
        ))}
        <ApiErrorAlert error={update.error} />
        {canManage ? (
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t.save}
            </Button>
            <Button onClick={() => form.setFieldsValue(DEFAULT_SECURITY_POLICY)}>{t.restoreDefaults}</Button>
          </Flex>
        ) : null}
      </Form>
    </Card>
  );
}
