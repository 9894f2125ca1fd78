import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Dropdown,
  Empty,
  Flex,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import {
  type AgreementView,
  MILESTONE_KIND_LABELS,
  type MilestoneView,
} from '../../../domain/agreements/agreements.schemas.js';
import type { MilestoneStatus } from '../../../domain/agreements/performance.js';
import { AGREEMENT_TYPE_LABELS } from '../../../domain/projects/stages.js';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { moneyWan, usdWan } from '../projects/project-format.js';
import { AgreementFormModal } from './AgreementFormModal.js';
import { MilestoneStatusTag, PerformanceTag } from './agreement-tags.js';
import {
  useDeleteAgreementFile,
  useMilestoneStatus,
  useProjectAgreements,
  useUploadAgreementFile,
} from './agreements.api.js';
import { agreementsMessages } from './agreements.messages.js';
import { MilestoneFormModal, MilestoneMetModal } from './MilestoneModals.js';

const target = (m: MilestoneView, unit: 'actual' | 'target') => {
  const yuan = unit === 'target' ? m.targetYuan : m.actualYuan;
  const count = unit === 'target' ? m.targetCount : m.actualCount;
  return (
    [yuan ? moneyWan(yuan) : null, count !== null ? String(count) : null].filter(Boolean).join(' / ') || '—'
  );
};

/** 协议履约 on the project page: agreements, their milestones with status actions, the project's 履约 status. */
export function AgreementsCard({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const t = useT(agreementsMessages);
  const lang = useLang();
  const data = useProjectAgreements(projectId);
  const [editing, setEditing] = useState<{ agreement?: AgreementView } | null>(null);
  const [milestoneForm, setMilestoneForm] = useState<{
    agreementId: string;
    milestone?: MilestoneView;
  } | null>(null);
  const [meeting, setMeeting] = useState<MilestoneView | null>(null);

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          {t.cardTitle}
          {data.data ? <PerformanceTag status={data.data.performance} lang={lang} /> : null}
          {data.data?.overdue ? <Tag color="error">{t.overdueCount(data.data.overdue)}</Tag> : null}
        </Flex>
      }
      data-testid="agreements-card"
      loading={data.isLoading}
      extra={
        canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t.addAgreement}
          </Button>
        ) : null
      }
    >
      {data.data && data.data.agreements.length === 0 ? <Empty description={t.noAgreements} /> : null}
      <Flex vertical gap={16}>
        {data.data?.agreements.map((a) => (
          <AgreementBlock
            key={a.id}
            agreement={a}
            canWrite={canWrite}
            onEdit={() => setEditing({ agreement: a })}
            onAddMilestone={() => setMilestoneForm({ agreementId: a.id })}
            onEditMilestone={(m) => setMilestoneForm({ agreementId: a.id, milestone: m })}
            onMet={setMeeting}
          />
        ))}
      </Flex>
      {editing ? (
        <AgreementFormModal
          projectId={projectId}
          agreement={editing.agreement}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {milestoneForm ? (
        <MilestoneFormModal
          agreementId={milestoneForm.agreementId}
          milestone={milestoneForm.milestone}
          onClose={() => setMilestoneForm(null)}
        />
      ) : null}
      {meeting ? <MilestoneMetModal milestone={meeting} onClose={() => setMeeting(null)} /> : null}
    </Card>
  );
}

