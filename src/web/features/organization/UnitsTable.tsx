import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type Unit,
  type UnitKind,
} from '../../../domain/organization/organization.schemas.js';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { useUpdateUnit } from './organization.api.js';
import { organizationMessages } from './organization.messages.js';

type Row = { key: string; group: UnitKind; count: number; children: Row[] } | { key: string; unit: Unit };

function groupRows(units: Unit[]): Row[] {
  return UNIT_KINDS.flatMap((kind) => {
    const members = units
      .filter((u) => u.kind === kind)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
    if (members.length === 0) return [];
    return [
      {
        key: `kind:${kind}`,
        group: kind,
        count: members.length,
        children: members.map((unit) => ({ key: unit.id, unit })),
      },
    ];
  });
}

/** A district's units grouped by kind (乡镇/街道, 区直单位, …), each group a collapsible row. */
export function UnitsTable(props: {
  units: Unit[];
  loading: boolean;
  canManage: boolean;
  onEdit: (u: Unit) => void;
}) {
  const t = useT(organizationMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const update = useUpdateUnit();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = groupRows(props.units);

  const setActive = (unit: Unit, active: boolean) =>
    update.mutate(
      { id: unit.id, patch: { active } },
      {
        onSuccess: () => void message.success(active ? t.reactivated : t.deactivated),
        onError: (err) => void message.error(errorText(err, lang)),
      },
    );

  const columns: TableColumnsType<Row> = [
    {
      title: t.name,
      key: 'name',
      render: (_, row) =>
        'group' in row ? (
          <Typography.Text strong>
            {t.groupCount(UNIT_KIND_LABELS[row.group][lang], row.count)}
          </Typography.Text>
        ) : (
          <Typography.Text type={row.unit.active ? undefined : 'secondary'}>{row.unit.name}</Typography.Text>
        ),
    },
    { title: t.code, key: 'code', render: (_, row) => ('unit' in row ? (row.unit.code ?? '—') : null) },
    { title: t.sortOrder, key: 'sortOrder', render: (_, row) => ('unit' in row ? row.unit.sortOrder : null) },
    {
      title: t.status,
      key: 'status',
      render: (_, row) =>
        'unit' in row ? (
          row.unit.active ? (
            <Tag color="green">{t.active}</Tag>
          ) : (
            <Tag>{t.inactive}</Tag>
          )
        ) : null,
    },
  ];
  if (props.canManage) {
    columns.push({
      title: t.actions,
      key: 'actions',
      render: (_, row) =>
        'unit' in row ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => props.onEdit(row.unit)}>
              {t.edit}
            </Button>
            {row.unit.active ? (
              <Popconfirm
                title={t.deactivateConfirm}
                okText={t.confirm}
                cancelText={t.cancel}
                onConfirm={() => setActive(row.unit, false)}
              >
                <Button type="link" size="small" danger>
                  {t.deactivate}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" onClick={() => setActive(row.unit, true)}>
                {t.reactivate}
              </Button>
            )}
          </Space>
        ) : null,
    });
  }

  return (
    <Table<Row>
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={props.loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t.empty }}
      expandable={{
        expandedRowKeys: rows.map((r) => r.key).filter((k) => !collapsed.has(k)),
        onExpand: (expanded, row) =>
          setCollapsed((prev) => {
            const next = new Set(prev);
            if (expanded) next.delete(row.key);
            else next.add(row.key);
            return next;
          }),
      }}
    />
  );
}
