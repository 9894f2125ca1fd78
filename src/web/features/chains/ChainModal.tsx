import { App, Form, Input, Modal } from 'antd';
import type { ChainSummary } from '../../../domain/network/chains.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useCreateChain, useUpdateChain } from './chains.api.js';
import { chainsMessages } from './chains.messages.js';

/** Create a chain, or rename and describe one (the center). */
export function ChainModal(props: {
  chain?: Pick<ChainSummary, 'id' | 'name' | 'description'>;
  onClose: (createdId?: string) => void;
}) {
  const t = useT(chainsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const create = useCreateChain();
  const update = useUpdateChain(props.chain?.id ?? '');
  const mutation = props.chain ? update : create;
  return (
    <Modal
      open
      title={props.chain ? t.editChain : t.newChain}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
    >
      <Form
        form={form}
        name="chain"
        layout="vertical"
        initialValues={{ name: props.chain?.name, description: props.chain?.description ?? '' }}
        onFinish={(v) =>
          mutation.mutate(
            { name: v.name.trim(), description: v.description?.trim() || null },
            {
              onSuccess: (chain) => {
                void message.success(t.saved);
                props.onClose(chain.id);
              },
              onError: (err) => applyFieldErrors(form, err, lang),
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t.name}
          rules={[{ required: true, whitespace: true, message: t.required }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="description" label={t.description}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={mutation.error} />
    </Modal>
  );
}
