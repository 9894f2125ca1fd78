import { Flex, Select, Typography } from 'antd';
import { INDICATOR_KEYS, type IndicatorKey } from '../../../domain/indicators/catalogue.js';
import { useLang } from '../../app/i18n.js';
import { useCatalogue } from './targets.api.js';

/** The "which indicators" picker of the targets grid and the progress page; keeps the catalogue's order. */
export function IndicatorPicker(props: {
  label: string;
  value: IndicatorKey[];
  onChange: (keys: IndicatorKey[]) => void;
}) {
  const lang = useLang();
  const catalogue = useCatalogue();
  return (
    <Flex gap={8} align="center" wrap>
      <Typography.Text>{props.label}</Typography.Text>
      <Select<IndicatorKey[]>
        mode="multiple"
        aria-label={props.label}
        style={{ minWidth: 360, flex: 1 }}
        value={props.value}
        onChange={(v) => props.onChange(INDICATOR_KEYS.filter((k) => v.includes(k)))}
        options={(catalogue.data ?? []).map((e) => ({ value: e.key, label: e.name[lang] }))}
      />
    </Flex>
  );
}
