import { CopyOutlined, LinkOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { PortalLinkView } from '../../../domain/portal/portal.schemas.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { copyText } from '../../components/copy-text.js';
import { useCreatePortalLink, usePortalLinks, useRevokePortalLink } from './portal.api.js';
import { portalMessages } from './portal.messages.js';

/**
 * 企业服务链接 on the project page: the links handed to the project's investor. A new link's address is shown
 * once, right after it is made (the server keeps only its hash); afterwards the list says who it was for, when it
 * was last used and whether it was revoked.
 */
export function PortalLinks({ project }: { project: ProjectView }) {
  const t = useT(portalMessages);
  const can = useCan();
  if (!can('landing.write')) return <Typography.Text type="secondary">{t.noWrite}</Typography.Text>;
  return <PortalLinksTable projectId={project.id} />;
}

function PortalLinksTable({ projectId }: { projectId: string }) {
  const t = useT(portalMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const links = usePortalLinks(projectId);
  const revoke = useRevokePortalLink(projectId);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);

  const columns: TableColumnsType<PortalLinkView> = [
    { title: t.label, dataIndex: 'label', render: (v: string) => <Typography.Text>{v}</Typography.Text> },
    {
      title: t.status,
      key: 'status',
      render: (_, l) => (l.revokedAt ? <Tag>{t.revoked}</Tag> : <Tag color="success">{t.active}</Tag>),
    },
    { title: t.createdAt, dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t.createdBy, dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
    {
      title: t.lastUsedAt,
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t.never),
    },
    { title: t.problemCount, dataIndex: 'problemCount', align: 'right' },
    {
      title: t.actions,
      key: 'actions',
      render: (_, l) =>
        l.revokedAt ? null : (
          <Popconfirm
            title={t.revokeConfirm}
            okText={t.revokeOk}
            cancelText={t.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke.mutateAsync(l.id).then(
                () => void message.success(t.revokedToast),
                (err) => void message.error(errorText(err, lang)),
              )
            }
          >
            <Button size="small" danger aria-label={`${t.revoke} ${l.label}`}>
              {t.revoke}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="portal-links">
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t.linksIntro}</Typography.Text>
        <Button type="primary" icon={<LinkOutlined />} onClick={() => setCreating(true)}>
          {t.create}
        </Button>
      </Flex>
      {links.isError ? <ApiErrorAlert error={links.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={links.data ?? []}
        loading={links.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t.empty }}
      />
      <CreateLinkModal
        projectId={projectId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(path) => {
          setCreating(false);
          setShown(`${window.location.origin}${path}`);
        }}
      />
      <ShownOnceModal url={shown} onClose={() => setShown(null)} />
    </Flex>
  );
}

function CreateLinkModal(props: {
  projectId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (path: string) => void;
}) {
  const t = useT(portalMessages);
  const [form] = Form.useForm<{ label: string }>();
  const create = useCreatePortalLink(props.projectId);
  const submit = async () => {
    const { label } = await form.validateFields();
    const created = await create.mutateAsync({ label });
    form.resetFields();
    props.onCreated(created.path);
  };
  return (
    <Modal
      open={props.open}
      title={t.createTitle}
      okText={t.create}
      cancelText={t.cancel}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => {
        create.reset();
        props.onClose();
      }}
      destroyOnHidden
    >
      <ApiErrorAlert error={create.error} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="label"
          label={t.label}
          extra={t.labelHint}
          rules={[{ required: true, whitespace: true, max: 60, message: t.labelRequired }]}
        >
          <Input maxLength={60} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The address of a new link, exactly once; only the explicit button closes it (like a one-time password). */
function ShownOnceModal({ url, onClose }: { url: string | null; onClose: () => void }) {
  const t = useT(portalMessages);
  const { message } = App.useApp();
  const copy = async () => {
    if (!url) return;
    if (await copyText(url)) void message.success(t.copied);
    else void message.error(t.copyFailed);
  };
  return (
    <Modal
      open={url !== null}
      title={t.createdTitle}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t.close}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t.onceWarning}
        description={t.onceText}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph
        code
        data-testid="portal-link-url"
        style={{ wordBreak: 'break-all', userSelect: 'all', fontSize: 14 }}
      >
        {url}
      </Typography.Paragraph>
      <Button icon={<CopyOutlined />} onClick={() => void copy()}>
        {t.copy}
      </Button>
    </Modal>
  );
}
