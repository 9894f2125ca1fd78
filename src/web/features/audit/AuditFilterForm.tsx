import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_RESULTS } from '../../../domain/audit/audit.schemas.js';
import { pickedToIso } from '../../app/dates.js';
import { useT } from '../../app/i18n.js';
import type { AuditFilters, AuditResult } from './audit.api.js';
import { auditMessages } from './audit.messages.js';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: AuditResult;
}

const text = (v: string | undefined) => v?.trim() || undefined;

function toFilters(v: FilterValues): AuditFilters {
  const [from, to] = v.range ?? [];
  return {
    from: from ? pickedToIso(from) : undefined,
    to: to ? pickedToIso(to) : undefined,
    username: text(v.username),
    action: text(v.action),
    objectType: text(v.objectType),
    objectId: text(v.objectId),
    result: v.result,
  };
}

export function AuditFilterForm({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const t = useT(auditMessages);
  const [form] = Form.useForm<FilterValues>();
  const col = { xs: 24, sm: 12, lg: 8 };
  return (
    <Form<FilterValues>
      form={form}
      name="audit-filter"
      layout="vertical"
      onFinish={(v) => onSearch(toFilters(v))}
    >
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Form.Item name="range" label={t.timeRange}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="username" label={t.username}>
            <Input allowClear autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="action" label={t.action}>
            <Input allowClear autoComplete="off" placeholder="auth.login" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="objectType" label={t.objectType}>
            <Input allowClear autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="objectId" label={t.objectId}>
            <Input allowClear autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="result" label={t.result}>
            <Select<AuditResult>
              allowClear
              placeholder={t.anyResult}
              options={AUDIT_RESULTS.map((r) => ({ value: r, label: t.results[r] }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t.query}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t.reset}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
