import { Button, Card, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/access/roles.js';
import type { UserView } from '../../../domain/accounts/accounts.schemas.js';
import { useCan, useCurrentUser } from '../../app/auth.js';
import { formatDateTime } from '../../app/dates.js';
import { useLang, useT } from '../../app/i18n.js';
import { ErrorResult } from '../../components/ErrorResult.js';
import { type OneTimePassword, OneTimePasswordModal } from '../../components/OneTimePasswordModal.js';
import { RoleTags } from '../../components/RoleTags.js';
import { useRegions, useUnits } from '../organization/organization.api.js';
import { SecurityRoleModal } from './SecurityRoleModal.js';
import { UserActions } from './UserActions.js';
import { UserFormModal } from './UserFormModal.js';
import { UserStatusTags } from './UserStatusTags.js';
import { unitOptions } from './unit-options.js';
import { type UsersQuery, useUsers } from './users.api.js';
import { usersMessages } from './users.messages.js';

type Editing = { user: UserView | null } | null;

export function UsersListPage() {
  const t = useT(usersMessages);
  const lang = useLang();
  const can = useCan();
  const me = useCurrentUser();
  const canManage = can('users.manage');
  const canManageSecurity = can('roles.manage_security');
  const [query, setQuery] = useState<UsersQuery>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Editing>(null);
  const [otp, setOtp] = useState<OneTimePassword | null>(null);
  const [securityRoleOf, setSecurityRoleOf] = useState<UserView | null>(null);

  const users = useUsers(query);
  const units = useUnits({ includeInactive: true });
  const regions = useRegions();
  const filterUnits = unitOptions(units.data ?? [], regions.data ?? [], {
    inactiveSuffix: t.inactiveUnit,
    disableInactive: false,
  });
  const formUnits = unitOptions(units.data ?? [], regions.data ?? [], {
    inactiveSuffix: t.inactiveUnit,
    disableInactive: true,
    keepId: editing?.user?.unitId,
  });

  const filter = (patch: Partial<UsersQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const columns: TableColumnsType<UserView> = [
    { title: t.username, dataIndex: 'username', key: 'username' },
    { title: t.displayName, dataIndex: 'displayName', key: 'displayName' },
    { title: t.unit, dataIndex: 'unitName', key: 'unitName' },
    { title: t.roles, key: 'roles', render: (_, u) => <RoleTags roles={u.roles} /> },
    { title: t.status, key: 'status', render: (_, u) => <UserStatusTags user={u} /> },
    { title: t.lastLogin, key: 'lastLoginAt', render: (_, u) => formatDateTime(u.lastLoginAt) },
  ];
  if (canManage || canManageSecurity) {
    columns.push({
      title: t.actions,
      key: 'actions',
      render: (_, u) => (
        <UserActions
          user={u}
          isSelf={u.id === me.id}
          canManage={canManage}
          canManageSecurity={canManageSecurity}
          onEdit={(user) => setEditing({ user })}
          onSecurityRole={setSecurityRoleOf}
          onPassword={setOtp}
        />
      ),
    });
  }

  return (
    <Card
      title={t.title}
      extra={
        canManage ? (
          <Button type="primary" onClick={() => setEditing({ user: null })}>
            {t.addUser}
          </Button>
        ) : null
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t.searchLabel}
          placeholder={t.search}
          allowClear
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
        <Select<string>
          aria-label={t.unitFilter}
          placeholder={t.allUnits}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={filterUnits}
          value={query.unitId}
          onChange={(unitId) => filter({ unitId })}
          style={{ flex: '1 1 200px', maxWidth: 280 }}
        />
        <Select<Role>
          aria-label={t.roleFilter}
          placeholder={t.allRoles}
          allowClear
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
          value={query.role}
          onChange={(role) => filter({ role })}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
      </Flex>
      {users.isError ? (
        <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<UserView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t.total(n),
            onChange: (page, pageSize) =>
              setQuery((q) => ({ ...q, page: pageSize === q.pageSize ? page : 1, pageSize })),
          }}
        />
      )}
      {editing ? (
        <UserFormModal
          user={editing.user}
          unitOptions={formUnits}
          onClose={() => setEditing(null)}
          onCreated={setOtp}
        />
      ) : null}
      {securityRoleOf ? (
        <SecurityRoleModal user={securityRoleOf} onClose={() => setSecurityRoleOf(null)} />
      ) : null}
      <OneTimePasswordModal value={otp} onClose={() => setOtp(null)} />
    </Card>
  );
}
