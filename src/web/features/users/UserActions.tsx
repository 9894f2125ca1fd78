import { App, Button, Popconfirm, Space } from 'antd';
import type { UserView } from '../../../domain/accounts/accounts.schemas.js';
import { errorText } from '../../app/api.js';
import { useLang, useT } from '../../app/i18n.js';
import type { OneTimePassword } from '../../components/OneTimePasswordModal.js';
import { isLocked } from './UserStatusTags.js';
import { splitRoles } from './user-roles.js';
import { type UserAction, useResetPassword, useUserAction } from './users.api.js';
import { usersMessages } from './users.messages.js';

/**
 * Row actions. users.manage: edit, disable/enable, unlock, reset password; roles.manage_security: the 三员
 * role. Nobody acts on their own account here, and a 三员 account's password is reset on the server only.
 */
export function UserActions(props: {
  user: UserView;
  isSelf: boolean;
  canManage: boolean;
  canManageSecurity: boolean;
  onEdit: (user: UserView) => void;
  onSecurityRole: (user: UserView) => void;
  onPassword: (otp: OneTimePassword) => void;
}) {
  const { user, isSelf } = props;
  const t = useT(usersMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const action = useUserAction();
  const reset = useResetPassword();
  const done: Record<UserAction, string> = { disable: t.disabled, enable: t.enabled, unlock: t.unlocked };
  const onError = (err: unknown) => void message.error(errorText(err, lang));
  const securityAccount = splitRoles(user.roles).security.length > 0;

  const run = (a: UserAction) =>
    action.mutate({ id: user.id, action: a }, { onSuccess: () => void message.success(done[a]), onError });

  const resetPassword = () =>
    reset.mutate(user.id, {
      onSuccess: ({ oneTimePassword }) =>
        props.onPassword({ username: user.username, password: oneTimePassword }),
      onError,
    });

  return (
    <Space size={0} wrap>
      {props.canManage ? (
        <Button type="link" size="small" onClick={() => props.onEdit(user)}>
          {t.edit}
        </Button>
      ) : null}
      {props.canManage && !isSelf ? (
        user.status === 'active' ? (
          <Popconfirm
            title={t.disableConfirm}
            okText={t.confirm}
            cancelText={t.cancel}
            onConfirm={() => run('disable')}
          >
            <Button type="link" size="small" danger>
              {t.disable}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="link" size="small" onClick={() => run('enable')}>
            {t.enable}
          </Button>
        )
      ) : null}
      {props.canManage && isLocked(user) ? (
        <Button type="link" size="small" onClick={() => run('unlock')}>
          {t.unlock}
        </Button>
      ) : null}
      {props.canManage && !isSelf && !securityAccount ? (
        <Popconfirm title={t.resetConfirm} okText={t.confirm} cancelText={t.cancel} onConfirm={resetPassword}>
          <Button type="link" size="small" loading={reset.isPending}>
            {t.resetPassword}
          </Button>
        </Popconfirm>
      ) : null}
      {props.canManageSecurity && !isSelf ? (
        <Button type="link" size="small" onClick={() => props.onSecurityRole(user)}>
          {t.securityRoleAction}
        </Button>
      ) : null}
    </Space>
  );
}
