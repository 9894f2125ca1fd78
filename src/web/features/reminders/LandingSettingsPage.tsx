import { PlayCircleOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Skeleton,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  CHANNEL_LABELS,
  OUTBOUND_CHANNELS,
  REMINDER_KIND_LABELS,
  type ReminderRule,
} from '../../../domain/landing/reminder-rules.js';
import { formatWanYuan, formatYiYuan, parseWanYuan, yuanToJson } from '../../../domain/money/money.js';
import { errorText } from '../../app/api.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import {
  type JobRunView,
  type LandingClocks,
  useLandingSettings,
  useRunReminders,
  useSaveLandingSettings,
} from './reminders.api.js';
import { CHECK_LABELS, remindersMessages } from './reminders.messages.js';

type ClockForm = Omit<LandingClocks, 'preReviewThresholdYuan'> & { thresholdWan: string };

const DAY_FIELDS: { name: keyof Omit<ClockForm, 'thresholdWan'>; min: number; max: number }[] = [
  { name: 'preReviewOpinionDays', min: 1, max: 90 },
  { name: 'problemDeadlineDays', min: 1, max: 180 },
  { name: 'problemEscalateDays', min: 0, max: 90 },
  { name: 'firstContactDays', min: 1, max: 60 },
];

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The center's page for the landing clocks, the reminder rules, and the reminder job's recent runs. */
export function LandingSettingsPage() {
  const t = useT(remindersMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const settings = useLandingSettings();
  const save = useSaveLandingSettings();
  const run = useRunReminders();
  const [form] = Form.useForm<ClockForm>();
  const [rules, setRules] = useState<ReminderRule[]>([]);
  const thresholdWan = Form.useWatch('thresholdWan', form);

  useEffect(() => {
    if (settings.data) setRules(settings.data.rules);
  }, [settings.data]);

  if (!settings.data) return <Skeleton active />;
  const { clocks, runs } = settings.data;
  const patch = (kind: string, p: Partial<ReminderRule>) =>
    setRules((rs) => rs.map((r) => (r.kind === kind ? { ...r, ...p } : r)));

  let yiHint = '';
  try {
    yiHint = formatYiYuan(parseWanYuan(String(thresholdWan ?? '')), { decimals: 2 });
  } catch {
    yiHint = '—';
  }

  const submit = (v: ClockForm) => {
    const { thresholdWan: wan, ...days } = v;
    let yuan: string;
    try {
      yuan = yuanToJson(parseWanYuan(String(wan)));
    } catch {
      form.setFields([{ name: 'thresholdWan', errors: [t.badMoney] }]);
      return;
    }
    save.mutate(
      { clocks: { ...days, preReviewThresholdYuan: yuan }, rules },
      {
        onSuccess: () => void message.success(t.saved),
        onError: (err) => {
          applyFieldErrors(form, err, lang);
          void message.error(errorText(err, lang));
        },
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      <Card title={t.clocks}>
        <Typography.Paragraph type="secondary">{t.clocksHelp}</Typography.Paragraph>
        <Form<ClockForm>
          form={form}
          name="landing-clocks"
          layout="horizontal"
          labelCol={{ flex: '200px' }}
          initialValues={{
            ...clocks,
            thresholdWan: formatWanYuan(BigInt(clocks.preReviewThresholdYuan)).replace(/,/g, ''),
          }}
          onFinish={submit}
        >
          <Form.Item
            name="thresholdWan"
            label={t.preReviewThreshold}
            extra={t.preReviewThresholdHelp(yiHint)}
            rules={[{ required: true, message: t.required }]}
          >
            <Input suffix={t.wan} style={{ width: 220 }} inputMode="decimal" />
          </Form.Item>
          {DAY_FIELDS.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={t[f.name]}
              extra={f.name === 'problemEscalateDays' ? t.problemEscalateHelp : undefined}
              rules={[{ required: true, message: t.required }]}
            >
              <InputNumber min={f.min} max={f.max} precision={0} suffix={t.days} style={{ width: 140 }} />
            </Form.Item>
          ))}
        </Form>
      </Card>

      <Card title={t.rules}>
        <Typography.Paragraph type="secondary">{t.rulesHelp}</Typography.Paragraph>
        <Table<ReminderRule>
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={rules}
          scroll={{ x: 720 }}
          columns={[
            {
              title: t.kind,
              dataIndex: 'kind',
              render: (k: ReminderRule['kind']) => REMINDER_KIND_LABELS[k],
            },
            {
              title: t.enabled,
              dataIndex: 'enabled',
              render: (v: boolean, r) => (
                <Switch
                  checked={v}
                  aria-label={`${REMINDER_KIND_LABELS[r.kind]} ${t.enabled}`}
                  onChange={(c) => patch(r.kind, { enabled: c })}
                />
              ),
            },
            {
              title: t.daysBefore,
              dataIndex: 'daysBefore',
              render: (v: number, r) => (
                <InputNumber
                  size="small"
                  min={0}
                  max={60}
                  precision={0}
                  value={v}
                  suffix={t.days}
                  onChange={(n) => patch(r.kind, { daysBefore: n ?? 0 })}
                />
              ),
            },
            {
              title: t.escalateAfter,
              dataIndex: 'escalateAfterDays',
              render: (v: number | null, r) =>
                r.kind === 'problem' ? (
                  <InputNumber
                    size="small"
                    min={0}
                    max={90}
                    precision={0}
                    value={v}
                    placeholder={t.escalateDefault}
                    suffix={t.days}
                    onChange={(n) => patch(r.kind, { escalateAfterDays: n ?? null })}
                  />
                ) : (
                  '—'
                ),
            },
            {
              title: t.channels,
              dataIndex: 'channels',
              render: (v: ReminderRule['channels'], r) => (
                <Checkbox.Group
                  value={v}
                  options={OUTBOUND_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
                  onChange={(cs) => patch(r.kind, { channels: cs as ReminderRule['channels'] })}
                />
              ),
            },
          ]}
        />
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t.save}
          </Button>
        </Flex>
      </Card>

      <Card
        title={t.runs}
        extra={
          <Button
            icon={<PlayCircleOutlined />}
            loading={run.isPending}
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: (r) =>
                  r.skipped ? void message.warning(t.skipped) : void message.success(t.ranNow(r.created)),
                onError: (err) => void message.error(errorText(err, lang)),
              })
            }
          >
            {t.runNow}
          </Button>
        }
      >
        <Table<JobRunView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={runs}
          locale={{ emptyText: t.noRuns }}
          scroll={{ x: 720 }}
          columns={[
            { title: t.startedAt, dataIndex: 'startedAt', render: when },
            {
              title: t.duration,
              render: (_: unknown, r) =>
                r.finishedAt
                  ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s`
                  : '—',
            },
            { title: t.host, dataIndex: 'host' },
            { title: t.created, dataIndex: 'createdCount' },
            {
              title: t.detail,
              dataIndex: 'detail',
              render: (d: JobRunView['detail']) => (
                <Space wrap size={[8, 0]}>
                  {Object.entries(d ?? {})
                    .filter(([k, n]) => n > 0 && k in CHECK_LABELS)
                    .map(([k, n]) => (
                      <Typography.Text key={k} type="secondary">
                        {CHECK_LABELS[k]} {n}
                      </Typography.Text>
                    ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
