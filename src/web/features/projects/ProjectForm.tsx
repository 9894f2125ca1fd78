import {
  AutoComplete,
  Col,
  DatePicker,
  Divider,
  Form,
  type FormInstance,
  Input,
  Radio,
  Row,
  Select,
  Switch,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  CHAIN_ROLE_LABELS,
  CHAIN_ROLES,
  CHANNEL_LABELS,
  CHANNELS,
  type ChainRole,
  type Channel,
  DISTRICT_CHAINS,
  POLLUTION_CLASS_LABELS,
  POLLUTION_CLASSES,
  type PollutionClass,
  SOURCE_AREA_LABELS,
  SOURCE_AREAS,
  type SourceArea,
} from '../../../domain/projects/project-attributes.js';
import type { ProjectView, UpdateProjectInput } from '../../../domain/projects/projects.schemas.js';
import {
  AGREEMENT_TYPE_LABELS,
  AGREEMENT_TYPES,
  type AgreementType,
} from '../../../domain/projects/stages.js';
import { changedFields as changedFieldsOf } from '../../app/changed-fields.js';
import { useLang, useT } from '../../app/i18n.js';
import { IndustrySelect } from '../../components/IndustrySelect.js';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.js';
import { NetworkSelect } from '../network/NetworkSelect.js';
import type { UnitOptions } from '../users/unit-options.js';
import {
  afterToday,
  amountRule,
  formatDay,
  parseDay,
  wanInput,
  wanToYuan,
  wanUsdInput,
  wanUsdToCents,
} from './project-format.js';
import { useCooperatingUnitOptions } from './project-units.js';
import { projectsMessages } from './projects.messages.js';

/** Field names are the API's, so the server's field errors land on them; amounts are typed in 万元 / 万美元. */
export interface ProjectFormValues {
  unitId: string;
  name: string;
  enterpriseId?: string | null;
  industryDivision?: string;
  chain?: string;
  industrial: boolean;
  plannedTotalYuan?: string;
  fixedAssetYuan?: string;
  signedAmountYuan?: string;
  foreignFunded: boolean;
  contractedForeignUsdCents?: string;
  signingDate?: Dayjs | null;
  agreementType?: AgreementType | null;
  landedDate?: Dayjs | null;
  startDate?: Dayjs | null;
  productionDate?: Dayjs | null;
  channel?: Channel | null;
  sourceArea?: SourceArea | null;
  chainRole?: ChainRole | null;
  highTech: boolean;
  expectedOutputYuan?: string;
  expectedTaxYuan?: string;
  expectedJobs?: string;
  landAreaMu?: string;
  energyTce?: string;
  pollutionClass?: PollutionClass | null;
  cooperatingUnitIds?: string[];
  liaisonLeader?: string;
  greenChannel: boolean;
  cityProjectCode?: string;
  capitalIncrease: boolean;
  incrementYuan?: string;
  referralSourceId?: string | null;
  eventId?: string | null;
  chainLinkId?: string | null;
}

/** Channels whose project someone in the network referred (以商招商 / 以情招商): the source picker comes first. */
const REFERRED_CHANNELS: readonly Channel[] = ['via_business', 'kinship', 'resident'];

const WHOLE = /^\d{1,9}$/;
const MU = /^\d{1,10}(\.\d{1,2})?$/;

export function projectToValues(p: ProjectView): ProjectFormValues {
  return {
    unitId: p.unitId,
    name: p.name,
    enterpriseId: p.enterpriseId,
    industryDivision: p.industryDivision ?? undefined,
    chain: p.chain ?? '',
    industrial: p.industrial,
    plannedTotalYuan: wanInput(p.plannedTotalYuan),
    fixedAssetYuan: wanInput(p.fixedAssetYuan),
    signedAmountYuan: wanInput(p.signedAmountYuan),
    foreignFunded: p.foreignFunded,
    contractedForeignUsdCents: wanUsdInput(p.contractedForeignUsdCents),
    signingDate: parseDay(p.signingDate),
    agreementType: p.agreementType,
    landedDate: parseDay(p.landedDate),
    startDate: parseDay(p.startDate),
    productionDate: parseDay(p.productionDate),
    channel: p.channel,
    sourceArea: p.sourceArea,
    chainRole: p.chainRole,
    highTech: p.highTech,
    expectedOutputYuan: wanInput(p.expectedOutputYuan),
    expectedTaxYuan: wanInput(p.expectedTaxYuan),
    expectedJobs: p.expectedJobs?.toString() ?? '',
    landAreaMu: p.landAreaMu ?? '',
    energyTce: p.energyTce?.toString() ?? '',
    pollutionClass: p.pollutionClass,
    cooperatingUnitIds: p.cooperatingUnitIds,
    liaisonLeader: p.liaisonLeader ?? '',
    greenChannel: p.greenChannel,
    cityProjectCode: p.cityProjectCode ?? '',
    capitalIncrease: p.capitalIncrease,
    incrementYuan: wanInput(p.incrementYuan),
    referralSourceId: p.referralSourceId,
    eventId: p.eventId,
    chainLinkId: p.chainLinkId,
  };
}

