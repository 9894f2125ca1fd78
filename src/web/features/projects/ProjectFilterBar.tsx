import { FilterOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Badge, Button, DatePicker, Flex, Input, Select, Tooltip, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ENTERPRISE_KIND_LABELS, ENTERPRISE_KINDS } from '../../../domain/enterprises/enterprises.schemas.js';
import { INDUSTRY_SECTIONS } from '../../../domain/enterprises/industry.js';
import { PROVINCE_OPTIONS } from '../../../domain/enterprises/provinces.js';
import {
  CHANNEL_LABELS,
  CHANNELS,
  DISTRICT_CHAINS,
  SOURCE_AREA_LABELS,
  SOURCE_AREAS,
} from '../../../domain/projects/project-attributes.js';
import { AMOUNT_TIER_LABELS, AMOUNT_TIERS, type AmountTier } from '../../../domain/projects/project-list.js';
import { STAGE_LABELS, STAGES } from '../../../domain/projects/stages.js';
import { useLang, useT } from '../../app/i18n.js';
import { NetworkSelect } from '../network/NetworkSelect.js';
import type { UnitOptions } from '../users/unit-options.js';
import { formatDay, parseDay } from './project-format.js';
import { projectListMessages } from './project-list.messages.js';
import {
  countFilters,
  type FilterKey,
  type FilterParams,
  joinList,
  splitList,
} from './project-list-query.js';
import { projectsMessages } from './projects.messages.js';

const MORE: readonly FilterKey[] = [
  'industry',
  'chain',
  'channel',
  'sourceArea',
  'investorKind',
  'province',
  'industrial',
  'highTech',
  'signedFrom',
  'signedTo',
  'startFrom',
  'startTo',
  'productionFrom',
  'productionTo',
  'notStartedBy',
  'createdFrom',
  'createdTo',
  'referralSourceId',
  'eventId',
  'chainLinkId',
];

const PROVINCE_VALUES = ['abroad', ...PROVINCE_OPTIONS.map((p) => p.code)];
const PROVINCE_NAME = new Map(PROVINCE_OPTIONS.map((p) => [p.code, p.name]));

const INDUSTRY_TREE = INDUSTRY_SECTIONS.map((s) => ({
  value: s.code,
  title: `${s.code} ${s.zh}`,
  children: s.divisions.map((d) => ({ value: d.code, title: `${d.code} ${d.zh}` })),
}));

/**
 * The list's filters. Every change goes straight to the address (through `onChange`), so the list, the board,
 * the export and a saved view all read the same filters. The commonly used ones are always there; the rest
 * fold under 「更多筛选」, open by themselves when one of them is set.
 */
