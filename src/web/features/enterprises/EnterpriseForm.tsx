import { Cascader, Form, type FormInstance, Input, Radio, Select } from 'antd';
import { validateCreditCode } from '../../../domain/enterprises/credit-code.js';
import {
  ENTERPRISE_KIND_LABELS,
  ENTERPRISE_KINDS,
  type EnterpriseKind,
  type EnterpriseView,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { COUNTRIES, PROVINCES } from '../../../domain/enterprises/origin.js';
import { useLang, useT } from '../../app/i18n.js';
import { IndustrySelect } from '../../components/IndustrySelect.js';
import { enterprisesMessages } from './enterprises.messages.js';

export interface EnterpriseFormValues {
  name: string;
  creditCode?: string;
  kinds?: EnterpriseKind[];
  originType: 'domestic' | 'foreign';
  /** [province] or [province, city] codes. */
  originRegion?: string[];
  originCountry?: string;
  industryDivision?: string;
  contactName?: string;
  contactPhone?: string;
}

/** The fields as the API takes them: `null` clears, a missing key leaves a field as it is. */
export interface EnterpriseFields {
  name: string;
  creditCode: string | null;
  kinds: EnterpriseKind[];
  originRegionCode: string | null;
  originCountry: string | null;
  industryDivision: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

const PHONE = /^[0-9+\-() ]{5,20}$/;
const text = (v: string | undefined) => v?.trim() || null;

const REGION_OPTIONS = PROVINCES.map((p) => ({
  value: p.code,
  label: p.name,
  children: p.cities.length ? p.cities.map((c) => ({ value: c.code, label: c.name })) : undefined,
}));
const COUNTRY_OPTIONS = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));

/** A stored code → the cascader's path: a county (or any code of a city) shows as its city. */
function regionPath(code: string | null): string[] | undefined {
  if (!code) return undefined;
  const province = PROVINCES.find((p) => p.code.slice(0, 2) === code.slice(0, 2));
  if (!province) return undefined;
  const city = province.cities.find((c) => c.code === `${code.slice(0, 4)}00`);
  return city ? [province.code, city.code] : [province.code];
}

export function enterpriseToValues(e: EnterpriseView | null, initialName?: string): EnterpriseFormValues {
  if (!e) return { name: initialName ?? '', kinds: [], originType: 'domestic' };
  return {
    name: e.name,
    creditCode: e.creditCode ?? undefined,
    kinds: e.kinds as EnterpriseKind[],
    originType: e.originCountry ? 'foreign' : 'domestic',
    originRegion: regionPath(e.originRegionCode),
    originCountry: e.originCountry ?? undefined,
    industryDivision: e.industryDivision ?? undefined,
    contactName: e.contactName ?? undefined,
    // A masked number is never put back into the form: it would be saved as the number.
    contactPhone: e.phoneMasked ? undefined : (e.contactPhone ?? undefined),
  };
}

export function valuesToFields(v: EnterpriseFormValues, before: EnterpriseView | null): EnterpriseFields {
  const regionCode = v.originType === 'domestic' ? (v.originRegion?.at(-1) ?? null) : null;
  // An unchanged path keeps a stored county code instead of widening it to its city.
  const keepCounty = before && regionPath(before.originRegionCode)?.at(-1) === regionCode;
  return {
    name: v.name.trim(),
    creditCode: text(v.creditCode),
    kinds: v.kinds ?? [],
    originRegionCode: keepCounty ? before.originRegionCode : regionCode,
    originCountry: v.originType === 'foreign' ? (v.originCountry ?? null) : null,
    industryDivision: v.industryDivision ?? null,
    contactName: text(v.contactName),
    contactPhone: text(v.contactPhone),
  };
}

/** Shared by create and edit (the project form's 新增企业, the list's 新增企业, the detail page's 编辑). */
export function EnterpriseForm(props: {
  form: FormInstance<EnterpriseFormValues>;
  initialValues: EnterpriseFormValues;
  onFinish: (values: EnterpriseFormValues) => void;
}) {
  const t = useT(enterprisesMessages);
  const lang = useLang();
  const originType = Form.useWatch('originType', props.form) ?? props.initialValues.originType;
  return (
    <Form<EnterpriseFormValues>
      form={props.form}
      name="enterprise"
      layout="vertical"
      requiredMark="optional"
      initialValues={props.initialValues}
      onFinish={props.onFinish}
    >
      <Form.Item
        name="name"
        label={t.name}
        rules={[
          { required: true, whitespace: true, message: t.required(t.name) },
          { min: 2, max: 100, message: t.nameLength },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t.creditCode}
        extra={t.creditCodeHelp}
        validateDebounce={300}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (!value?.trim()) return;
              const check = validateCreditCode(value);
              if (!check.ok) throw new Error(lang === 'zh' ? check.messageZh : check.messageEn);
            },
          },
        ]}
      >
        <Input autoComplete="off" maxLength={30} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="kinds" label={t.kinds}>
        <Select<EnterpriseKind[]>
          mode="multiple"
          allowClear
          placeholder={t.kindsPlaceholder}
          options={ENTERPRISE_KINDS.map((k) => ({ value: k, label: ENTERPRISE_KIND_LABELS[k][lang] }))}
        />
      </Form.Item>
      <Form.Item name="originType" label={t.origin} style={{ marginBottom: 8 }}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'domestic', label: t.originDomestic },
            { value: 'foreign', label: t.originForeign },
          ]}
        />
      </Form.Item>
      {originType === 'foreign' ? (
        <Form.Item name="originCountry" label={t.originCountry}>
          <Select
            allowClear
            placeholder={t.originCountryPlaceholder}
            showSearch={{ optionFilterProp: 'label' }}
            options={COUNTRY_OPTIONS}
          />
        </Form.Item>
      ) : (
        <Form.Item name="originRegion" label={t.originRegion}>
          <Cascader
            options={REGION_OPTIONS}
            changeOnSelect
            allowClear
            showSearch
            placeholder={t.originRegionPlaceholder}
          />
        </Form.Item>
      )}
      <Form.Item name="industryDivision" label={t.industry}>
        <IndustrySelect placeholder={t.industryPlaceholder} />
      </Form.Item>
      <Form.Item name="contactName" label={t.contactName} rules={[{ max: 40 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t.contactPhone}
        rules={[{ pattern: PHONE, message: t.phoneInvalid }]}
      >
        <Input autoComplete="off" inputMode="tel" />
      </Form.Item>
    </Form>
  );
}