type ProjectFields = Omit<UpdateProjectInput, 'version'>;

/** The form as the API takes it. Throws MoneyInputError (the form's rules have already caught those). */
export function valuesToFields(v: ProjectFormValues): Required<ProjectFields> {
  const text = (s: string | undefined) => s?.trim() || null;
  return {
    name: v.name.trim(),
    enterpriseId: v.enterpriseId ?? null,
    industryDivision: text(v.industryDivision)?.toUpperCase() ?? null,
    chain: text(v.chain),
    industrial: v.industrial,
    plannedTotalYuan: wanToYuan(v.plannedTotalYuan),
    fixedAssetYuan: wanToYuan(v.fixedAssetYuan),
    signedAmountYuan: wanToYuan(v.signedAmountYuan),
    foreignFunded: v.foreignFunded,
    contractedForeignUsdCents: v.foreignFunded ? wanUsdToCents(v.contractedForeignUsdCents) : null,
    signingDate: formatDay(v.signingDate),
    agreementType: v.agreementType ?? null,
    landedDate: formatDay(v.landedDate),
    startDate: formatDay(v.startDate),
    productionDate: formatDay(v.productionDate),
    channel: v.channel ?? null,
    sourceArea: v.sourceArea ?? null,
    chainRole: v.chainRole ?? null,
    highTech: v.highTech,
    expectedOutputYuan: wanToYuan(v.expectedOutputYuan),
    expectedTaxYuan: wanToYuan(v.expectedTaxYuan),
    expectedJobs: whole(v.expectedJobs),
    // "12.50" and "12.5" are the same area; the server stores numeric(12,2) and answers "12.50".
    landAreaMu: text(v.landAreaMu) === null ? null : Number(v.landAreaMu).toFixed(2),
    energyTce: whole(v.energyTce),
    pollutionClass: v.pollutionClass ?? null,
    cooperatingUnitIds: v.cooperatingUnitIds ?? [],
    liaisonLeader: text(v.liaisonLeader),
    greenChannel: v.greenChannel,
    cityProjectCode: text(v.cityProjectCode),
    capitalIncrease: v.capitalIncrease ?? false,
    incrementYuan: v.capitalIncrease ? wanToYuan(v.incrementYuan) : null,
    referralSourceId: v.referralSourceId ?? null,
    eventId: v.eventId ?? null,
    chainLinkId: v.chainLinkId ?? null,
  };
}

function whole(s: string | undefined): number | null {
  const v = s?.trim();
  return v ? Number(v) : null;
}

/** Only what differs from the project as loaded. */
export function changedFields(p: ProjectView, next: Required<ProjectFields>): ProjectFields {
  return changedFieldsOf(p, next) as ProjectFields;
}

