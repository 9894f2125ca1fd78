import { PaperClipOutlined, PhoneOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Spin,
  Tag,
  Timeline,
  Typography,
  theme,
  Upload,
  type UploadFile,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { PROBLEM_CATEGORIES, PROBLEM_CATEGORY_LABELS } from '../../../domain/landing/landing-codes.js';
import type { PortalProblem, PortalView } from '../../../domain/portal/portal.schemas.js';
import { errorText, isApiError } from '../../app/api.js';
import { formatDateTime } from '../../app/dates.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import {
  refreshPortalPage,
  uploadPortalFile,
  usePortalPage,
  useReportProblem,
  useRespond,
} from './portal.api.js';
import { portalMessages } from './portal.messages.js';

// The investor's page (企业服务链接): no account, no app frame, made for a phone. Everything the investor typed is
// rendered as React text (escaped), never as HTML; line breaks are kept with pre-wrap.

const STATUS_COLOR: Record<string, string> = {
  raised: 'default',
  assigned: 'processing',
  accepted: 'processing',
  replied: 'warning',
  closed: 'success',
};

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,application/pdf,image/jpeg,image/png,image/webp';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

export function PortalPage() {
  const { token = '' } = useParams();
  const t = useT(portalMessages);
  const page = usePortalPage(token);
  const { token: look } = theme.useToken();

  let body: ReactNode;
  if (page.isPending) body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  else if (page.isError) body = <PortalError error={page.error} onRetry={() => void page.refetch()} />;
  else body = <PortalContent token={token} view={page.data} />;

  return (
    <Flex vertical style={{ minHeight: '100vh', background: look.colorBgLayout }}>
      <Flex justify="space-between" align="center" style={{ padding: '8px 12px' }}>
        <Typography.Text strong>{t.pageTitle}</Typography.Text>
        <LanguageSwitch />
      </Flex>
      <main style={{ width: '100%', maxWidth: 640, margin: '0 auto', padding: '0 12px 48px' }}>{body}</main>
    </Flex>
  );
}

function PortalError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT(portalMessages);
  const lang = useLang();
  if (isApiError(error) && error.status === 404) {
    return <Result status="warning" title={t.invalidLink} data-testid="portal-invalid" />;
  }
  const title = isApiError(error) && error.status === 429 ? errorText(error, lang) : t.loadFailed;
  return (
    <Result
      status="error"
      title={title}
      subTitle={isApiError(error) && error.status === 429 ? null : errorText(error, lang)}
      extra={<Button onClick={onRetry}>{t.retry}</Button>}
    />
  );
}

