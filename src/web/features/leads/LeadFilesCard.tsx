import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, List, Popconfirm, Typography, Upload } from 'antd';
import { api, errorText } from '../../app/api.js';
import { defineMessages, useLang, useT } from '../../app/i18n.js';
import { queryClient } from '../../app/query-client.js';
import { ATTACHMENT_ACCEPT } from '../projects/EvidenceUpload.js';
import { formatBytes } from '../projects/project-format.js';

interface LeadFile {
  id: string;
  filename: string;
  sizeBytes: number;
  uploadedAt: string;
}

const messages = defineMessages({
  zh: {
    title: '线索资料',
    upload: '上传资料',
    help: '投资意向书、企业简介、洽谈纪要等；PDF、图片、Word、Excel，单个不超过 10 MB。',
    empty: '暂无资料',
    remove: '删除',
    removeConfirm: (name: string) => `删除「${name}」？`,
    uploaded: (name: string) => `已上传：${name}`,
  },
  en: {
    title: 'Documents',
    upload: 'Upload',
    help: 'Letter of intent, company profile, meeting minutes; PDF, images, Word, Excel, up to 10 MB each.',
    empty: 'No documents',
    remove: 'Remove',
    removeConfirm: (name: string) => `Remove “${name}”?`,
    uploaded: (name: string) => `Uploaded: ${name}`,
  },
});

const key = (leadId: string) => ['leads', 'files', leadId] as const;

/** 线索资料: the lead's own unit adds and removes them; whoever may read the lead may download them. */
export function LeadFilesCard({ leadId, writable }: { leadId: string; writable: boolean }) {
  const t = useT(messages);
  const lang = useLang();
  const { message } = App.useApp();
  const files = useQuery({
    queryKey: key(leadId),
    queryFn: () => api.get<LeadFile[]>(`/api/leads/${leadId}/files`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key(leadId) });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<LeadFile>(`/api/leads/${leadId}/files`, form);
    },
    onSuccess: (f) => {
      void message.success(t.uploaded(f.filename));
      return refresh();
    },
    onError: (err) => void message.error(errorText(err, lang), 8),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<null>(`/api/leads/${leadId}/files/${id}`),
    onSuccess: refresh,
    onError: (err) => void message.error(errorText(err, lang), 8),
  });

  return (
    <Card
      title={t.title}
      size="small"
      data-testid="lead-files"
      extra={
        writable ? (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file);
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
      {writable ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t.help}
        </Typography.Paragraph>
      ) : null}
      <List<LeadFile>
        size="small"
        loading={files.isLoading}
        dataSource={files.data ?? []}
        locale={{ emptyText: t.empty }}
        renderItem={(f) => (
          <List.Item
            actions={
              writable
                ? [
                    <Popconfirm
                      key="remove"
                      title={t.removeConfirm(f.filename)}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutateAsync(f.id)}
                    >
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t.remove}
                      />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex gap={8} wrap>
              <a href={`/api/attachments/${f.id}`} download={f.filename}>
                <DownloadOutlined /> {f.filename}
              </a>
              <Typography.Text type="secondary">{formatBytes(f.sizeBytes)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