/** Shared by create and edit; the responsible unit is fixed once the project exists. */
export function ProjectForm(props: {
  form: FormInstance<ProjectFormValues>;
  mode: 'create' | 'edit';
  unitOptions: UnitOptions;
  unitLocked: boolean;
  initialValues: Partial<ProjectFormValues>;
  enterpriseName: string | null;
  onFinish: (values: ProjectFormValues) => void;
}) {
  const t = useT(projectsMessages);
  const lang = useLang();
  const cooperatingOptions = useCooperatingUnitOptions();
  const channel = Form.useWatch('channel', props.form);
  const referred = Boolean(channel && REFERRED_CHANNELS.includes(channel));
  const half = { xs: 24, sm: 12 };
  const date = <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={afterToday} />;
  return (
    <Form<ProjectFormValues>
      form={props.form}
      name="project"
      layout="vertical"
      initialValues={props.initialValues}
      onFinish={props.onFinish}
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item
            name="name"
            label={t.name}
            rules={[
              { required: true, whitespace: true, message: t.required(t.name) },
              { min: 2, max: 100 },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="unitId"
            label={t.unit}
            extra={props.unitLocked && props.mode === 'create' ? t.unitLocked : undefined}
            rules={[{ required: true, message: t.choose(t.unit) }]}
          >
            <Select
              disabled={props.unitLocked || props.mode === 'edit'}
              showSearch={{ optionFilterProp: 'label' }}
              options={props.unitOptions}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="industrial" label={t.industrial}>
            <Radio.Group
              options={[
                { value: true, label: t.industrialYes },
                { value: false, label: t.industrialNo },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="enterpriseId" label={t.enterprise}>
            <EnterpriseSelect initialLabel={props.enterpriseName} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="industryDivision" label={t.industryDivision} extra={t.industryDivisionHelp}>
            <IndustrySelect placeholder="C33 金属制品业" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="chain" label={t.chain} rules={[{ max: 40 }]}>
            <AutoComplete
              options={DISTRICT_CHAINS.map((c) => ({ value: c }))}
              placeholder={t.chainPlaceholder}
              showSearch={{
                filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()),
              }}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="chainRole" label={t.chainRole}>
            <Select<ChainRole>
              allowClear
              options={CHAIN_ROLES.map((r) => ({ value: r, label: CHAIN_ROLE_LABELS[r][lang] }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="highTech" label={t.highTech} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="channel" label={t.channel}>
            <Select<Channel>
              allowClear
              options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][lang] }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="sourceArea" label={t.sourceArea} extra={t.sourceAreaHelp}>
            <Select<SourceArea>
              allowClear
              options={SOURCE_AREAS.map((a) => ({ value: a, label: SOURCE_AREA_LABELS[a][lang] }))}
            />
          </Form.Item>
        </Col>
        <Col {...(referred ? { span: 24 } : half)}>
          <Form.Item
            name="referralSourceId"
            label={t.referralSource}
            extra={referred ? t.referralSourceHelp : undefined}
          >
            <NetworkSelect kind="source" />
          </Form.Item>
        </Col>
        <Col {...(channel === 'event' ? { span: 24 } : half)}>
          <Form.Item name="eventId" label={t.event}>
            <NetworkSelect kind="event" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="chainLinkId" label={t.chainLink}>
            <NetworkSelect kind="chain_link" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t.service}
      </Divider>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="cooperatingUnitIds" label={t.cooperatingUnits}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={cooperatingOptions}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="liaisonLeader" label={t.liaisonLeader} rules={[{ max: 50 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="cityProjectCode" label={t.cityProjectCode} rules={[{ max: 40 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="greenChannel" label={t.greenChannel} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t.money}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="plannedTotalYuan" label={t.plannedTotal} rules={[amountRule(lang)]}>
            <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="fixedAssetYuan" label={t.fixedAsset} rules={[amountRule(lang)]}>
            <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="foreignFunded" label={t.foreignFunded} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item noStyle shouldUpdate={(a, b) => a.foreignFunded !== b.foreignFunded}>
            {({ getFieldValue }) =>
              getFieldValue('foreignFunded') ? (
                <Form.Item
                  name="contractedForeignUsdCents"
                  label={t.contractedForeign}
                  rules={[amountRule(lang, { usd: true })]}
                >
                  <Input inputMode="decimal" autoComplete="off" suffix={t.wanUsd} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="capitalIncrease"
            label={t.capitalIncrease}
            valuePropName="checked"
            extra={t.capitalIncreaseHelp}
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item noStyle shouldUpdate={(a, b) => a.capitalIncrease !== b.capitalIncrease}>
            {({ getFieldValue }) =>
              getFieldValue('capitalIncrease') ? (
                <Form.Item
                  name="incrementYuan"
                  label={t.incrementAmount}
                  rules={[
                    { required: true, whitespace: true, message: t.required(t.incrementAmount) },
                    amountRule(lang),
                  ]}
                >
                  <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t.benefits}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="expectedOutputYuan" label={t.expectedOutput} rules={[amountRule(lang)]}>
            <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="expectedTaxYuan" label={t.expectedTax} rules={[amountRule(lang)]}>
            <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="expectedJobs"
            label={t.expectedJobs}
            rules={[{ pattern: WHOLE, message: t.wholeNumber(t.expectedJobs) }]}
          >
            <Input inputMode="numeric" autoComplete="off" suffix={t.people} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="landAreaMu"
            label={t.landArea}
            rules={[{ pattern: MU, message: t.landAreaInvalid }]}
          >
            <Input inputMode="decimal" autoComplete="off" suffix={t.mu} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="energyTce"
            label={t.energy}
            rules={[{ pattern: WHOLE, message: t.wholeNumber(t.energy) }]}
          >
            <Input inputMode="numeric" autoComplete="off" suffix={t.tce} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="pollutionClass" label={t.pollutionClass}>
            <Select<PollutionClass>
              allowClear
              options={POLLUTION_CLASSES.map((c) => ({ value: c, label: POLLUTION_CLASS_LABELS[c][lang] }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t.stageFacts}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="signingDate" label={t.signingDate}>
            {date}
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="agreementType" label={t.agreementType}>
            <Select<AgreementType>
              allowClear
              options={AGREEMENT_TYPES.map((a) => ({ value: a, label: AGREEMENT_TYPE_LABELS[a][lang] }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="signedAmountYuan"
            label={t.signedAmount}
            rules={[amountRule(lang, { positive: t.mustBePositive(t.signedAmount) })]}
          >
            <Input inputMode="decimal" autoComplete="off" suffix={t.wanYuan} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="landedDate" label={t.landedDate}>
            {date}
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="startDate" label={t.startDate}>
            {date}
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="productionDate" label={t.productionDate}>
            {date}
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
