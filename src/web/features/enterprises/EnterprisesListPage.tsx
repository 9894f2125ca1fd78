import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ENTERPRISE_KIND_LABELS,
  ENTERPRISE_KINDS,
  type EnterpriseKind,
  type EnterpriseView,
} from '../../../domain/enterprises/enterprises.schemas.js';
import { INDUSTRY_SECTIONS, industryLabel } from '../../../domain/enterprises/industry.js';
import { PROVINCES } from '../../../domain/enterprises/origin.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { EnterpriseFormModal } from './EnterpriseFormModal.js';
import { type EnterprisesQuery, useEnterprises } from './enterprises.api.js';
import { enterprisesMessages } from './enterprises.messages.js';

const PAGE_SIZES = [10, 20, 50, 100];

/** The filters live in the address, so that coming back from an enterprise finds the list as it was left. */
function readQuery(params: URLSearchParams): EnterprisesQuery {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const kinds = (params.get('kinds') ?? '')
    .split(',')
    .filter((k): k is EnterpriseKind => (ENTERPRISE_KINDS as readonly string[]).includes(k));
  return {
    q: params.get('q') || undefined,
    kinds: kinds.length ? kinds : undefined,
    originProvince: params.get('originProvince') || undefined,
    industrySection: params.get('industrySection') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function writeQuery(q: EnterprisesQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.kinds?.length) params.set('kinds', q.kinds.join(','));
  if (q.originProvince) params.set('originProvince', q.originProvince);
  if (q.industrySection) params.set('industrySection', q.industrySection);
  if (q.page > 1) params.set('page', String(q.page));
  if (q.pageSize !== 20) params.set('pageSize', String(q.pageSize));
  return params;
}

export function KindTags({ kinds }: { kinds: string[] }) {
  const lang = useLang();
  return (
    <Flex gap={4} wrap>
      {kinds.map((k) => (
        <Tag key={k} color="blue" style={{ marginInlineEnd: 0 }}>
          {ENTERPRISE_KIND_LABELS[k as EnterpriseKind]?.[lang] ?? k}
        </Tag>
      ))}
    </Flex>
  );
}

export function EnterprisesListPage() {
  const t = useT(enterprisesMessages);
  const lang = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const [adding, setAdding] = useState(false);
  const enterprises = useEnterprises(query);

  const setQuery = (next: EnterprisesQuery) => setParams(writeQuery(next), { replace: true });
  const filter = (patch: Partial<EnterprisesQuery>) => setQuery({ ...query, ...patch, page: 1 });

  const columns: TableColumnsType<EnterpriseView> = [
    { title: t.name, key: 'name', render: (_, e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link> },
    { title: t.kinds, key: 'kinds', render: (_, e) => <KindTags kinds={e.kinds} /> },
    { title: t.origin, key: 'origin', render: (_, e) => e.originLabel ?? '—' },
    { title: t.industry, key: 'industry', render: (_, e) => industryLabel(e.industryDivision) ?? '—' },
    { title: t.contactName, key: 'contactName', render: (_, e) => e.contactName ?? '—' },
    {
      title: t.contactPhone,
      key: 'contactPhone',
      render: (_, e) => <span data-testid="enterprise-phone">{e.contactPhone ?? '—'}</span>,
    },
    {
      title: t.creditCode,
      key: 'creditCode',
      render: (_, e) => <span style={{ fontFamily: 'monospace' }}>{e.creditCode ?? '—'}</span>,
    },
  ];

  return (
    <Card
      title={t.title}
      extra={
        can('pipeline.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t.addEnterprise}
          </Button>
        ) : null
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t.searchLabel}
          placeholder={t.listSearch}
          allowClear
          defaultValue={query.q}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
        <Select<EnterpriseKind[]>
          mode="multiple"
          aria-label={t.kinds}
          placeholder={t.allKinds}
          allowClear
          maxTagCount="responsive"
          options={ENTERPRISE_KINDS.map((k) => ({ value: k, label: ENTERPRISE_KIND_LABELS[k][lang] }))}
          value={query.kinds ?? []}
          onChange={(kinds) => filter({ kinds: kinds.length ? kinds : undefined })}
          style={{ flex: '1 1 200px', maxWidth: 280 }}
        />
        <Select<string>
          aria-label={t.origin}
          placeholder={t.allProvinces}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
          value={query.originProvince}
          onChange={(originProvince) => filter({ originProvince })}
          style={{ flex: '1 1 160px', maxWidth: 200 }}
        />
        <Select<string>
          aria-label={t.industry}
          placeholder={t.allSections}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.zh}` }))}
          value={query.industrySection}
          onChange={(industrySection) => filter({ industrySection })}
          style={{ flex: '1 1 200px', maxWidth: 280 }}
        />
      </Flex>
      {enterprises.isError ? (
        <ErrorResult error={enterprises.error} onRetry={() => void enterprises.refetch()} />
      ) : (
        <Table<EnterpriseView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={enterprises.data?.items}
          loading={enterprises.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.empty }}
          onRow={(e) => ({
            onClick: (ev) => {
              if ((ev.target as HTMLElement).closest('a')) return;
              void navigate(`/enterprises/${e.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: enterprises.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t.total(n),
            onChange: (page, pageSize) =>
              setQuery({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      {adding ? (
        <EnterpriseFormModal
          onClose={(saved) => {
            setAdding(false);
            if (saved) void navigate(`/enterprises/${saved.id}`);
          }}
        />
      ) : null}
    </Card>
  );
}
