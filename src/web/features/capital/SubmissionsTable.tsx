import { Table, Typography } from 'antd';
import type { SubmissionView } from '../../../domain/capital/capital.schemas.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { useSubmissions } from './capital.api.js';
import { capitalMessages } from './capital.messages.js';
import { PunctualityTag, SubmissionStatusTag } from './capital-format.js';

/** 报送情况: each unit's month on time, late or missing (the center sees every unit, a unit itself). */
export function SubmissionsTable({ month, onPick }: { month: string; onPick?: (unitId: string) => void }) {
  const t = useT(capitalMessages);
  const lang = useLang();
  const list = useSubmissions(month);
  const rows = list.data ?? [];
  const n = (p: SubmissionView['punctuality']) => rows.filter((r) => r.punctuality === p).length;
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="submission-summary">
        {t.summary(n('on_time'), n('late'), n('missing'))}
      </Typography.Paragraph>
      <Table<SubmissionView>
        rowKey="unitId"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="submissions-table"
        columns={[
          {
            title: t.unit,
            key: 'unit',
            render: (_, r) =>
              onPick ? (
                <Typography.Link onClick={() => onPick(r.unitId)}>{r.unitName}</Typography.Link>
              ) : (
                r.unitName
              ),
          },
          {
            title: t.punctuality,
            key: 'p',
            render: (_, r) => <PunctualityTag value={r.punctuality} lang={lang} />,
          },
          {
            title: t.status,
            key: 's',
            render: (_, r) => <SubmissionStatusTag status={r.status} lang={lang} />,
          },
          { title: t.dueDate, dataIndex: 'dueDate', key: 'due' },
          { title: t.submittedAt, key: 'first', render: (_, r) => formatDateTime(r.firstSubmittedAt) },
          { title: t.approvedAt, key: 'appr', render: (_, r) => formatDateTime(r.approvedAt) },
          { title: t.project, key: 'n', render: (_, r) => t.reported(r.reported, r.projects) },
          { title: t.returnReason, key: 'reason', render: (_, r) => r.returnReason ?? '' },
        ]}
      />
    </>
  );
}
