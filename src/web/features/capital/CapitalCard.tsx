import { EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { FIGURE_FIELDS, FIGURE_LABELS } from '../../../domain/capital/capital.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { CapitalReportModal } from './CapitalReportModal.js';
import { type ProjectCapital, useProjectCapital } from './capital.api.js';
import { capitalMessages } from './capital.messages.js';
import { SubmissionStatusTag, showAmount } from './capital-format.js';
import { VouchersModal } from './VouchersModal.js';

type Month = ProjectCapital['months'][number];

/** 资金到位 on the project page: every month reported, its unit-month status, edit and vouchers. */
export function CapitalCard({
  projectId,
  projectName,
  canWrite,
}: {
  projectId: string;
  projectName: string;
  canWrite: boolean;
}) {
  const t = useT(capitalMessages);
  const lang = useLang();
  const data = useProjectCapital(projectId);
  const [editing, setEditing] = useState<{ month?: string } | null>(null);
  const [vouchers, setVouchers] = useState<Month | null>(null);
  const months = data.data?.months ?? [];

  const columns: TableColumnsType<Month> = [
    { title: t.month, dataIndex: 'month', key: 'month', fixed: 'left' },
    {
      title: `${t.fundsInPlace}（${t.wanYuan}）`,
      key: 'total',
      align: 'right',
      render: (_, r) => (
        <Typography.Text strong>{showAmount('fundsInPlaceYuan', r.fundsInPlaceYuan)}</Typography.Text>
      ),
    },
    ...FIGURE_FIELDS.map((f) => ({
      title: `${FIGURE_LABELS[f][lang]}（${FIGURE_LABELS[f].usd ? t.wanUsd : t.wanYuan}）`,
      key: f,
      align: 'right' as const,
      render: (_: unknown, r: Month) => showAmount(f, r[f]),
    })),
    {
      title: t.status,
      key: 'status',
      render: (_, r) => <SubmissionStatusTag status={r.status} lang={lang} />,
    },
    {
      title: t.actions,
      key: 'actions',
      render: (_, r) => (
        <Flex gap={4}>
          {canWrite && r.editable ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ month: r.month })}>
              {t.edit}
            </Button>
          ) : null}
          <Button size="small" icon={<PaperClipOutlined />} onClick={() => setVouchers(r)}>
            {t.vouchers}
            {r.vouchers ? ` ${r.vouchers}` : ''}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={t.cardTitle}
      data-testid="capital-card"
      extra={
        canWrite && data.data?.reporting ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t.addMonth}
          </Button>
        ) : null
      }
    >
      {data.data && !data.data.reporting && months.length === 0 ? (
        <Typography.Text type="secondary">{t.notReporting}</Typography.Text>
      ) : (
        <Table<Month>
          rowKey="id"
          size="small"
          loading={data.isLoading}
          columns={columns}
          dataSource={months}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.noReports }}
          summary={() =>
            data.data && months.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t.total}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong>
                    {showAmount('fundsInPlaceYuan', data.data.totals.fundsInPlaceYuan)}
                  </Typography.Text>
                </Table.Summary.Cell>
                {FIGURE_FIELDS.map((f, i) => (
                  <Table.Summary.Cell key={f} index={i + 2} align="right">
                    {showAmount(f, data.data.totals[f])}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={8} colSpan={2} />
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
      {editing ? (
        <CapitalReportModal
          projectId={projectId}
          months={months}
          initialMonth={editing.month}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {vouchers ? (
        <VouchersModal
          reportId={vouchers.id}
          title={t.vouchersTitle(projectName, vouchers.month)}
          editable={canWrite && vouchers.editable}
          onClose={() => setVouchers(null)}
        />
      ) : null}
    </Card>
  );
}
