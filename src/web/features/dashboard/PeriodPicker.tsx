import { DatePicker, Flex } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.js';
import { dashboardMessages } from './dashboard.messages.js';

// Its own module, loaded after the page: antd's DatePicker is ~35 KB gzipped, which the dashboard route's
// initial JavaScript (budget 500 KB) does not need to paint its figures.

/**
 * The dashboard's period: a year, and the last day counted within it. A new year counts to its end (or to
 * today for this year), so the cut-off is dropped; a cut-off carries its own year.
 */
export default function PeriodPicker(props: {
  year: number;
  cutoff: string;
  onChange: (next: { year?: number; cutoff?: string }) => void;
}) {
  const t = useT(dashboardMessages);
  const today = dayjs();
  return (
    <Flex gap={8} wrap data-testid="period-picker">
      <DatePicker
        picker="year"
        aria-label={t.pickYear}
        allowClear={false}
        value={dayjs(`${props.year}-01-01`)}
        disabledDate={(d: Dayjs) => d.year() > today.year()}
        onChange={(d: Dayjs | null) => d && props.onChange({ year: d.year(), cutoff: undefined })}
        style={{ width: 110 }}
      />
      <DatePicker
        aria-label={t.pickCutoff}
        allowClear={false}
        value={dayjs(props.cutoff)}
        disabledDate={(d: Dayjs) => d.year() !== props.year || d.isAfter(today, 'day')}
        onChange={(d: Dayjs | null) =>
          d && props.onChange({ year: d.year(), cutoff: d.format('YYYY-MM-DD') })
        }
        format={(d: Dayjs) => `${t.cutoffPrefix}${d.format('YYYY-MM-DD')}`}
        style={{ width: 170 }}
      />
    </Flex>
  );
}
