import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CommitmentView } from '../../../domain/commitments/commitments.schemas.js';
import {
  COMMITMENT_KIND_LABELS,
  COMMITMENT_STATUS_LABELS,
  type CommitmentStatus,
} from '../../../domain/landing/landing-codes.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { moneyWan } from '../projects/project-format.js';
import { CommitmentFormModal, FulfilModal, ReasonModal } from './CommitmentModals.js';
import { useCommitmentDetail } from './commitments.api.js';
import { commitmentsMessages } from './commitments.messages.js';

const STATUS_COLOR: Record<CommitmentStatus, string> = {
  pending: 'processing',
  fulfilled: 'success',
  cancelled: 'default',
};

function Evidence(props: { c: CommitmentView }) {
  const t = useT(commitmentsMessages);
  const detail = useCommitmentDetail(props.c.id);
  const c = props.c;
  return (
    <Flex vertical gap={4} data-testid={`commitment-evidence-${c.id}`}>
      {c.evidence ? (
        <span>
          {t.evidence}：{c.evidence}
        </span>
      ) : null}
      {c.cancelReason ? (
        <span>
          {t.cancelReason}：{c.cancelReason}
        </span>
      ) : null}
      {(detail.data?.files ?? []).map((f) => (
        <a key={f.id} href={`/api/commitments/${c.id}/files/${f.id}`} download={f.filename}>
          {f.filename}
        </a>
      ))}
    </Flex>
  );
}

/** The commitments list (the landing page's and a project's tab): overdue rows red, actions by what `can` says. */
export function CommitmentsTable(props: {
  items: CommitmentView[];
  loading?: boolean;
  showProject?: boolean;
  pagination?: false | { current: number; total: number; onChange: (page: number) => void };
}) {
  const t = useT(commitmentsMessages);
  const lang = useLang();
  const can = useCan();
  const [editing, setEditing] = useState<CommitmentView | null>(null);
  const [fulfilling, setFulfilling] = useState<CommitmentView | null>(null);
  const [moving, setMoving] = useState<{ c: CommitmentView; to: 'cancel' | 'reopen' } | null>(null);

  return (
    <>
      <Table<CommitmentView>
        rowKey="id"
        size="small"
        loading={props.loading}
        dataSource={props.items}
        scroll={{ x: 'max-content' }}
        data-testid="commitments-list"
        locale={{ emptyText: t.none }}
        onRow={(c) => (c.overdue ? { style: { background: 'rgba(255, 77, 79, 0.06)' } } : {})}
        expandable={{
          rowExpandable: (c) => c.status !== 'pending' || c.evidence !== null,
          expandedRowRender: (c) => <Evidence c={c} />,
        }}
        pagination={
          props.pagination
            ? {
                current: props.pagination.current,
                pageSize: 50,
                total: props.pagination.total,
                hideOnSinglePage: true,
                showSizeChanger: false,
                onChange: props.pagination.onChange,
              }
            : false
        }
        columns={[
          ...(props.showProject
            ? [
                {
                  title: t.project,
                  key: 'project',
                  render: (_: unknown, c: CommitmentView) =>
                    can('pipeline.read') && !can('landing.handle') ? (
                      <Link to={`/projects/${c.projectId}`}>{c.projectName}</Link>
                    ) : (
                      c.projectName
                    ),
                },
                { title: t.unit, dataIndex: 'unitName', key: 'unit' },
              ]
            : []),
          { title: t.kind, key: 'kind', render: (_, c) => COMMITMENT_KIND_LABELS[c.kind][lang] },
          { title: t.content, dataIndex: 'content', key: 'content', width: 280 },
          { title: t.amount, key: 'amount', render: (_, c) => (c.amountYuan ? moneyWan(c.amountYuan) : '—') },
          { title: t.department, dataIndex: 'departmentName', key: 'dept' },
          {
            title: t.dueOn,
            key: 'due',
            render: (_, c) =>
              c.overdue ? (
                <Typography.Text type="danger">
                  {c.dueOn}（{t.daysOverdue(c.daysOverdue)}）
                </Typography.Text>
              ) : (
                c.dueOn
              ),
          },
          {
            title: t.status,
            key: 'status',
            render: (_, c) => (
              <Flex gap={4}>
                <Tag color={STATUS_COLOR[c.status]}>{COMMITMENT_STATUS_LABELS[c.status][lang]}</Tag>
                {c.late ? <Tag color="warning">{t.late}</Tag> : null}
              </Flex>
            ),
          },
          { title: t.fulfilledOn, key: 'fulfilledOn', render: (_, c) => c.fulfilledOn ?? '—' },
          {
            title: t.actions,
            key: 'actions',
            render: (_, c) => (
              <Flex gap={4} wrap>
                {c.can.fulfil ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setFulfilling(c)}
                    data-testid={`fulfil-${c.id}`}
                  >
                    {t.fulfil}
                  </Button>
                ) : null}
                {c.can.edit ? (
                  <>
                    <Button size="small" onClick={() => setEditing(c)}>
                      {t.edit}
                    </Button>
                    <Button size="small" danger onClick={() => setMoving({ c, to: 'cancel' })}>
                      {t.cancelIt}
                    </Button>
                  </>
                ) : null}
                {c.can.reopen ? (
                  <Button size="small" onClick={() => setMoving({ c, to: 'reopen' })}>
                    {t.reopen}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      {editing ? (
        <CommitmentFormModal
          projectId={editing.projectId}
          commitment={editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {fulfilling ? <FulfilModal commitment={fulfilling} onClose={() => setFulfilling(null)} /> : null}
      {moving ? <ReasonModal commitment={moving.c} to={moving.to} onClose={() => setMoving(null)} /> : null}
    </>
  );
}