function PortalContent({ token, view }: { token: string; view: PortalView }) {
  const t = useT(portalMessages);
  return (
    <Flex vertical gap={12}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="portal-project">
          {view.projectName}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t.contact}>
            {view.districtName} {view.unitName}
          </Descriptions.Item>
          {view.contactOfficer ? (
            <Descriptions.Item label={t.contactOfficer}>
              {view.contactOfficer}
              {view.contactPhone ? (
                <a href={`tel:${view.contactPhone}`} style={{ marginLeft: 8 }}>
                  <PhoneOutlined /> {view.contactPhone}
                </a>
              ) : null}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <ReportForm token={token} view={view} />
      <Card title={t.mineTitle} data-testid="portal-mine">
        {view.problems.length === 0 ? (
          <Empty description={t.mineEmpty} />
        ) : (
          <Flex vertical gap={12}>
            {view.problems.map((p) => (
              <ProblemItem key={p.id} token={token} problem={p} />
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

interface ReportValues {
  category: PortalProblem['category'];
  title: string;
  description: string;
  contactName?: string;
}

function ReportForm({ token, view }: { token: string; view: PortalView }) {
  const t = useT(portalMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const report = useReportProblem(token);
  const maxMb = view.maxFileBytes / 1024 / 1024;

  const submit = async (values: ReportValues) => {
    setBusy(true);
    setFileErrors([]);
    try {
      const created = await report.mutateAsync({
        category: values.category,
        title: values.title,
        description: values.description,
        contactName: values.contactName?.trim() ? values.contactName : null,
      });
      // The problem exists now; a refused file is reported without undoing it.
      const failed: string[] = [];
      for (const f of files) {
        if (!f.originFileObj) continue;
        try {
          await uploadPortalFile(token, created.id, f.originFileObj);
        } catch (err) {
          failed.push(t.fileFailed(f.name, errorText(err, lang)));
        }
      }
      setFileErrors(failed);
      form.resetFields();
      setFiles([]);
      void message.success(t.submitted);
      await refreshPortalPage(token);
    } catch (err) {
      applyFieldErrors(form, err, lang);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t.reportTitle} data-testid="portal-report">
      <Typography.Paragraph type="secondary">{t.reportIntro}</Typography.Paragraph>
      <ApiErrorAlert error={report.error} />
      {fileErrors.map((e) => (
        <Alert key={e} type="warning" showIcon title={e} style={{ marginBottom: 8 }} />
      ))}
      <Form<ReportValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item
          name="category"
          label={t.category}
          rules={[{ required: true, message: t.categoryRequired }]}
        >
          <Select
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t.title}
          rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t.titleRequired }]}
        >
          <Input maxLength={100} placeholder={t.titlePlaceholder} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t.description}
          rules={[{ required: true, whitespace: true, max: 2000, message: t.descriptionRequired }]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t.descriptionPlaceholder} />
        </Form.Item>
        <Form.Item name="contactName" label={t.contactName} rules={[{ max: 40 }]}>
          <Input maxLength={40} placeholder={t.contactPlaceholder} autoComplete="name" />
        </Form.Item>
        <Form.Item label={t.files} extra={t.filesHint(view.maxFiles, maxMb)}>
          <Upload
            accept={ACCEPT}
            multiple
            maxCount={view.maxFiles}
            fileList={files}
            beforeUpload={(file) => {
              if (file.size > view.maxFileBytes) {
                void message.error(t.fileTooLarge(file.name, maxMb));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, view.maxFiles))}
          >
            <Button icon={<UploadOutlined />} disabled={files.length >= view.maxFiles}>
              {t.chooseFile}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t.submit}
        </Button>
      </Form>
    </Card>
  );
}

function ProblemItem({ token, problem: p }: { token: string; problem: PortalProblem }) {
  const t = useT(portalMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const respond = useRespond(token);
  const [reopening, setReopening] = useState(false);

  return (
    <Card size="small" type="inner" data-testid="portal-problem">
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={pre}>
          {p.title}
        </Typography.Text>
        <Tag color={STATUS_COLOR[p.status]} style={{ marginInlineEnd: 0 }}>
          {t.statusLabels[p.status]}
        </Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {PROBLEM_CATEGORY_LABELS[p.category][lang]} · {t.reportedAt} {formatDateTime(p.createdAt)}
        {p.contactName ? ` · ${p.contactName}` : ''}
      </Typography.Text>
      <Typography.Paragraph style={{ ...pre, marginTop: 8 }} data-testid="portal-problem-description">
        {p.description}
      </Typography.Paragraph>
      {p.files.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          <PaperClipOutlined /> {p.files.map((f) => f.filename).join('、')}
        </Typography.Paragraph>
      ) : null}
      {p.departmentName ? (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          {t.department}：{p.departmentName}
        </Typography.Paragraph>
      ) : null}
      {p.reply ? (
        <Alert
          type="info"
          data-testid="portal-reply"
          title={`${t.reply}（${formatDateTime(p.repliedAt)}）`}
          description={<span style={pre}>{p.reply}</span>}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.timeline}
      </Typography.Text>
      <Timeline
        style={{ marginTop: 8, marginBottom: 0 }}
        items={p.steps.map((s, i) => ({
          key: `${s.kind}-${i}`,
          content: (
            <>
              <Typography.Text>{t.stepLabels[s.kind] ?? s.kind}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(s.at)}
              </Typography.Text>
              {s.note && s.kind !== 'replied' ? <div style={pre}>{s.note}</div> : null}
            </>
          ),
        }))}
      />
      {p.canRespond ? (
        <Flex gap={8} wrap>
          <Popconfirm
            title={t.confirmAsk}
            okText={t.confirm}
            cancelText={t.cancel}
            onConfirm={() =>
              respond.mutateAsync({ problemId: p.id, kind: 'confirm' }).then(
                () => void message.success(t.confirmed),
                (err) => void message.error(errorText(err, lang)),
              )
            }
          >
            <Button type="primary">{t.confirm}</Button>
          </Popconfirm>
          <Button onClick={() => setReopening(true)}>{t.reopen}</Button>
        </Flex>
      ) : null}
      <ReopenModal
        open={reopening}
        onClose={() => setReopening(false)}
        onSubmit={async (reason) => {
          await respond.mutateAsync({ problemId: p.id, kind: 'reopen', reason });
          setReopening(false);
          void message.success(t.reopened);
        }}
      />
    </Card>
  );
}

function ReopenModal(props: {
  open: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const t = useT(portalMessages);
  const lang = useLang();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await props.onSubmit(reason);
      setError(null);
    } catch (err) {
      if (!applyFieldErrors(form, err, lang)) setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={t.reopenTitle}
      okText={t.reopenSubmit}
      cancelText={t.cancel}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <ApiErrorAlert error={error} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t.reopenReason}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t.reopenRequired }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
