import { App, Form, Modal, Select } from 'antd';
import { ROLE_LABELS, SECURITY_ROLES, type SecurityRole } from '../../../domain/access/roles.js';
import type { UserView } from '../../../domain/accounts/accounts.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { roleSetRule, splitRoles } from './user-roles.js';
import { useSetSecurityRole } from './users.api.js';
import { usersMessages } from './users.messages.js';

const NONE = 'none';
type Choice = SecurityRole | typeof NONE;

/** 三员分立: the security administrator grants or removes exactly one of the three roles. */
export function SecurityRoleModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const t = useT(usersMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: Choice }>();
  const setRole = useSetSecurityRole();
  const { business, security } = splitRoles(user.roles);
  const roleRule = roleSetRule(t, lang, business);

  const submit = ({ role }: { role: Choice }) =>
    setRole.mutate(
      { id: user.id, role: role === NONE ? null : role },
      {
        onSuccess: () => {
          void message.success(t.saved);
          onClose();
        },
        onError: (err) => applyFieldErrors(form, err, lang),
      },
    );

  return (
    <Modal
      open
      title={t.securityRoleTitle(user.displayName)}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={setRole.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form<{ role: Choice }>
        form={form}
        name="security-role"
        layout="vertical"
        initialValues={{ role: security[0] ?? NONE }}
        onFinish={submit}
      >
        <Form.Item
          name="role"
          label={t.securityRole}
          extra={t.securityRoleHelp}
          rules={[
            {
              validator: (rule, value: Choice) => roleRule.validator(rule, value === NONE ? [] : [value]),
            },
          ]}
        >
          <Select<Choice>
            options={[
              { value: NONE, label: t.securityRoleNone },
              ...SECURITY_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] })),
            ]}
          />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={setRole.error} />
    </Modal>
  );
}
