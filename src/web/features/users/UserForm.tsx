import { Form, type FormInstance, Input, Select } from 'antd';
import type { BusinessRole, SecurityRole } from '../../../domain/access/roles.js';
import { USERNAME_PATTERN } from '../../../domain/accounts/accounts.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { BusinessRoleSelect } from './BusinessRoleSelect.js';
import type { UnitOptions } from './unit-options.js';
import { roleSetRule } from './user-roles.js';
import { usersMessages } from './users.messages.js';

export interface UserFormValues {
  username: string;
  displayName: string;
  unitId: string;
  roles: BusinessRole[];
}

/**
 * Shared by create and edit. The user name is fixed once the account exists; the 三员 roles are not edited
 * here (the security administrator sets them separately), and a 三员 account holds no business role.
 */
export function UserForm(props: {
  form: FormInstance<UserFormValues>;
  mode: 'create' | 'edit';
  unitOptions: UnitOptions;
  initialValues: Partial<UserFormValues>;
  securityRoles: SecurityRole[];
  onFinish: (values: UserFormValues) => void;
}) {
  const t = useT(usersMessages);
  const lang = useLang();
  const securityAccount = props.securityRoles.length > 0;
  return (
    <Form<UserFormValues>
      form={props.form}
      name="user"
      layout="vertical"
      requiredMark="optional"
      initialValues={props.initialValues}
      onFinish={props.onFinish}
    >
      <Form.Item
        name="username"
        label={t.username}
        extra={props.mode === 'create' ? t.usernameHelp : undefined}
        rules={[
          { required: true, message: t.required(t.username) },
          { pattern: USERNAME_PATTERN, message: t.usernameInvalid },
        ]}
      >
        <Input autoComplete="off" disabled={props.mode === 'edit'} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t.displayName}
        rules={[{ required: true, whitespace: true, message: t.required(t.displayName) }, { max: 40 }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="unitId" label={t.unit} rules={[{ required: true, message: t.required(t.unit) }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={props.unitOptions} />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t.roles}
        extra={securityAccount ? t.securityAccountRoles : t.rolesHelp}
        rules={[roleSetRule(t, lang, props.securityRoles)]}
      >
        <BusinessRoleSelect disabled={securityAccount} placeholder={t.rolesPlaceholder} />
      </Form.Item>
    </Form>
  );
}
