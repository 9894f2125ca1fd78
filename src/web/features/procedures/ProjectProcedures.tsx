import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Popconfirm, Progress, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  PROCEDURE_TEMPLATE_LABELS,
  PROCEDURE_TEMPLATES,
  type ProcedureTemplate,
} from '../../../domain/landing/landing-codes.js';
import type { ProcedureView } from '../../../domain/procedures/procedures.schemas.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { errorText } from '../../app/api.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ProcedureFormModal } from './ProcedureFormModal.js';
import { maturityText, ProcedureStatusTag } from './procedure-tags.js';
import { useApplyTemplate, useDeleteProcedure, useProjectProcedures } from './procedures.api.js';
import { proceduresMessages } from './procedures.messages.js';

/** 手续 tab of the project's 落地服务 card: the checklist, its maturity (成熟度), overdue ones in red. */
export function ProjectProcedures({ project }: { project: ProjectView }) {
  const t = useT(proceduresMessages);
  const lang = useLang();
  const can = useCan();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const data = useProjectProcedures(project.id);
  const apply = useApplyTemplate();
  const remove = useDeleteProcedure();
  const [template, setTemplate] = useState<ProcedureTemplate | undefined>(undefined);
  const [editing, setEditing] = useState<{ procedure?: ProcedureView; progressOnly?: boolean } | null>(null);
  const canWrite = can('landing.write');
  const d = data.data;
  const chosen = template ?? d?.suggestedTemplate;
  const percent = d?.maturity.percent ? Number(d.maturity.percent) : 0;

  const onApply = () =>
    apply.mutate(
      { projectId: project.id, input: { template: chosen } },
      {
        onSuccess: (r) => void message.success(t.added(r.added.length)),
        onError: (err) => void message.error(errorText(err, lang)),
      },
    );

  return (
    <Flex vertical gap={12} data-testid="project-procedures">
      <Flex gap={16} wrap align="center">
        <Typography.Text strong>{t.maturity}</Typography.Text>
        <Progress
          percent={percent}
          style={{ width: 240, margin: 0 }}
          format={() => (d ? maturityText(d.maturity) : '')}
          data-testid="procedure-maturity"
        />
        {d?.overdue ? <Tag color="error">{t.overdueCount(d.overdue)}</Tag> : null}
        {canWrite ? (
          <Flex gap={8} wrap style={{ marginLeft: 'auto' }}>
            <Select<ProcedureTemplate>
              aria-label={t.template}
              style={{ width: 180 }}
              value={chosen}
              onChange={setTemplate}
              options={PROCEDURE_TEMPLATES.map((k) => ({
                value: k,
                label: PROCEDURE_TEMPLATE_LABELS[k][lang],
              }))}
            />
            <Button onClick={onApply} loading={apply.isPending}>
              {t.applyTemplate}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t.add}
            </Button>
          </Flex>
        ) : null}
      </Flex>
      {d && d.items.length === 0 ? <Empty description={t.empty} /> : null}
      {d && d.items.length > 0 ? (
        <Table<ProcedureView>
          rowKey="id"
          size="small"
          dataSource={d.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(p) => (p.overdue ? { style: { background: 'rgba(255, 77, 79, 0.06)' } } : {})}
          columns={[
            { title: t.name, dataIndex: 'name', key: 'name' },
            { title: t.department, key: 'dept', render: (_, p) => p.departmentName ?? '—' },
            {
              title: t.plannedOn,
              key: 'planned',
              render: (_, p) =>
                p.overdue ? (
                  <Typography.Text type="danger">
                    {p.plannedOn} · {t.daysOverdue(p.daysOverdue)}
                  </Typography.Text>
                ) : (
                  (p.plannedOn ?? '—')
                ),
            },
            { title: t.doneOn, key: 'done', render: (_, p) => p.doneOn ?? '—' },
            {
              title: t.status,
              key: 'status',
              render: (_, p) => <ProcedureStatusTag status={p.status} lang={lang} />,
            },
            { title: t.note, key: 'note', render: (_, p) => p.note ?? '' },
            {
              title: t.actions,
              key: 'actions',
              render: (_, p) => {
                const own = can('landing.handle') && p.departmentUnitId === user.unit.id;
                if (!canWrite && !own) return null;
                return (
                  <Flex gap={4}>
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      aria-label={`${t.edit} ${p.name}`}
                      onClick={() => setEditing({ procedure: p, progressOnly: !canWrite })}
                    >
                      {t.edit}
                    </Button>
                    {canWrite && p.status === 'pending' ? (
                      <Popconfirm
                        title={t.deleteConfirm}
                        onConfirm={() =>
                          remove.mutate(p.id, { onError: (err) => void message.error(errorText(err, lang)) })
                        }
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t.delete}
                        />
                      </Popconfirm>
                    ) : null}
                  </Flex>
                );
              },
            },
          ]}
        />
      ) : null}
      {editing ? (
        <ProcedureFormModal
          projectId={project.id}
          procedure={editing.procedure}
          progressOnly={editing.progressOnly}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Flex>
  );
}
