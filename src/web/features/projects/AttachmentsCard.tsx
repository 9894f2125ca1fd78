import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, type TableColumnsType, Typography } from 'antd';
import { EVIDENCE_KINDS } from '../../../domain/projects/stages.js';
import { errorText } from '../../app/api.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { EvidenceUpload, kindLabel } from './EvidenceUpload.js';
import { formatBytes } from './project-format.js';
import { type AttachmentKind, type AttachmentView, useRemoveAttachment } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';

const ALL_KINDS: AttachmentKind[] = [...EVIDENCE_KINDS, 'other'];

export function AttachmentsCard(props: {
  projectId: string;
  attachments: AttachmentView[];
  canWrite: boolean;
}) {
  const t = useT(projectsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const remove = useRemoveAttachment();
  const columns: TableColumnsType<AttachmentView> = [
    { title: t.kind, key: 'kind', render: (_, a) => kindLabel(a.kind, lang, t.otherKind) },
    {
      title: t.filename,
      key: 'filename',
      render: (_, a) => (
        <a href={`/api/attachments/${a.id}`} download={a.filename} title={t.download}>
          <DownloadOutlined /> {a.filename}
        </a>
      ),
    },
    { title: t.size, key: 'size', align: 'right', render: (_, a) => formatBytes(a.sizeBytes) },
    { title: t.uploadedAt, key: 'uploadedAt', render: (_, a) => formatDateTime(a.uploadedAt) },
  ];
  if (props.canWrite) {
    columns.push({
      title: '',
      key: 'remove',
      render: (_, a) => (
        // The server refuses to remove evidence the project's stage stands on, and says which.
        <Popconfirm
          title={t.removeFileConfirm(a.filename)}
          okText={t.removeFile}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove
              .mutateAsync({ projectId: props.projectId, attachmentId: a.id })
              .then(() => void message.success(t.fileRemoved))
              .catch((err: unknown) => void message.error(errorText(err, lang), 8))
          }
        >
          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t.removeFile} />
        </Popconfirm>
      ),
    });
  }
  return (
    <Card title={t.attachments} data-testid="attachments-card">
      {props.canWrite ? (
        <Flex vertical gap={4} style={{ marginBottom: 16 }}>
          <EvidenceUpload projectId={props.projectId} kinds={ALL_KINDS} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.uploadHelp}
          </Typography.Text>
        </Flex>
      ) : null}
      <Table<AttachmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={props.attachments}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t.noAttachments }}
      />
    </Card>
  );
}
