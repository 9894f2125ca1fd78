import { Descriptions, Table, Typography } from 'antd';
import type { AuditEntry } from '../../../domain/audit/audit.schemas.js';
import { useT } from '../../app/i18n.js';
import { auditMessages } from './audit.messages.js';

type Change = { field: string; before: unknown; after: unknown };

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function hasDetail(entry: AuditEntry): boolean {
  return Object.keys(entry.changes ?? {}).length > 0 || !!entry.detail || !!entry.requestId;
}

/** The expanded row: field-by-field before/after, and the free-text detail. */
export function AuditEntryDetail({ entry }: { entry: AuditEntry }) {
  const t = useT(auditMessages);
  const changes: Change[] = Object.entries(entry.changes ?? {}).map(([field, c]) => ({ field, ...c }));
  return (
    <div style={{ maxWidth: 900 }}>
      {changes.length > 0 ? (
        <Table<Change>
          rowKey="field"
          size="small"
          pagination={false}
          title={() => <Typography.Text strong>{t.changes}</Typography.Text>}
          dataSource={changes}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t.field, dataIndex: 'field', key: 'field' },
            {
              title: t.before,
              key: 'before',
              render: (_, c) => <Typography.Text delete>{show(c.before)}</Typography.Text>,
            },
            { title: t.after, key: 'after', render: (_, c) => show(c.after) },
          ]}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Descriptions column={1} size="small">
        {entry.detail ? <Descriptions.Item label={t.detail}>{entry.detail}</Descriptions.Item> : null}
        {entry.requestId ? (
          <Descriptions.Item label={t.requestId}>
            <Typography.Text code>{entry.requestId}</Typography.Text>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </div>
  );
}
