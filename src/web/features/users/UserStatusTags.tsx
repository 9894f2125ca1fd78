import { Flex, Tag } from 'antd';
import type { UserView } from '../../../domain/accounts/accounts.schemas.js';
import { isInFuture } from '../../app/dates.js';
import { useT } from '../../app/i18n.js';
import { usersMessages } from './users.messages.js';

export function isLocked(user: Pick<UserView, 'lockedUntil'>): boolean {
  return isInFuture(user.lockedUntil);
}

/** 正常 / 已禁用, plus 已锁定 and 须改密 when they apply. */
export function UserStatusTags({ user }: { user: UserView }) {
  const t = useT(usersMessages);
  const locked = isLocked(user);
  return (
    <Flex wrap gap={4}>
      {user.status === 'disabled' ? (
        <Tag color="red">{t.statusDisabled}</Tag>
      ) : locked ? null : (
        <Tag color="green">{t.statusActive}</Tag>
      )}
      {locked ? <Tag color="orange">{t.statusLocked}</Tag> : null}
      {user.mustChangePassword ? <Tag color="gold">{t.statusMustChange}</Tag> : null}
    </Flex>
  );
}
