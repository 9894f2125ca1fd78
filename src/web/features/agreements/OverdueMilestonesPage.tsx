import { Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  MILESTONE_KIND_LABELS,
  type OverdueMilestone,
} from '../../../domain/agreements/agreements.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { moneyWan } from '../projects/project-format.js';
import { useOverdueMilestones } from './agreements.api.js';
import { agreementsMessages } from './agreements.messages.js';

/** Every milestone past its due date and still pending, in the caller's scope, the oldest first. */
export function OverdueMilestonesPage() {
  const t = useT(agreementsMessages);
  const lang = useLang();
  const list = useOverdueMilestones();
  const rows = list.data ?? [];
  return (
    <Card title={t.overdueTitle}>
      <Typography.Paragraph type="secondary">{t.total(rows.length)}</Typography.Paragraph>
      <Table<OverdueMilestone>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t.noOverdue }}
        data-testid="overdue-milestones"
        columns={[
          {
            title: t.project,
            key: 'project',
            render: (_, m) => <Link to={`/projects/${m.projectId}`}>{m.projectName}</Link>,
          },
          { title: t.unit, dataIndex: 'unitName', key: 'unit' },
          { title: t.agreement, dataIndex: 'agreementTitle', key: 'agreement' },
          { title: t.kind, key: 'kind', render: (_, m) => MILESTONE_KIND_LABELS[m.kind][lang] },
          { title: t.description, dataIndex: 'description', key: 'description' },
          {
            title: t.target,
            key: 'target',
            render: (_, m) => (m.targetYuan ? moneyWan(m.targetYuan) : (m.targetCount ?? '—')),
          },
          { title: t.dueDate, dataIndex: 'dueDate', key: 'due' },
          {
            title: t.overdue,
            key: 'days',
            sorter: (a, b) => a.daysOverdue - b.daysOverdue,
            render: (_, m) => (
              <Tag color={m.daysOverdue > 90 ? 'error' : 'warning'}>{t.daysOverdue(m.daysOverdue)}</Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
