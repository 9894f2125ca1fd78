import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Modal, Popconfirm, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../../app/api.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ATTACHMENT_ACCEPT } from '../projects/EvidenceUpload.js';
import { formatBytes } from '../projects/project-format.js';
import { useDeleteVoucher, useUploadVoucher, useVouchers, type VoucherView } from './capital.api.js';
import { capitalMessages } from './capital.messages.js';

/** A report's vouchers: download for anyone who sees the report, upload and delete while the month is editable. */
export function VouchersModal(props: {
  reportId: string;
  title: string;
  editable: boolean;
  onClose: () => void;
}) {
  const t = useT(capitalMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const list = useVouchers(props.reportId);
  const upload = useUploadVoucher();
  const remove = useDeleteVoucher();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => void list.refetch();

  return (
    <Modal open title={props.title} footer={null} onCancel={props.onClose} width={640}>
      {props.editable ? (
        <Flex vertical gap={4} style={{ marginBottom: 12 }}>
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              setError(null);
              upload.mutate(
                { reportId: props.reportId, file },
                {
                  onSuccess: (v) => {
                    void message.success(v.filename);
                    refresh();
                  },
                  onError: (err) => setError(errorText(err, lang)),
                },
              );
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t.upload}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.uploadHelp}
          </Typography.Text>
          {error ? (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      <Table<VoucherView>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t.noVouchers }}
        columns={[
          {
            title: t.vouchers,
            key: 'f',
            render: (_, v) => (
              <a href={`/api/attachments/${v.id}`} download={v.filename}>
                <DownloadOutlined /> {v.filename}
              </a>
            ),
          },
          { title: '', key: 's', align: 'right', render: (_, v) => formatBytes(v.sizeBytes) },
          { title: '', key: 'at', render: (_, v) => formatDateTime(v.uploadedAt) },
          ...(props.editable
            ? [
                {
                  title: '',
                  key: 'd',
                  render: (_: unknown, v: VoucherView) => (
                    <Popconfirm
                      title={t.delete}
                      onConfirm={() =>
                        remove.mutate(
                          { reportId: props.reportId, id: v.id },
                          { onSuccess: refresh, onError: (err) => setError(errorText(err, lang)) },
                        )
                      }
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t.delete} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Modal>
  );
}
