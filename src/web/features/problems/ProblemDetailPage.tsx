import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_EVENT_LABELS,
  PROBLEM_SOURCE_LABELS,
} from '../../../domain/landing/landing-codes.js';
import { durationLabel, type ProblemAction } from '../../../domain/landing/problem-flow.js';
import type { ProblemDetail } from '../../../domain/landing/problems.schemas.js';
import { errorText, isApiError } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { formatBytes, formatDay, todayInChina } from '../projects/project-format.js';
import { supervisionMessages } from '../supervision/supervision.messages.js';
import { ProblemClockTags, ProblemStatusTag } from './ProblemTags.js';
import { useProblem, useProblemOptions, useProblemStep, useUploadProblemFile } from './problems.api.js';
import { problemsMessages } from './problems.messages.js';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 问题详情: facts, countermeasure, deadline, the timed timeline, files and the steps the caller may take. */
export function ProblemDetailPage() {
  const { problemId = '' } = useParams();
  const t = useT(problemsMessages);
  const lang = useLang();
  const detail = useProblem(problemId);
  const can = useCan();
  const ts = useT(supervisionMessages);
  const [acting, setActing] = useState<ProblemAction | null>(null);
  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const { problem: p, events, actions, canUpload } = detail.data;
  const label: Record<ProblemAction, string> = {
    assign: p.status === 'raised' ? t.assign : t.reassign,
    accept: t.accept,
    reply: t.replyAction,
    close: t.close,
    reopen: t.reopen,
    comment: t.comment,
  };

  return (
    <Flex vertical gap={16} data-testid="problem-detail">
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="problem-title">{p.title}</span>
            <ProblemStatusTag status={p.status} />
            <ProblemClockTags daysOverdue={p.daysOverdue} escalationLevel={p.escalationLevel} />
            {p.reopenCount > 0 ? <Tag>{t.reopened(p.reopenCount)}</Tag> : null}
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            {can('supervision.issue') && p.status !== 'closed' ? (
              // 督办: the supervision office writes to the problem's department (or unit) with the problem linked.
              <Link to={`/landing/supervision?issue=1&problemId=${p.id}`} data-testid="problem-supervise">
                <Button danger>{ts.supervise}</Button>
              </Link>
            ) : null}
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'comment' || a === 'reopen' ? 'default' : 'primary'}
                onClick={() => setActing(a)}
                data-testid={`problem-${a}`}
              >
                {label[a]}
              </Button>
            ))}
          </Flex>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="problem-facts">
          <Descriptions.Item label={t.project}>
            {p.projectId ? <Link to={`/projects/${p.projectId}`}>{p.projectName}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t.unit}>{p.unitName}</Descriptions.Item>
          <Descriptions.Item label={t.category}>
            {PROBLEM_CATEGORY_LABELS[p.category][lang]}
          </Descriptions.Item>
          <Descriptions.Item label={t.source}>
            {PROBLEM_SOURCE_LABELS[p.raisedVia][lang]}
            {p.raisedByName || p.raiserName ? `（${p.raisedByName ?? p.raiserName}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t.department}>
            <span data-testid="problem-department">{p.departmentName ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.leader}>{p.leaderInCharge ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.deadline}>
            <Typography.Text type={p.daysOverdue > 0 ? 'danger' : undefined} data-testid="problem-deadline">
              {p.deadline ?? '—'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t.raisedAt}>{when(p.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t.description} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {p.description}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t.countermeasure} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {p.countermeasure ?? '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
          {p.reply ? (
            <Descriptions.Item label={t.reply} span={2}>
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                data-testid="problem-reply-text"
              >
                {p.reply}
              </Typography.Paragraph>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title={t.timeline}>
        <Timeline
          data-testid="problem-timeline"
          items={events.map((e) => ({
            color:
              e.kind === 'escalated'
                ? 'red'
                : e.kind === 'closed'
                  ? 'green'
                  : e.kind === 'comment'
                    ? 'gray'
                    : 'blue',
            children: (
              <div data-testid={`problem-event-${e.kind}`}>
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{PROBLEM_EVENT_LABELS[e.kind][lang]}</Typography.Text>
                  <Typography.Text type="secondary">{when(e.at)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {e.displayName ?? e.username ?? (e.viaPortal ? '' : t.system)}
                    {e.viaPortal ? t.viaPortal : ''}
                  </Typography.Text>
                  {e.sinceStep ? (
                    <Tag data-testid="problem-step-duration">
                      {t.since(
                        PROBLEM_EVENT_LABELS[e.sinceStep.fromKind][lang],
                        PROBLEM_EVENT_LABELS[e.kind][lang],
                        durationLabel(e.sinceStep.ms),
                      )}
                    </Tag>
                  ) : null}
                </Flex>
                {e.note ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {e.note}
                  </Typography.Paragraph>
                ) : null}
              </div>
            ),
          }))}
        />
      </Card>
      <FilesCard detail={detail.data} canUpload={canUpload} />
      {acting ? (
        <StepModal
          detail={detail.data}
          action={acting}
          title={label[acting]}
          onClose={() => setActing(null)}
        />
      ) : null}
    </Flex>
  );
}

function FilesCard({ detail, canUpload }: { detail: ProblemDetail; canUpload: boolean }) {
  const t = useT(problemsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const upload = useUploadProblemFile();
  return (
    <Card
      title={t.files}
      extra={
        canUpload ? (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(
                { id: detail.problem.id, file },
                {
                  onSuccess: () => void message.success(t.uploaded),
                  onError: (err) => void message.error(errorText(err, lang)),
                },
              );
              return false;
            }}
          >
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={upload.isPending}
              data-testid="problem-upload"
            >
              {t.upload}
            </Button>
          </Upload>
        ) : null
      }
    >
      <List
        size="small"
        data-testid="problem-files"
        locale={{ emptyText: t.noFiles }}
        dataSource={detail.files}
        renderItem={(f) => (
          <List.Item>
            <a href={`/api/problems/${detail.problem.id}/files/${f.id}`}>{f.filename}</a>
            <Typography.Text type="secondary">{formatBytes(f.sizeBytes)}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

interface StepValues {
  departmentUnitId?: string;
  leaderUserId?: string;
  leaderInCharge?: string;
  countermeasure?: string;
  deadline?: Dayjs;
  note?: string;
  reply?: string;
  reason?: string;
}

/** One modal for every step; each shows only its own fields. */
function StepModal(props: {
  detail: ProblemDetail;
  action: ProblemAction;
  title: string;
  onClose: () => void;
}) {
  const t = useT(problemsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const step = useProblemStep();
  const options = useProblemOptions(props.action === 'assign');
  const p = props.detail.problem;
  const a = props.action;
  const text = (s: string | undefined) => s?.trim() || null;

  const submit = (v: StepValues) => {
    const body: Record<string, unknown> =
      a === 'assign'
        ? {
            version: p.version,
            departmentUnitId: v.departmentUnitId,
            leaderUserId: v.leaderUserId ?? null,
            leaderInCharge: text(v.leaderInCharge),
            countermeasure: v.countermeasure?.trim() ?? '',
            deadline: formatDay(v.deadline),
          }
        : a === 'reply'
          ? { version: p.version, reply: v.reply?.trim() ?? '' }
          : a === 'reopen'
            ? { version: p.version, reason: v.reason?.trim() ?? '', deadline: formatDay(v.deadline) }
            : a === 'comment'
              ? { note: v.note?.trim() ?? '' }
              : { version: p.version, note: text(v.note) };
    step.mutate(
      { id: p.id, action: a, body },
      {
        onSuccess: () => {
          void message.success(t.done);
          props.onClose();
        },
        onError: (err) => {
          if (!isApiError(err) || !err.fields) return;
          form.setFields(
            Object.entries(err.fields).map(([k, f]) => ({
              name: k as keyof StepValues,
              errors: [lang === 'zh' ? f.messageZh : f.message],
            })),
          );
        },
      },
    );
  };

  const past = (d: Dayjs) => d.format('YYYY-MM-DD') < todayInChina();
  return (
    <Modal
      open
      title={props.title}
      okText={t.submit}
      onOk={() => form.submit()}
      confirmLoading={step.isPending}
      onCancel={props.onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'problem-step-submit' } as ButtonProps}
    >
      {step.isError && !(isApiError(step.error) && step.error.fields) ? (
        <Alert type="error" showIcon message={errorText(step.error, lang)} style={{ marginBottom: 12 }} />
      ) : null}
      {a === 'close' ? <Typography.Paragraph>{t.closeConfirm}</Typography.Paragraph> : null}
      <Form<StepValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid={`problem-${a}-form`}
        initialValues={
          a === 'assign'
            ? {
                departmentUnitId: p.departmentUnitId ?? undefined,
                leaderUserId: p.leaderUserId ?? undefined,
                countermeasure: p.countermeasure ?? '',
              }
            : {}
        }
      >
        {a === 'assign' ? (
          <>
            <Form.Item name="departmentUnitId" label={t.department} rules={[{ required: true }]}>
              <Select
                data-testid="problem-assign-department"
                showSearch={{ optionFilterProp: 'label' }}
                loading={options.isFetching}
                options={(options.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="leaderUserId" label={t.leaderAccount} extra={t.leaderHelp}>
              <Select
                allowClear
                data-testid="problem-assign-leader"
                options={(options.data?.leaders ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
              />
            </Form.Item>
            <Form.Item name="leaderInCharge" label={t.leaderName}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="countermeasure" label={t.countermeasure} rules={[{ required: true, max: 4000 }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        ) : null}
        {a === 'assign' || a === 'reopen' ? (
          <Form.Item
            name="deadline"
            label={t.deadline}
            extra={options.data ? t.deadlineDefault(options.data.deadlineDays) : undefined}
          >
            <DatePicker disabledDate={past} />
          </Form.Item>
        ) : null}
        {a === 'reply' ? (
          <Form.Item name="reply" label={t.reply} rules={[{ required: true, max: 4000 }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        ) : null}
        {a === 'reopen' ? (
          <Form.Item name="reason" label={t.reason} rules={[{ required: true, max: 4000 }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ) : null}
        {a === 'comment' ? (
          <Form.Item name="note" label={t.comment} rules={[{ required: true, max: 4000 }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ) : null}
        {a === 'accept' || a === 'close' ? (
          <Form.Item name="note" label={t.note}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
