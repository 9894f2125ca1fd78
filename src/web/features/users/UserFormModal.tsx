import { App, Form, Modal } from 'antd';
import type { UpdateUserInput, UserView } from '../../../domain/accounts/accounts.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import type { OneTimePassword } from '../../components/OneTimePasswordModal.js';
import { UserForm, type UserFormValues } from './UserForm.js';
import type { UnitOptions } from './unit-options.js';
import { splitRoles } from './user-roles.js';
import { useCreateUser, useUpdateUser } from './users.api.js';
import { usersMessages } from './users.messages.js';

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Mounted only while open. Edit sends only the fields that changed. */
export function UserFormModal(props: {
  user: UserView | null;
  unitOptions: UnitOptions;
  onClose: () => void;
  onCreated: (otp: OneTimePassword) => void;
}) {
  const t = useT(usersMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = props.user ? update : create;
  const roles = splitRoles(props.user?.roles ?? []);

  const initialValues: Partial<UserFormValues> = props.user
    ? {
        username: props.user.username,
        displayName: props.user.displayName,
        unitId: props.user.unitId,
        roles: roles.business,
      }
    : { roles: [] };

  const submit = (values: UserFormValues) => {
    const onError = (err: unknown) => applyFieldErrors(form, err, lang);
    const current = props.user;
    const displayName = values.displayName.trim();
    const businessRoles = values.roles ?? [];
    if (!current) {
      create.mutate(
        { username: values.username.trim(), displayName, unitId: values.unitId, roles: businessRoles },
        {
          onSuccess: ({ user, oneTimePassword }) => {
            props.onClose();
            props.onCreated({ username: user.username, password: oneTimePassword });
          },
          onError,
        },
      );
      return;
    }
    const patch: UpdateUserInput = {};
    if (displayName !== current.displayName) patch.displayName = displayName;
    if (values.unitId !== current.unitId) patch.unitId = values.unitId;
    if (!sameRoles(businessRoles, roles.business)) patch.roles = businessRoles;
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: current.id, patch },
      {
        onSuccess: () => {
          void message.success(t.saved);
          props.onClose();
        },
        onError,
      },
    );
  };

  return (
    <Modal
      open
      title={props.user ? t.editUser : t.addUser}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      mask={{ closable: false }}
    >
      <UserForm
        form={form}
        mode={props.user ? 'edit' : 'create'}
        unitOptions={props.unitOptions}
        initialValues={initialValues}
        securityRoles={roles.security}
        onFinish={submit}
      />
      <ApiErrorAlert error={mutation.error} />
    </Modal>
  );
}
