import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Switch,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import {
  type AmountBasis,
  type Definitions,
  FUND_ORIGIN_LABELS,
  FUND_ORIGINS,
  type FundOrigin,
} from '../../../domain/indicators/catalogue.js';
import { formatWanYuan, MoneyInputError, parseWanYuan } from '../../../domain/money/money.js';
import type { YearSettingsView } from '../../../domain/targets/targets.schemas.js';
import { useCan } from '../../app/auth.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { todayInChina } from '../projects/project-format.js';
import { useSaveSettings, useYearSettings } from './targets.api.js';
import { targetsMessages } from './targets.messages.js';

type NotableKind = Definitions['notableKinds'][number];

interface FormValues {
  amountBasis: AmountBasis;
  minAmountWan?: string;
  industrialOnly: boolean;
  excludeWithdrawn: boolean;
  fundOrigins: FundOrigin[];
  notableKinds: NotableKind[];
  applyCreditShares: boolean;
  capitalIncreaseIncrementOnly: boolean;
  timeProgressBasis: 'months' | 'days';
  goalRank: number;
  stalledMonths: number;
  issuingBody?: string;
  docPrefix?: string;
}

const toValues = (s: YearSettingsView): FormValues => ({
  amountBasis: s.definitions.amountBasis,
  minAmountWan:
    s.definitions.minAmountYuan === null
      ? ''
      : formatWanYuan(BigInt(s.definitions.minAmountYuan), { decimals: 4 })
          .replace(/,/g, '')
          .replace(/\.?0+$/, ''),
  industrialOnly: s.definitions.industrialOnly,
  excludeWithdrawn: s.definitions.excludeWithdrawn,
  fundOrigins: s.definitions.fundOrigins,
  notableKinds: s.definitions.notableKinds,
  applyCreditShares: s.definitions.applyCreditShares,
  capitalIncreaseIncrementOnly: s.definitions.capitalIncreaseIncrementOnly,
  timeProgressBasis: s.timeProgressBasis,
  goalRank: s.goalRank,
  stalledMonths: s.stalledMonths,
  issuingBody: s.issuingBody ?? '',
  docPrefix: s.docPrefix ?? '',
});

