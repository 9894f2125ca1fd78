import type { CoverageState } from '../../../domain/network/chain-coverage.js';

/** The map's and the tags' colours per coverage state (green held, amber being worked on, red nobody). */
export const STATE_COLORS: Record<CoverageState, string> = {
  covered: '#52c41a',
  in_progress: '#faad14',
  gap: '#f5222d',
};
export const STATE_TAG: Record<CoverageState, string> = {
  covered: 'success',
  in_progress: 'warning',
  gap: 'error',
};
