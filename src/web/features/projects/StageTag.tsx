import { Tag } from 'antd';
import { STAGE_LABELS, type Stage } from '../../../domain/projects/stages.js';
import { useLang } from '../../app/i18n.js';

/** One colour per stage, warming up along the main path; the two holds stand apart. */
export const STAGE_COLORS: Record<Stage, string> = {
  negotiating: 'blue',
  signed: 'cyan',
  landed: 'geekblue',
  started: 'orange',
  producing: 'green',
  paused: 'gold',
  withdrawn: 'default',
};

export function StageTag({ stage }: { stage: Stage }) {
  const lang = useLang();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="stage-tag" style={{ marginInlineEnd: 0 }}>
      {STAGE_LABELS[stage][lang]}
    </Tag>
  );
}
