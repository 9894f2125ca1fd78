import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';
import { errorText } from '../../app/api.js';
import { useCan } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { BulletinDocument } from './BulletinDocument.js';
import { BulletinStatusTag, usePeriodText } from './BulletinsListPage.js';
import { fileUrl, useBulletin, useBulletinAction } from './bulletins.api.js';
import { bulletinsMessages } from './bulletins.messages.js';

/** One version of a period's bulletin: its status among the period's versions, the actions, the document. */
export function BulletinDetailPage() {
  const { bulletinId = '' } = useParams();
  const navigate = useNavigate();
  const t = useT(bulletinsMessages);
  const lang = useLang();
  const can = useCan();
  const manage = can('assessment.manage');
  const { message } = App.useApp();
  const q = useBulletin(bulletinId);
  const action = useBulletinAction();
  const periodText = usePeriodText();
  const [correcting, setCorrecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  if (q.isLoading) return <Spin />;
  if (q.isError || !q.data) return <Result status="404" title={errorText(q.error, lang)} />;
  const b = q.data;
  const snapshot = b.snapshot as BulletinSnapshot;
  const fail = (err: unknown) => void message.error(errorText(err, lang));
  const go = (id: string) => navigate(`/bulletins/${id}`);

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            <span>{`${periodText(b)} ${b.kind === 'month' ? t.kindMonth : t.kindQuarter}`}</span>
            <Tag>{t.versionLabel(b.version)}</Tag>
            <BulletinStatusTag status={b.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {manage && b.status === 'draft' ? (
              <>
                <Button
                  icon={<ReloadOutlined />}
                  loading={action.isPending && action.variables?.action === 'refresh'}
                  onClick={() =>
                    action.mutate(
                      { id: b.id, action: 'refresh' },
                      { onSuccess: () => void message.success(t.refreshed), onError: fail },
                    )
                  }
                >
                  {t.refresh}
                </Button>
                {b.latest ? (
                  <Popconfirm
                    title={t.publishConfirmTitle}
                    description={<div style={{ maxWidth: 360 }}>{t.publishConfirm}</div>}
                    okText={t.publish}
                    cancelText={t.cancel}
                    onConfirm={() =>
                      action.mutate(
                        { id: b.id, action: 'publish' },
                        { onSuccess: () => void message.success(t.publishOk), onError: fail },
                      )
                    }
                  >
                    <Button
                      type="primary"
                      loading={action.isPending && action.variables?.action === 'publish'}
                    >
                      {t.publish}
                    </Button>
                  </Popconfirm>
                ) : null}
              </>
            ) : null}
            {manage && b.status === 'published' && b.latest ? (
              <Button onClick={() => setCorrecting(true)}>{t.correct}</Button>
            ) : null}
            <Button icon={<DownloadOutlined />} href={fileUrl(b.id, 'docx')}>
              {t.downloadDocx}
            </Button>
            <Button icon={<DownloadOutlined />} href={fileUrl(b.id, 'xlsx')}>
              {t.downloadXlsx}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/bulletins/${b.id}/print`)}>
              {t.print}
            </Button>
          </Space>
        }
      >
        {b.status === 'draft' ? (
          <Alert type="warning" showIcon title={t.draftNotice} />
        ) : (
          <Alert
            type={b.latest ? 'success' : 'info'}
            showIcon
            title={
              b.latest
                ? `${t.publishedNotice(formatDateTime(b.publishedAt))}${t.lockedNotice}`
                : t.supersededNotice
            }
          />
        )}
        {b.versions.length > 1 || b.reason ? (
          <section style={{ marginTop: 16 }} aria-label={t.versions}>
            <Typography.Text strong>{t.versions}</Typography.Text>
            <Steps
              size="small"
              direction="vertical"
              style={{ marginTop: 8 }}
              current={b.versions.findIndex((v) => v.id === b.id)}
              items={b.versions.map((v) => ({
                title: (
                  <Space>
                    {v.id === b.id ? (
                      <strong>{t.versionLabel(v.version)}</strong>
                    ) : (
                      <Typography.Link onClick={() => go(v.id)}>{t.versionLabel(v.version)}</Typography.Link>
                    )}
                    <BulletinStatusTag status={v.status} />
                    {v.latest ? <Tag color="blue">{t.latest}</Tag> : null}
                    {v.id === b.id ? <Tag>{t.current}</Tag> : null}
                  </Space>
                ),
                description: [
                  v.reason ? `${t.reason}：${v.reason}` : null,
                  v.publishedAt ? `${t.publishedAt}：${formatDateTime(v.publishedAt)}` : null,
                ]
                  .filter(Boolean)
                  .join('；'),
              }))}
            />
          </section>
        ) : null}
        {b.snapshotHash ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {t.snapshotHash}：
            <Typography.Text code copyable>
              {b.snapshotHash}
            </Typography.Text>
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card>
        <BulletinDocument snapshot={snapshot} variant="embedded" draft={b.status === 'draft'} />
      </Card>
      <Modal
        open={correcting}
        title={t.correctTitle}
        okText={t.correct}
        cancelText={t.cancel}
        confirmLoading={action.isPending}
        onCancel={() => setCorrecting(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Alert type="info" showIcon title={t.correctHint} style={{ marginBottom: 16 }} />
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            action.mutate(
              { id: b.id, action: 'correct', reason: v.reason.trim() },
              {
                onSuccess: (n) => {
                  void message.success(t.corrected);
                  setCorrecting(false);
                  go(n.id);
                },
                onError: fail,
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t.correctReason}
            rules={[{ required: true, whitespace: true, message: t.correctReasonRequired }, { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
