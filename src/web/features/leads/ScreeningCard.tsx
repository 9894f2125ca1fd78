import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Rate, Row, Typography } from 'antd';
import {
  type LeadView,
  SCREENING_DECISION_LABELS,
  SCREENING_DECISIONS,
  SCREENING_DIMENSION_LABELS,
  SCREENING_DIMENSIONS,
  type ScreeningDecision,
  type ScreeningScores,
} from '../../../domain/leads/leads.schemas.js';
import { errorText } from '../../app/api.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { todayInChina } from '../projects/project-format.js';
import { useLeadAction } from './leads.api.js';
import { leadsMessages } from './leads.messages.js';

interface ScreeningValues {
  scores: Partial<ScreeningScores>;
  decision?: ScreeningDecision;
  declineReason?: string;
}

/** 研判: eight dimensions scored 1–5 and a decision; the form while the lead is new, the result afterwards. */
export function ScreeningCard({ lead }: { lead: LeadView }) {
  const t = useT(leadsMessages);
  const lang = useLang();
  const [form] = Form.useForm<ScreeningValues>();
  const screen = useLeadAction('screen');
  const scores = Form.useWatch('scores', form) ?? {};
  const decision = Form.useWatch('decision', form);
  const total = SCREENING_DIMENSIONS.reduce((n, d) => n + (scores[d] ?? 0), 0);

  if (lead.screeningScores) {
    return (
      <Card title={t.screening} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            ...SCREENING_DIMENSIONS.map((d) => ({
              key: d,
              label: SCREENING_DIMENSION_LABELS[d][lang],
              children: <Rate disabled count={5} value={lead.screeningScores![d]} />,
            })),
            { key: 'total', label: t.score, children: t.scoreTotal(lead.screeningTotal ?? 0) },
            { key: 'on', label: t.screenedOn, children: lead.screenedOn },
            ...(lead.declineReason
              ? [{ key: 'reason', label: t.declineReason, children: lead.declineReason }]
              : []),
          ]}
        />
      </Card>
    );
  }
  if (lead.status !== 'new' || !lead.writable) return null;

  const required = [{ required: true, message: t.required }];
  return (
    <Card title={t.screening} size="small">
      <Typography.Paragraph type="secondary">{t.screeningHelp}</Typography.Paragraph>
      <Form<ScreeningValues>
        form={form}
        name="screening"
        layout="horizontal"
        labelCol={{ span: 10 }}
        onFinish={(v) =>
          screen.mutate(
            {
              id: lead.id,
              body: {
                version: lead.version,
                on: todayInChina(),
                scores: v.scores as ScreeningScores,
                decision: v.decision!,
                declineReason: v.decision === 'decline' ? v.declineReason?.trim() : null,
              },
            },
            { onError: (err) => applyFieldErrors(form, err, lang) },
          )
        }
      >
        <Row gutter={16}>
          {SCREENING_DIMENSIONS.map((d) => (
            <Col key={d} xs={24} md={12}>
              <Form.Item name={['scores', d]} label={SCREENING_DIMENSION_LABELS[d][lang]} rules={required}>
                <Rate count={5} aria-label={SCREENING_DIMENSION_LABELS[d][lang]} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph strong>{t.scoreTotal(total)}</Typography.Paragraph>
        <Form.Item name="decision" label={t.decision} rules={required} labelCol={{ span: 5 }}>
          <Radio.Group
            optionType="button"
            options={SCREENING_DECISIONS.map((d) => ({
              value: d,
              label: SCREENING_DECISION_LABELS[d][lang],
            }))}
          />
        </Form.Item>
        {decision === 'decline' ? (
          <Form.Item
            name="declineReason"
            label={t.declineReason}
            labelCol={{ span: 5 }}
            rules={[{ required: true, whitespace: true, message: t.declineReasonRequired }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={screen.isPending}>
          {t.submitScreening}
        </Button>
      </Form>
      {screen.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(screen.error, lang)}
          style={{ marginTop: 12 }}
        />
      ) : null}
    </Card>
  );
}