/** 年度口径与设置: the year's 口径 (each option explained), 序时进度, goal rank, and the bulletin's header. */
export function AssessmentSettingsPage() {
  const t = useT(targetsMessages);
  const lang = useLang();
  const can = useCan();
  const canManage = can('assessment.manage');
  const { message } = App.useApp();
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const [form] = Form.useForm<FormValues>();
  const settings = useYearSettings(year);
  const save = useSaveSettings(year);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(toValues(settings.data));
  }, [settings.data, form]);

  if (settings.isError) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;

  const submit = (v: FormValues) =>
    save.mutate(
      {
        definitions: {
          dateBasis: 'signing_date',
          amountBasis: v.amountBasis,
          minAmountYuan: v.minAmountWan?.trim() ? parseWanYuan(v.minAmountWan).toString() : null,
          industrialOnly: v.industrialOnly,
          excludeWithdrawn: v.excludeWithdrawn,
          fundOrigins: v.fundOrigins,
          notableKinds: v.notableKinds,
          applyCreditShares: v.applyCreditShares,
          capitalIncreaseIncrementOnly: v.capitalIncreaseIncrementOnly,
        },
        timeProgressBasis: v.timeProgressBasis,
        goalRank: v.goalRank,
        stalledMonths: v.stalledMonths,
        issuingBody: v.issuingBody?.trim() || null,
        docPrefix: v.docPrefix?.trim() || null,
      },
      {
        onSuccess: () => void message.success(t.saved),
        onError: (err) => applyFieldErrors(form, err, lang),
      },
    );

  const half = { xs: 24, md: 12 };
  const toggle = (name: keyof FormValues, label: string, help: string) => (
    <Col {...half}>
      <Form.Item name={name} label={label} extra={help} valuePropName="checked">
        <Switch />
      </Form.Item>
    </Col>
  );
  return (
    <Card
      title={t.settingsTitle}
      loading={settings.isPending}
      extra={
        <DatePicker
          picker="year"
          aria-label={t.year}
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(d) => d && setYear(d.year())}
        />
      }
    >
      {canManage ? null : <Alert type="info" showIcon title={t.readOnly} style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={!canManage}
        onFinish={submit}
        style={{ maxWidth: 960 }}
      >
        <Divider titlePlacement="start">{t.definitions}</Divider>
        <Alert type="info" title={t.definitionsHelp} style={{ marginBottom: 16 }} />
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="amountBasis" label={t.amountBasis} extra={t.amountBasisHelp}>
              <Radio.Group
                options={[
                  { value: 'signed', label: t.basisSigned },
                  { value: 'planned_total', label: t.basisPlanned },
                  { value: 'fixed_asset', label: t.basisFixed },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="minAmountWan"
              label={t.minAmount}
              extra={t.minAmountHelp}
              rules={[
                {
                  validator: async (_: unknown, value: string | undefined) => {
                    if (!value?.trim()) return;
                    try {
                      parseWanYuan(value);
                    } catch (err) {
                      if (err instanceof MoneyInputError) {
                        throw new Error(lang === 'zh' ? err.messageZh : err.message);
                      }
                      throw err;
                    }
                  },
                },
              ]}
            >
              <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} allowClear />
            </Form.Item>
          </Col>
          {toggle('industrialOnly', t.industrialOnly, t.industrialOnlyHelp)}
          {toggle('excludeWithdrawn', t.excludeWithdrawn, t.excludeWithdrawnHelp)}
          <Col {...half}>
            <Form.Item
              name="fundOrigins"
              label={t.fundOrigins}
              extra={t.fundOriginsHelp}
              rules={[{ type: 'array', min: 1, message: t.fundOriginsHelp }]}
            >
              <Checkbox.Group
                options={FUND_ORIGINS.map((o) => ({ value: o, label: FUND_ORIGIN_LABELS[o][lang] }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="notableKinds"
              label={t.notableKinds}
              extra={t.notableKindsHelp}
              rules={[{ type: 'array', min: 1, message: t.notableKindsHelp }]}
            >
              <Checkbox.Group
                options={[
                  { value: 'fortune500', label: t.kindFortune500 },
                  { value: 'china500', label: t.kindChina500 },
                  { value: 'central_soe', label: t.kindCentralSoe },
                  { value: 'private_top500', label: t.kindPrivateTop500 },
                ]}
              />
            </Form.Item>
          </Col>
          {toggle('applyCreditShares', t.coCredit, t.coCreditHelp)}
          {toggle('capitalIncreaseIncrementOnly', t.incrementOnly, t.incrementOnlyHelp)}
        </Row>
        <Divider titlePlacement="start">{t.timeBasis}</Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="timeProgressBasis" label={t.timeBasis} extra={t.timeBasisHelp}>
              <Radio.Group
                options={[
                  { value: 'months', label: t.byMonths },
                  { value: 'days', label: t.byDays },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="goalRank" label={t.goalRank} extra={t.goalRankHelp} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="stalledMonths"
              label={t.stalledMonths}
              extra={t.stalledMonthsHelp}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={24} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="issuingBody"
              label={t.issuingBody}
              extra={t.issuingBodyHelp}
              rules={[{ max: 60 }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="docPrefix" label={t.docPrefix} extra={t.docPrefixHelp} rules={[{ max: 20 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <ApiErrorAlert error={save.error} />
        {canManage ? (
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t.save}
            </Button>
            <Button onClick={() => settings.data && form.setFieldsValue(toValues(settings.data))}>
              {t.reset}
            </Button>
          </Flex>
        ) : null}
      </Form>
    </Card>
  );
}