export function ProjectFilterBar(props: {
  filters: FilterParams;
  onChange: (patch: FilterParams) => void;
  unitOptions: UnitOptions | null;
}) {
  const { filters, onChange } = props;
  const t = useT(projectListMessages);
  const tp = useT(projectsMessages);
  const lang = useLang();
  const moreSet = countFilters(filters, MORE);
  const [showMore, setShowMore] = useState(moreSet > 0);
  const set = (key: FilterKey) => (values: string[]) => onChange({ [key]: joinList(values) });

  const range = (from: FilterKey, to: FilterKey, label: string) => (
    <DatePicker.RangePicker
      aria-label={label}
      placeholder={[`${label}${t.rangeStart}`, `${label}${t.rangeEnd}`]}
      value={filters[from] && filters[to] ? [parseDay(filters[from]), parseDay(filters[to])] : null}
      onChange={(days: [Dayjs | null, Dayjs | null] | null) =>
        onChange({ [from]: formatDay(days?.[0]) ?? undefined, [to]: formatDay(days?.[1]) ?? undefined })
      }
      style={{ flex: '1 1 260px', maxWidth: 300 }}
    />
  );

  const multi = <V extends string>(
    key: FilterKey,
    label: string,
    options: readonly V[],
    labelOf: (v: V) => string,
  ) => (
    <Select<string[]>
      mode="multiple"
      aria-label={label}
      placeholder={label}
      allowClear
      maxTagCount="responsive"
      options={options.map((v) => ({ value: v, label: labelOf(v) }))}
      value={splitList(filters[key])}
      onChange={set(key)}
      style={{ flex: '1 1 180px', maxWidth: 260 }}
    />
  );

  const yesNo = (key: FilterKey, label: string, yes: string, no: string) => (
    <Select<string>
      aria-label={label}
      placeholder={label}
      allowClear
      options={[
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ]}
      value={filters[key]}
      onChange={(v) => onChange({ [key]: v })}
      style={{ flex: '1 1 140px', maxWidth: 180 }}
    />
  );

  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Flex gap={8} wrap>
        <Input.Search
          // A new key when the search changes from outside (a saved view applied) shows the new text.
          key={filters.q ?? ''}
          aria-label={tp.searchLabel}
          placeholder={tp.search}
          allowClear
          defaultValue={filters.q}
          onSearch={(q) => onChange({ q: q.trim() || undefined })}
          style={{ flex: '1 1 220px', maxWidth: 300 }}
        />
        {multi('stage', tp.stageFilter, STAGES, (s) => STAGE_LABELS[s][lang])}
        {props.unitOptions ? (
          <Select<string[]>
            mode="multiple"
            aria-label={tp.unitFilter}
            placeholder={tp.allUnits}
            allowClear
            maxTagCount="responsive"
            showSearch={{ optionFilterProp: 'label' }}
            options={props.unitOptions}
            value={splitList(filters.unitId)}
            onChange={set('unitId')}
            style={{ flex: '1 1 200px', maxWidth: 280 }}
          />
        ) : null}
        <Select<AmountTier>
          aria-label={t.amountTier}
          placeholder={t.amountTier}
          allowClear
          options={AMOUNT_TIERS.map((a) => ({ value: a, label: AMOUNT_TIER_LABELS[a][lang] }))}
          value={filters.amountTier as AmountTier | undefined}
          onChange={(amountTier) => onChange({ amountTier })}
          suffixIcon={
            <Tooltip title={t.amountTierHelp}>
              <QuestionCircleOutlined />
            </Tooltip>
          }
          style={{ flex: '0 1 160px' }}
        />
        <Badge count={moreSet} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setShowMore(!showMore)} aria-expanded={showMore}>
            {showMore ? t.fewerFilters : t.moreFilters}
          </Button>
        </Badge>
        {countFilters(filters) > 0 ? (
          <Button
            type="link"
            onClick={() => onChange(Object.fromEntries(Object.keys(filters).map((k) => [k, undefined])))}
          >
            {t.clearFilters}
          </Button>
        ) : null}
      </Flex>
      {showMore ? (
        <Flex gap={8} wrap data-testid="more-filters">
          <TreeSelect<string>
            aria-label={t.industry}
            placeholder={t.industryPlaceholder}
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={INDUSTRY_TREE}
            value={filters.industry}
            onChange={(industry) => onChange({ industry })}
            popupMatchSelectWidth={320}
            style={{ flex: '1 1 200px', maxWidth: 260 }}
          />
          <Select<string>
            aria-label={t.chain}
            placeholder={t.chain}
            allowClear
            showSearch
            options={[
              ...DISTRICT_CHAINS.map((c) => ({ value: c, label: c })),
              // A chain typed on a project (not one of the district's) still shows when a link names it.
              ...(filters.chain && !(DISTRICT_CHAINS as readonly string[]).includes(filters.chain)
                ? [{ value: filters.chain, label: filters.chain }]
                : []),
            ]}
            value={filters.chain}
            onChange={(chain) => onChange({ chain })}
            style={{ flex: '1 1 160px', maxWidth: 220 }}
          />
          {multi('channel', t.channel, CHANNELS, (c) => CHANNEL_LABELS[c][lang])}
          {multi('sourceArea', t.sourceArea, SOURCE_AREAS, (a) => SOURCE_AREA_LABELS[a][lang])}
          {multi('investorKind', t.investorKind, ENTERPRISE_KINDS, (k) => ENTERPRISE_KIND_LABELS[k][lang])}
          {multi('province', t.province, PROVINCE_VALUES, (p) =>
            p === 'abroad' ? t.abroad : (PROVINCE_NAME.get(p) ?? p),
          )}
          {yesNo('industrial', t.industrial, t.industrialYes, t.industrialNo)}
          {yesNo('highTech', t.highTech, t.yes, t.no)}
          {range('signedFrom', 'signedTo', t.signedRange)}
          {range('startFrom', 'startTo', t.startRange)}
          {range('productionFrom', 'productionTo', t.productionRange)}
          <DatePicker
            aria-label={t.notStartedBy}
            placeholder={t.notStartedBy}
            value={filters.notStartedBy ? parseDay(filters.notStartedBy) : null}
            onChange={(d: Dayjs | null) => onChange({ notStartedBy: formatDay(d) ?? undefined })}
            style={{ flex: '1 1 180px', maxWidth: 220 }}
          />
          {range('createdFrom', 'createdTo', t.createdRange)}
          {(['referralSourceId', 'eventId', 'chainLinkId'] as const).map((key) => (
            <div key={key} style={{ flex: '1 1 220px', maxWidth: 300 }}>
              <NetworkSelect
                kind={key === 'referralSourceId' ? 'source' : key === 'eventId' ? 'event' : 'chain_link'}
                placeholder={
                  key === 'referralSourceId' ? tp.referralSource : key === 'eventId' ? tp.event : tp.chainLink
                }
                value={filters[key] ?? null}
                onChange={(v) => onChange({ [key]: v ?? undefined })}
              />
            </div>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}
