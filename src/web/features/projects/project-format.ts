import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { chinaToday } from '../../../domain/dates.js';
import {
  formatMoneyAuto,
  formatWanUsd,
  formatWanYuan,
  MoneyInputError,
  parseWanUsd,
  parseWanYuan,
  yuanFromJson,
  yuanToJson,
} from '../../../domain/money/money.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import {
  EVIDENCE_KINDS,
  type EvidenceKind,
  type ProjectFacts,
  STAGES,
  type Stage,
} from '../../../domain/projects/stages.js';
import type { Lang } from '../../app/i18n.js';
import type { AttachmentView } from './projects.api.js';

const DASH = '—';

/** 元 on the wire → 「1.20 亿元」 or 「800.00 万元」. */
export function moneyAuto(yuan: string | null): string {
  if (yuan === null) return DASH;
  const { value, unit } = formatMoneyAuto(yuanFromJson(yuan));
  return `${value} ${unit}`;
}

/** 元 on the wire → 「12,000.00 万元」. */
export function moneyWan(yuan: string | null): string {
  return yuan === null ? DASH : `${formatWanYuan(yuanFromJson(yuan))} 万元`;
}

export function usdWan(cents: string | null): string {
  return cents === null ? DASH : `${formatWanUsd(yuanFromJson(cents))} 万美元`;
}

/** An amount as the form shows it for editing: 万元 (or 万美元) without separators or trailing zeros. */
function toTyped(formatted: string): string {
  const plain = formatted.replace(/,/g, '');
  return plain.includes('.') ? plain.replace(/0+$/, '').replace(/\.$/, '') : plain;
}

export function wanInput(yuan: string | null): string {
  return yuan === null ? '' : toTyped(formatWanYuan(yuanFromJson(yuan), { decimals: 4 }));
}

export function wanUsdInput(cents: string | null): string {
  return cents === null ? '' : toTyped(formatWanUsd(yuanFromJson(cents), { decimals: 6 }));
}

/** A typed 万元 amount → 元 on the wire; empty → null. Throws MoneyInputError. */
export function wanToYuan(typed: string | undefined | null): string | null {
  return typed?.trim() ? yuanToJson(parseWanYuan(typed)) : null;
}

export function wanUsdToCents(typed: string | undefined | null): string | null {
  return typed?.trim() ? yuanToJson(parseWanUsd(typed)) : null;
}

/** An antd Form rule for a typed amount, with money.ts's own message; `positive` refuses 0. */
export function amountRule(lang: Lang, opts: { usd?: boolean; positive?: string } = {}) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return;
      try {
        const amount = opts.usd ? parseWanUsd(value) : parseWanYuan(value);
        if (opts.positive && amount <= 0n) throw new Error(opts.positive);
      } catch (err) {
        if (err instanceof MoneyInputError) throw new Error(lang === 'zh' ? err.messageZh : err.message);
        throw err;
      }
    },
  };
}

export const formatDay = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const parseDay = (s: string | null): Dayjs | null => (s ? dayjs(s, 'YYYY-MM-DD') : null);

/** Today in China (the server's calendar), and a DatePicker rule against days after it. */
export const todayInChina = (): string => chinaToday(new Date());
export const afterToday = (d: Dayjs): boolean => d.format('YYYY-MM-DD') > todayInChina();

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const isStage = (s: string | null): s is Stage => (STAGES as readonly (string | null)[]).includes(s);
const isEvidence = (k: string): k is EvidenceKind => (EVIDENCE_KINDS as readonly string[]).includes(k);

/** What the stage machine looks at, from the project as loaded and the kinds of its files. */
export function factsOf(
  project: ProjectView,
  attachments: readonly Pick<AttachmentView, 'kind'>[],
): ProjectFacts {
  return {
    stage: project.stage,
    stageBeforeHold: isStage(project.stageBeforeHold) ? project.stageBeforeHold : null,
    signingDate: project.signingDate,
    agreementType: project.agreementType,
    signedAmountYuan: project.signedAmountYuan === null ? null : yuanFromJson(project.signedAmountYuan),
    landedDate: project.landedDate,
    startDate: project.startDate,
    productionDate: project.productionDate,
    evidence: [...new Set(attachments.map((a) => a.kind).filter(isEvidence))],
  };
}

/** FIELD_LABELS and EVIDENCE_KIND_LABELS are lower case in English (they sit inside sentences). */
export function label(l: { zh: string; en: string }, lang: Lang): string {
  return lang === 'zh' ? l.zh : l.en.charAt(0).toUpperCase() + l.en.slice(1);
}