function AgreementBlock(props: {
  agreement: AgreementView;
  canWrite: boolean;
  onEdit: () => void;
  onAddMilestone: () => void;
  onEditMilestone: (m: MilestoneView) => void;
  onMet: (m: MilestoneView) => void;
}) {
  const t = useT(agreementsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const status = useMilestoneStatus();
  const upload = useUploadAgreementFile();
  const remove = useDeleteAgreementFile();
  const a = props.agreement;
  const setStatus = (m: MilestoneView, s: MilestoneStatus) =>
    status.mutate(
      {
        id: m.id,
        input: {
          status: s,
          metOn: null,
          actualYuan: null,
          actualCount: null,
          note: null,
          version: m.version,
        },
      },
      { onError: (err) => void message.error(errorText(err, lang)) },
    );

  const columns: TableColumnsType<MilestoneView> = [
    { title: t.kind, key: 'kind', render: (_, m) => MILESTONE_KIND_LABELS[m.kind][lang] },
    { title: t.description, dataIndex: 'description', key: 'description' },
    {
      title: t.dueDate,
      key: 'due',
      render: (_, m) =>
        m.overdue ? <Typography.Text type="danger">{m.dueDate}</Typography.Text> : m.dueDate,
    },
    { title: t.target, key: 'target', render: (_, m) => target(m, 'target') },
    {
      title: t.actual,
      key: 'actual',
      render: (_, m) => (m.status === 'met' ? `${m.metOn} · ${target(m, 'actual')}` : '—'),
    },
    {
      title: t.status,
      key: 'status',
      render: (_, m) => <MilestoneStatusTag status={m.status} overdue={m.overdue} lang={lang} />,
    },
    ...(props.canWrite
      ? [
          {
            title: t.actions,
            key: 'actions',
            render: (_: unknown, m: MilestoneView) => (
              <Flex gap={4}>
                {m.status !== 'met' ? (
                  <Button size="small" type="primary" onClick={() => props.onMet(m)}>
                    {t.markMet}
                  </Button>
                ) : null}
                <Dropdown
                  menu={{
                    items: [
                      { key: 'edit', label: t.edit },
                      ...(m.status !== 'missed' ? [{ key: 'missed', label: t.markMissed }] : []),
                      ...(m.status !== 'waived' ? [{ key: 'waived', label: t.markWaived }] : []),
                      ...(m.status !== 'pending' ? [{ key: 'pending', label: t.markPending }] : []),
                    ],
                    onClick: ({ key }) =>
                      key === 'edit' ? props.onEditMilestone(m) : setStatus(m, key as MilestoneStatus),
                  }}
                >
                  <Button size="small">…</Button>
                </Dropdown>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      type="inner"
      title={
        <Flex gap={8} wrap align="center">
          <span>{a.title}</span>
          <Tag>{AGREEMENT_TYPE_LABELS[a.type][lang]}</Tag>
        </Flex>
      }
      extra={
        props.canWrite ? (
          <Flex gap={4}>
            <Button size="small" icon={<EditOutlined />} onClick={props.onEdit}>
              {t.edit}
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={props.onAddMilestone}>
              {t.addMilestone}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t.signingDate} {a.signingDate} · {t.amount} {moneyWan(a.amountYuan)}
        {a.foreignUsdCents ? ` · ${t.foreign} ${usdWan(a.foreignUsdCents)}` : ''}
        {a.parties ? ` · ${a.parties}` : ''}
      </Typography.Paragraph>
      <Table<MilestoneView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={a.milestones}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t.noMilestones }}
        onRow={(m) => (m.overdue ? { style: { background: 'rgba(255, 77, 79, 0.06)' } } : {})}
      />
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t.files}：</Typography.Text>
        {a.files.map((f) => (
          <Flex key={f.id} gap={2} align="center">
            <a href={`/api/attachments/${f.id}`} download={f.filename}>
              <DownloadOutlined /> {f.filename}
            </a>
            {props.canWrite ? (
              <Popconfirm title={t.delete} onConfirm={() => remove.mutate({ agreementId: a.id, id: f.id })}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t.delete} />
              </Popconfirm>
            ) : null}
          </Flex>
        ))}
        {props.canWrite ? (
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(
                { agreementId: a.id, file },
                { onError: (err) => void message.error(errorText(err, lang)) },
              );
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t.upload}
            </Button>
          </Upload>
        ) : null}
      </Flex>
    </Card>
  );
}
