import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { EVIDENCE_KIND_LABELS } from '../../../domain/projects/stages.js';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import { formatBytes, label } from './project-format.js';
import { type AttachmentKind, type AttachmentView, useUploadAttachment } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';

const MAX_BYTES = 10 * 1024 * 1024;
/** What the server's content check lets through (attachments.service.ts), offered by every file picker. */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx';

export function kindLabel(kind: AttachmentKind, lang: 'zh' | 'en', other: string): string {
  return kind === 'other' ? other : label(EVIDENCE_KIND_LABELS[kind], lang);
}

/**
 * Picks a file and uploads it at once as one of `kinds` (a select appears when there is a choice). The server
 * reads the type from the bytes; its refusal (415, 413) is shown here, next to the button.
 */
export function EvidenceUpload(props: {
  projectId: string;
  kinds: readonly AttachmentKind[];
  buttonText?: string;
  onUploaded?: (a: AttachmentView) => void;
}) {
  const t = useT(projectsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const upload = useUploadAttachment();
  const [kind, setKind] = useState<AttachmentKind | undefined>(props.kinds[0]);
  const [error, setError] = useState<string | null>(null);

  const send = (file: File) => {
    setError(null);
    if (!kind) {
      setError(t.choose(t.uploadKind));
      return;
    }
    if (file.size > MAX_BYTES) {
      setError(t.tooLarge);
      return;
    }
    upload.mutate(
      { projectId: props.projectId, kind, file },
      {
        onSuccess: (a) => {
          void message.success(`${t.uploaded(a.filename)}（${formatBytes(a.sizeBytes)}）`);
          props.onUploaded?.(a);
        },
        onError: (err) => setError(errorText(err, lang)),
      },
    );
  };

  return (
    <Flex vertical gap={4}>
      <Flex gap={8} wrap>
        {props.kinds.length > 1 ? (
          <Select<AttachmentKind>
            aria-label={t.uploadKind}
            placeholder={t.uploadKind}
            value={kind}
            onChange={setKind}
            options={props.kinds.map((k) => ({ value: k, label: kindLabel(k, lang, t.otherKind) }))}
            style={{ flex: '1 1 160px', maxWidth: 240 }}
          />
        ) : null}
        <Upload
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          multiple={false}
          beforeUpload={(file) => {
            send(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {props.buttonText ?? t.upload}
          </Button>
        </Upload>
      </Flex>
      {error ? (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
