import { App, Form, Input, Modal, Select } from 'antd';
import type { ChainDetail, ChainLinkNode } from '../../../domain/network/chains.schemas.js';
import {
  CHAIN_SEGMENT_LABELS,
  CHAIN_SEGMENTS,
  type ChainSegment,
} from '../../../domain/network/network-codes.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useAddLink, useUpdateLink } from './chains.api.js';
import { chainsMessages } from './chains.messages.js';

interface Values {
  name: string;
  segment: ChainSegment;
  parentId: string;
}
const TOP = '';

/** One form to add a link (at the top of a segment or under a parent) and to rename or move one. */
export function LinkModal(props: {
  chain: ChainDetail;
  /** editing this link; otherwise adding */
  link?: ChainLinkNode;
  /** adding under this link */
  parent?: ChainLinkNode;
  onClose: () => void;
}) {
  const t = useT(chainsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Under a parent, a link sits in the parent's segment (the server keeps it so).
  const parentChosen = (Form.useWatch('parentId', form) ?? TOP) !== TOP;
  const add = useAddLink(props.chain.id);
  const update = useUpdateLink(props.chain.id);
  const mutation = props.link ? update : add;
  // A link cannot move under itself or its own sub-links.
  const branch = new Set<string>();
  if (props.link) {
    branch.add(props.link.id);
    for (const l of props.chain.links) if (l.parentId && branch.has(l.parentId)) branch.add(l.id);
  }
  const parents = props.chain.links.filter((l) => !branch.has(l.id));
  const done = () => {
    void message.success(t.saved);
    props.onClose();
  };
  return (
    <Modal
      open
      title={props.link ? t.rename : props.parent ? `${t.addChild}：${props.parent.name}` : t.addLink}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        name="chain-link"
        layout="vertical"
        initialValues={{
          name: props.link?.name,
          segment: props.link?.segment ?? props.parent?.segment ?? 'upstream',
          parentId: props.link?.parentId ?? props.parent?.id ?? TOP,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          const p = changed.parentId ? props.chain.links.find((l) => l.id === changed.parentId) : undefined;
          if (p) form.setFieldValue('segment', p.segment);
        }}
        onFinish={(v) => {
          const parentId = v.parentId === TOP ? null : v.parentId;
          const onError = (err: unknown) => applyFieldErrors(form, err, lang);
          if (props.link) {
            update.mutate(
              { linkId: props.link.id, name: v.name.trim(), segment: v.segment, parentId },
              { onSuccess: done, onError },
            );
          } else {
            add.mutate({ name: v.name.trim(), segment: v.segment, parentId }, { onSuccess: done, onError });
          }
        }}
      >
        <Form.Item
          name="name"
          label={t.link}
          rules={[{ required: true, whitespace: true, message: t.required }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="parentId" label={t.parent}>
          <Select
            options={[
              { value: TOP, label: t.topLevel },
              ...parents.map((l) => ({ value: l.id, label: `${'　'.repeat(l.depth)}${l.name}` })),
            ]}
          />
        </Form.Item>
        <Form.Item name="segment" label={t.segment} rules={[{ required: true, message: t.required }]}>
          <Select
            disabled={parentChosen}
            options={CHAIN_SEGMENTS.map((s) => ({ value: s, label: CHAIN_SEGMENT_LABELS[s][lang] }))}
          />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={mutation.error} />
    </Modal>
  );
}
