import { Select, type SelectProps } from 'antd';
import { INDUSTRY_SECTIONS } from '../../domain/enterprises/industry.js';

const OPTIONS = INDUSTRY_SECTIONS.map((s) => ({
  label: `${s.code} ${s.zh}`,
  title: s.code,
  options: s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.zh}` })),
}));

/** A GB/T 4754 division (「C33 金属制品业」), grouped by section and found by code or name. */
export function IndustrySelect(props: Omit<SelectProps<string>, 'options' | 'showSearch'>) {
  return (
    <Select<string> allowClear showSearch={{ optionFilterProp: 'label' }} options={OPTIONS} {...props} />
  );
}
