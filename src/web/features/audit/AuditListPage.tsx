import { Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AuditEntry } from '../../../domain/audit/audit.schemas.js';
import { formatDateTime } from '../../app/dates.js';
import { useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { RoleTags } from '../../components/RoleTags.js';
import { AuditEntryDetail, hasDetail } from './AuditEntryDetail.js';
import { AuditFilterForm } from './AuditFilterForm.js';
import { AuditVerifyButton, AuditVerifyResult } from './AuditVerifyPanel.js';
import { type AuditFilters, type AuditResult, useAuditLog, useVerifyAuditChain } from './audit.api.js';
import { auditMessages } from './audit.messages.js';

const RESULT_COLORS: Record<AuditResult, string> = { success: 'green', failure: 'red', denied: 'orange' };

export function AuditListPage() {
  const t = useT(auditMessages);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const log = useAuditLog({ ...filters, ...paging });
  const verify = useVerifyAuditChain();

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t.at,
      key: 'at',
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</span>,
    },
    {
      title: t.user,
      key: 'username',
      render: (_, e) => e.username ?? <Typography.Text type="secondary">{t.system}</Typography.Text>,
    },
    { title: t.roles, key: 'roles', render: (_, e) => <RoleTags roles={e.roles} /> },
    { title: t.ip, dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      title: t.action,
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
    },
    {
      title: t.object,
      key: 'object',
      render: (_, e) =>
        e.objectType ? (
          <span>
            {e.objectType}
            {e.objectId ? <Typography.Text type="secondary"> {e.objectId}</Typography.Text> : null}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t.result,
      key: 'result',
      fixed: 'right',
      render: (_, e) => <Tag color={RESULT_COLORS[e.result]}>{t.results[e.result]}</Tag>,
    },
  ];

  return (
    <Card
      title={t.title}
      extra={<AuditVerifyButton loading={verify.isPending} onVerify={() => verify.mutate()} />}
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
    >
      <AuditVerifyResult result={verify.data} error={verify.error} onClose={() => verify.reset()} />
      <AuditFilterForm
        onSearch={(f) => {
          setFilters(f);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {log.isError ? (
        <ErrorResult error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={log.data?.items}
          loading={log.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: hasDetail,
            expandedRowRender: (entry) => <AuditEntryDetail entry={entry} />,
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t.total(n),
            onChange: (page, pageSize) =>
              setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
          }}
        />
      )}
    </Card>
  );
}
