import {
  Card,
  Col,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { INBOX_KIND_LABELS, type InboxItem } from '../../../domain/inbox/inbox.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { useInbox } from './inbox.api.js';
import { inboxMessages } from './inbox.messages.js';

const KIND_COLORS: Record<InboxItem['kind'], string> = {
  problem: 'volcano',
  procedure: 'geekblue',
  opinion: 'purple',
  commitment: 'gold',
  supervision: 'magenta',
};

/** 部门待办: a department handler's home page, overdue first (most overdue first), then due within the week. */
export function InboxPage() {
  const t = useT(inboxMessages);
  const lang = useLang();
  const inbox = useInbox();
  if (inbox.isError) return <ErrorResult error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (!inbox.data) return <Skeleton active />;
  const d = inbox.data;
  const columns: TableColumnsType<InboxItem> = [
    {
      key: 'kind',
      title: t.kind,
      width: 100,
      render: (_, i) => <Tag color={KIND_COLORS[i.kind]}>{INBOX_KIND_LABELS[i.kind][lang]}</Tag>,
    },
    {
      key: 'title',
      title: t.item,
      render: (_, i) => (
        <Link to={i.link} data-testid={`inbox-${i.kind}`}>
          {i.title}
        </Link>
      ),
    },
    { key: 'project', title: t.project, render: (_, i) => i.projectName ?? '—' },
    { key: 'unit', title: t.unit, render: (_, i) => i.unitName ?? '—' },
    {
      key: 'due',
      title: t.dueOn,
      render: (_, i) => (
        <Flex gap={4} wrap>
          <Typography.Text type={i.group === 'overdue' ? 'danger' : undefined}>
            {i.dueOn ?? t.noDate}
          </Typography.Text>
          {i.daysOverdue > 0 ? <Tag color="red">{t.daysOverdue(i.daysOverdue)}</Tag> : null}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={16} data-testid="inbox">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t.title(d.departmentName)}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {(
          [
            ['overdue', t.overdue, d.counts.overdue, '#cf1322'],
            ['thisWeek', t.thisWeek, d.counts.thisWeek, '#d48806'],
            ['later', t.later, d.counts.later, undefined],
            ['total', t.total, d.counts.total, undefined],
          ] as const
        ).map(([key, label, value, color]) => (
          <Col xs={12} md={6} key={key}>
            <Card size="small">
              <Statistic
                title={label}
                value={value}
                valueStyle={color ? { color } : undefined}
                data-testid={`inbox-count-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Table<InboxItem>
          rowKey={(i) => `${i.kind}:${i.id}`}
          size="small"
          columns={columns}
          dataSource={d.items}
          locale={{ emptyText: t.empty }}
          onRow={(i) => (i.group === 'overdue' ? { style: { background: '#fff1f0' } } : {})}
          pagination={{ pageSize: 200, hideOnSinglePage: true }}
        />
      </Card>
    </Flex>
  );
}
