import { DatePicker, Flex, Segmented } from 'antd';
import { useT } from '../../app/i18n.js';
import { formatDay, parseDay, todayInChina } from '../projects/project-format.js';
import { sourcesMessages } from './sources.messages.js';

export interface Period {
  from: string;
  to: string;
}
export type PeriodPreset = 'year' | 'quarter' | 'month';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** This year, quarter or month as whole China calendar periods (the outcome definitions count days inclusive). */
export function presetPeriod(preset: PeriodPreset, today = todayInChina()): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (preset === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  const first = preset === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  const last = preset === 'quarter' ? first + 2 : m;
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(lastDay(y, last))}` };
}

export function presetOf(p: Period): PeriodPreset | null {
  for (const preset of ['year', 'quarter', 'month'] as const) {
    const q = presetPeriod(preset);
    if (q.from === p.from && q.to === p.to) return preset;
  }
  return null;
}

/** The period of the figures: presets for the usual questions, any range for the rest. */
export function PeriodPicker(props: { value: Period; onChange: (p: Period) => void }) {
  const t = useT(sourcesMessages);
  const preset = presetOf(props.value);
  return (
    <Flex gap={8} wrap align="center">
      <Segmented<PeriodPreset | 'custom'>
        value={preset ?? 'custom'}
        options={[
          { value: 'year', label: t.thisYear },
          { value: 'quarter', label: t.thisQuarter },
          { value: 'month', label: t.thisMonth },
        ]}
        onChange={(v) => {
          if (v !== 'custom') props.onChange(presetPeriod(v));
        }}
      />
      <DatePicker.RangePicker
        aria-label={t.period}
        allowClear={false}
        value={[parseDay(props.value.from), parseDay(props.value.to)]}
        onChange={(range) => {
          const from = formatDay(range?.[0]);
          const to = formatDay(range?.[1]);
          if (from && to) props.onChange({ from, to });
        }}
      />
    </Flex>
  );
}
