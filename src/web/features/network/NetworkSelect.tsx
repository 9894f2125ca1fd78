import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/i18n.js';
import { useDebounced } from '../../app/use-debounced.js';
import { type NetworkOptionKind, useNetworkOptions } from './network.api.js';
import { networkMessages } from './network.messages.js';

/**
 * An antd Form control (value = id) that links a record to a referral source, an event or a chain link of the
 * district: searches by name or pinyin as the person types; the chosen value keeps its label (asked by id).
 */
export function NetworkSelect(props: {
  kind: NetworkOptionKind;
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  const t = useT(networkMessages);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const options = useNetworkOptions(props.kind, q, props.value ? [props.value] : []);
  const list = (options.data ?? []).map((o) => ({
    value: o.id,
    label: props.kind === 'event' && o.detail ? `${o.label}（${o.detail}）` : o.label,
  }));
  return (
    <Select<string>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? null)}
      allowClear
      disabled={props.disabled}
      placeholder={props.placeholder ?? t.placeholder[props.kind]}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      options={list}
      loading={options.isFetching}
      notFoundContent={options.isFetching ? undefined : t.noMatch}
      style={{ width: '100%' }}
    />
  );
}
