import { App, Button, Flex, InputNumber, Popover, Table, Typography } from 'antd';
import { useState } from 'react';
import type { SubmissionView } from '../../../domain/capital/capital.schemas.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { useDueDay, useSaveDueDay, useSubmissions } from './capital.api.js';
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
      <Flex wrap gap={8} align="baseline" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="submission-summary">
          {t.summary(n('on_time'), n('late'), n('missing'))}
        </Typography.Text>
        <DueDay />
      </Flex>
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

/** The district's on-time rule, and for the center a way to change it. */
function DueDay() {
  const t = useT(capitalMessages);
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const due = useDueDay();
  const save = useSaveDueDay();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<number | null>(null);
  if (!due.data) return null;
  return (
    <Typography.Text type="secondary">
      {t.dueDay(due.data.dueDay)}
      {can('pipeline.coordinate') ? (
        <Popover
          open={open}
          onOpenChange={(o) => {
            setOpen(o);
            setValue(due.data.dueDay);
          }}
          trigger="click"
          content={
            <Flex gap={8} align="center">
              <InputNumber
                min={1}
                max={28}
                precision={0}
                value={value}
                onChange={setValue}
                aria-label={t.dueDayLabel}
              />
              <Button
                type="primary"
                loading={save.isPending}
                disabled={value === null}
                onClick={() =>
                  value !== null &&
                  save
                    .mutateAsync(value)
                    .then(() => {
                      setOpen(false);
                      void message.success(t.dueDaySaved);
                    })
                    .catch((err: unknown) => void message.error(errorText(err, lang)))
                }
              >
                {t.save}
              </Button>
            </Flex>
          }
        >
          <Button type="link" size="small">
            {t.changeDueDay}
          </Button>
        </Popover>
      ) : null}
    </Typography.Text>
  );
}
