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
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { SUPERVISION_REPLY_LABELS } from '../../../domain/landing/landing-codes.js';
import type { SupervisionDetail } from '../../../domain/supervision/supervision.schemas.js';
import { errorText, isApiError } from '../../app/api.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { formatBytes, formatDay, todayInChina } from '../projects/project-format.js';
import { SupervisionStatusTag } from './SupervisionListPage.js';
import {
  type SupervisionAction,
  useSupervisionNotice,
  useSupervisionStep,
  useUploadSupervisionFile,
} from './supervision.api.js';
import { supervisionMessages } from './supervision.messages.js';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 督办单详情: the notice, the exchange as a timeline, files, and the step whoever may act can take now. */
export function SupervisionDetailPage() {
  const { noticeId = '' } = useParams();
  const t = useT(supervisionMessages);
  const lang = useLang();
  const detail = useSupervisionNotice(noticeId);
  const [acting, setActing] = useState<SupervisionAction | null>(null);
  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const n = detail.data;
  const actions: { key: SupervisionAction; label: string; show: boolean }[] = [
    { key: 'reply', label: t.reply, show: n.can.reply },
    { key: 'follow-up', label: t.followUp, show: n.can.followUp },
    { key: 'close', label: t.close, show: n.can.close },
  ];
  return (
    <Flex vertical gap={16} data-testid="supervision-detail">
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="supervision-number">{n.numberLabel}</span>
            <span>{n.subject}</span>
            <SupervisionStatusTag status={n.status} />
            {n.overdue ? <Tag color="red">{t.daysOverdue(n.daysOverdue)}</Tag> : null}
          </Flex>
        }
        extra={
          <Flex gap={8}>
            {actions
              .filter((a) => a.show)
              .map((a) => (
                <Button
                  key={a.key}
                  type={a.key === 'close' ? 'default' : 'primary'}
                  onClick={() => setActing(a.key)}
                  data-testid={`supervision-${a.key}`}
                >
                  {a.label}
                </Button>
              ))}
          </Flex>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t.unit}>{n.unitName}</Descriptions.Item>
          <Descriptions.Item label={t.replyDueOn}>
            <Typography.Text type={n.overdue ? 'danger' : undefined}>{n.replyDueOn}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t.issuedAt}>{when(n.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t.project}>{n.projectName ?? '—'}</Descriptions.Item>
          {n.problemId ? (
            <Descriptions.Item label={t.problem}>
              <Link to={`/landing/problems/${n.problemId}`}>{n.problemTitle}</Link>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t.body} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {n.body}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t.timeline}>
        <Timeline
          data-testid="supervision-timeline"
          items={[
            { color: 'blue', children: `${t.issued} · ${when(n.issuedAt)}` },
            ...n.timeline.map((e) => ({
              color: e.kind === 'close' ? 'green' : e.kind === 'follow_up' ? 'red' : 'blue',
              children: (
                <div data-testid={`supervision-event-${e.kind}`}>
                  <Flex gap={8} wrap>
                    <Typography.Text strong>{SUPERVISION_REPLY_LABELS[e.kind][lang]}</Typography.Text>
                    <Typography.Text type="secondary">{when(e.at)}</Typography.Text>
                    <Typography.Text type="secondary">{e.username ?? ''}</Typography.Text>
                    {e.replyDueOn ? <Tag>{`${t.newDueOn} ${e.replyDueOn}`}</Tag> : null}
                  </Flex>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {e.text}
                  </Typography.Paragraph>
                </div>
              ),
            })),
          ]}
        />
      </Card>
      <FilesCard notice={n} />
      {acting ? <StepModal notice={n} action={acting} onClose={() => setActing(null)} /> : null}
    </Flex>
  );
}

function FilesCard({ notice }: { notice: SupervisionDetail }) {
  const t = useT(supervisionMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const upload = useUploadSupervisionFile();
  return (
    <Card
      title={t.files}
      extra={
        notice.can.upload ? (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(
                { id: notice.id, file },
                {
                  onSuccess: () => void message.success(t.uploaded),
                  onError: (err) => void message.error(errorText(err, lang)),
                },
              );
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t.upload}
            </Button>
          </Upload>
        ) : null
      }
    >
      <List
        size="small"
        locale={{ emptyText: t.noFiles }}
        dataSource={notice.files}
        renderItem={(f) => (
          <List.Item>
            <a href={`/api/supervision-notices/${notice.id}/files/${f.id}`}>{f.filename}</a>
            <Typography.Text type="secondary">{formatBytes(f.sizeBytes)}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

function StepModal(props: { notice: SupervisionDetail; action: SupervisionAction; onClose: () => void }) {
  const t = useT(supervisionMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string; replyDueOn?: Dayjs }>();
  const step = useSupervisionStep();
  const a = props.action;
  const title = a === 'reply' ? t.reply : a === 'follow-up' ? t.followUp : t.close;
  const label = a === 'reply' ? t.replyText : a === 'follow-up' ? t.followUpText : t.closeText;
  return (
    <Modal
      open
      title={title}
      okText={t.submit}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      confirmLoading={step.isPending}
      onCancel={props.onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'supervision-step-submit' } as ButtonProps}
    >
      {step.isError && !(isApiError(step.error) && step.error.fields) ? (
        <Alert type="error" showIcon message={errorText(step.error, lang)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          step.mutate(
            {
              id: props.notice.id,
              action: a,
              body: {
                version: props.notice.version,
                text: v.text?.trim() ?? '',
                ...(a === 'follow-up' ? { replyDueOn: formatDay(v.replyDueOn) } : {}),
              },
            },
            {
              onSuccess: () => {
                void message.success(t.saved);
                props.onClose();
              },
              onError: (err) => void applyFieldErrors(form, err, lang),
            },
          )
        }
      >
        <Form.Item name="text" label={label} rules={[{ required: true, max: 4000, message: t.required }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        {a === 'follow-up' ? (
          <Form.Item name="replyDueOn" label={t.newDueOn} rules={[{ required: true, message: t.required }]}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < todayInChina()} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
