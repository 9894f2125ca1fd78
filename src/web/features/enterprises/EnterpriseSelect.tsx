import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select } from 'antd';
import { useState } from 'react';
import type { EnterpriseView } from '../../../domain/enterprises/enterprises.schemas.js';
import { useT } from '../../app/i18n.js';
import { useDebounced } from '../../app/use-debounced.js';
import { EnterpriseFormModal } from './EnterpriseFormModal.js';
import { useEnterprises } from './enterprises.api.js';
import { enterprisesMessages } from './enterprises.messages.js';

interface Option {
  value: string;
  label: string;
}

/**
 * An antd Form control (value = enterprise id): searches the district's enterprises as the person types, and
 * 新增企业 enters a new one (or links to the existing twin) and selects it.
 */
export function EnterpriseSelect(props: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The name of the enterprise already chosen (editing), shown before any search has loaded it. */
  initialLabel?: string | null;
}) {
  const t = useT(enterprisesMessages);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [adding, setAdding] = useState(false);
  const [known, setKnown] = useState<Option[]>(() =>
    props.value && props.initialLabel ? [{ value: props.value, label: props.initialLabel }] : [],
  );
  const enterprises = useEnterprises({ q: q || undefined, page: 1, pageSize: 20 });

  const found: Option[] = (enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  // The selected enterprise stays labelled even when the current search does not list it.
  const options = [
    ...found,
    ...known.filter((k) => k.value === props.value && !found.some((f) => f.value === k.value)),
  ];

  const choose = (e: EnterpriseView) => {
    setKnown((list) => [...list.filter((k) => k.value !== e.id), { value: e.id, label: e.name }]);
    props.onChange?.(e.id);
  };

  return (
    <Flex gap={8} wrap>
      <Select<string>
        id={props.id}
        value={props.value ?? undefined}
        onChange={(value) => {
          const option = found.find((f) => f.value === value);
          if (option) setKnown((list) => [...list.filter((k) => k.value !== value), option]);
          props.onChange?.(value ?? null);
        }}
        allowClear
        placeholder={t.searchPlaceholder}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
        onOpenChange={(open) => {
          if (!open) setSearch('');
        }}
        options={options}
        loading={enterprises.isFetching}
        notFoundContent={enterprises.isFetching ? undefined : t.noMatch}
        style={{ flex: '1 1 220px', minWidth: 0 }}
      />
      <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
        {t.addEnterprise}
      </Button>
      {adding ? (
        <EnterpriseFormModal
          forProject
          initialName={search.trim() || undefined}
          onClose={(chosen) => {
            setAdding(false);
            if (chosen) choose(chosen);
          }}
        />
      ) : null}
    </Flex>
  );
}
