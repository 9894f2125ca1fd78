import { Flex, Tag } from 'antd';
import { isSecurityRole, ROLE_LABELS, type Role } from '../../domain/access/roles.js';
import { useLang } from '../app/i18n.js';

function isRole(value: string): value is Role {
  return Object.hasOwn(ROLE_LABELS, value);
}

/** Roles in the reader's language; the 三员 roles stand out in purple. */
export function RoleTags({ roles }: { roles: readonly string[] }) {
  const lang = useLang();
  return (
    <Flex wrap gap={4}>
      {roles.map((r) =>
        isRole(r) ? (
          <Tag key={r} color={isSecurityRole(r) ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
            {ROLE_LABELS[r][lang]}
          </Tag>
        ) : (
          <Tag key={r} style={{ marginInlineEnd: 0 }}>
            {r}
          </Tag>
        ),
      )}
    </Flex>
  );
}

export function roleLabel(role: string, lang: 'zh' | 'en'): string {
  return Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as Role][lang] : role;
}
