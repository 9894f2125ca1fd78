import { App, Form, Input, Modal, Radio } from 'antd';
import type { ChainLinkNode } from '../../../domain/network/chains.schemas.js';
import {
  LINK_ENTERPRISE_ROLE_LABELS,
  LINK_ENTERPRISE_ROLES,
  type LinkEnterpriseRole,
} from '../../../domain/network/network-codes.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.js';
import { usePlaceEnterprise } from './chains.api.js';
import { chainsMessages } from './chains.messages.js';

/** Place one of the district's enterprises on a link as its chain leader (链主) or an existing enterprise. */
export function PlaceEnterpriseModal(props: { chainId: string; link: ChainLinkNode; onClose: () => void }) {
  const t = useT(chainsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ enterpriseId: string; role: LinkEnterpriseRole; note?: string }>();
  const place = usePlaceEnterprise(props.chainId);
  return (
    <Modal
      open
      title={`${t.placeEnterprise}：${props.link.name}`}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={place.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        name="chain-enterprise"
        layout="vertical"
        initialValues={{ role: 'existing' }}
        onFinish={(v) =>
          place.mutate(
            {
              linkId: props.link.id,
              enterpriseId: v.enterpriseId,
              role: v.role,
              note: v.note?.trim() || null,
            },
            {
              onSuccess: () => {
                void message.success(t.saved);
                props.onClose();
              },
              onError: (err) => applyFieldErrors(form, err, lang),
            },
          )
        }
      >
        <Form.Item name="enterpriseId" label={t.enterprise} rules={[{ required: true, message: t.required }]}>
          <EnterpriseSelect />
        </Form.Item>
        <Form.Item name="role" label={t.role}>
          <Radio.Group
            options={LINK_ENTERPRISE_ROLES.map((r) => ({
              value: r,
              label: LINK_ENTERPRISE_ROLE_LABELS[r][lang],
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t.note}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={place.error} />
    </Modal>
  );
}
