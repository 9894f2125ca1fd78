import { Select } from 'antd';
import { BUSINESS_ROLES, type BusinessRole, ROLE_LABELS } from '../../../domain/access/roles.js';
import { useLang } from '../../app/i18n.js';

/** Business roles with their Chinese (or English) labels. */
export function BusinessRoleSelect(props: {
  value?: BusinessRole[];
  onChange?: (roles: BusinessRole[]) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
}) {
  const lang = useLang();
  return (
    <Select<BusinessRole[]>
      id={props.id}
      mode="multiple"
      allowClear
      value={props.value}
      onChange={props.onChange}
      disabled={props.disabled}
      placeholder={props.placeholder}
      showSearch={{ optionFilterProp: 'label' }}
      options={BUSINESS_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
    />
  );
}
