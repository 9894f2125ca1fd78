import { z } from 'zod';
import { isFutureMonth } from '../capital/capital.rules.js';
import { validateCreditCode } from '../enterprises/credit-code.js';
import { createEnterpriseInput } from '../enterprises/enterprises.schemas.js';
import { createLeadInput, LEAD_CHANNEL_LABELS } from '../leads/leads.schemas.js';
import { type CreateProjectInput, createProjectInput } from '../projects/projects.schemas.js';
import {
  AGREEMENT_TYPE_LABELS,
  checkStageFacts,
  describeMoveProblem,
  type MainStage,
  STAGE_LABELS,
} from '../projects/stages.js';
import {
  type CellValue,
  type Read,
  readAmount,
  readBool,
  readChoice,
  readDate,
  readInt,
  readMonth,
  readText,
} from './cell-values.js';
import type { ImportColumn, MatchedColumn } from './import-columns.js';
import { divisionCodeOf } from './industry-divisions.js';

// One spreadsheet row → the input the API would take, or the problems that stop it, each tied to the column
// it is about. Pure: the server looks up units, existing projects and enterprises before and after.

/** A problem of one row, by column key ('_row' when it concerns the whole row). */
export interface RowProblem {
  key: string;
  en: string;
  zh: string;
}

export interface UnitRef {
  id: string;
  name: string;
  /** Whether the importer may write this unit's rows (own unit for towns and departments, any for the center). */
  writable: boolean;
}

export interface RowContext {
  /** The district's active units by unitKey(name). */
  units: ReadonlyMap<string, UnitRef>;
  /** The unit a row without one goes to: the importer's own unit when they may write only that one. */
  defaultUnitId: string | null;
  today: string;
}

export type RowCells = ReadonlyMap<string, { value: CellValue; column: MatchedColumn }>;

export function unitKey(name: string): string {
  return name.normalize('NFKC').replace(/\s/g, '');
}

export function projectNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s/g, '').toLowerCase();
}

const MAIN_STAGE_LABELS = Object.fromEntries(
  (['negotiating', 'signed', 'landed', 'started', 'producing'] as const).map((s) => [s, STAGE_LABELS[s]]),
) as Record<MainStage, { zh: string; en: string }>;
const STAGE_ALIASES: Record<string, MainStage> = {
  洽谈: 'negotiating',
  在谈项目: 'negotiating',
  已签约: 'signed',
  签约项目: 'signed',
  已落地: 'landed',
  已开工: 'started',
  开业: 'started',
  在建: 'started',
  已投产: 'producing',
  竣工投产: 'producing',
};
const AGREEMENT_ALIASES: Record<string, 'formal' | 'framework' | 'supplementary'> = {
  正式: 'formal',
  正式合同: 'formal',
  投资协议: 'formal',
  框架: 'framework',
  意向协议: 'framework',
  补充: 'supplementary',
};
const CHANNEL_ALIASES: Record<string, keyof typeof LEAD_CHANNEL_LABELS> = {
  定向: 'targeted',
  以商招商: 'via_business',
  驻外: 'resident',
  以情: 'kinship',
  活动: 'event',
  主动对接: 'self',
  企业主动: 'self',
  交办: 'assigned',
};

const enterpriseName = createEnterpriseInput.pick({ name: true });

class RowReader {
  readonly problems: RowProblem[] = [];
  constructor(private readonly cells: RowCells) {}

  private take<T>(key: string, read: (v: CellValue, c: MatchedColumn) => Read<T>): T | null {
    const cell = this.cells.get(key);
    if (!cell) return null;
    const r = read(cell.value, cell.column);
    if (!r.ok) {
      this.problems.push({ key, en: r.en, zh: r.zh });
      return null;
    }
    return r.value;
  }

  has(key: string) {
    return this.cells.has(key);
  }
  text(key: string) {
    return this.take(key, readText);
  }
  date(key: string) {
    return this.take(key, readDate);
  }
  month(key: string) {
    return this.take(key, readMonth);
  }
  bool(key: string) {
    return this.take(key, readBool);
  }
  int(key: string) {
    return this.take(key, readInt);
  }
  amount(key: string) {
    return this.take(key, (v, c) =>
      readAmount(v, c.amountUnit ?? (c.column.type === 'usd' ? 'wan_usd' : 'wan')),
    );
  }
  choice<C extends string>(
    key: string,
    labels: Record<C, { zh: string; en: string }>,
    aliases: Record<string, C>,
  ) {
    return this.take(key, (v) => readChoice(v, labels, aliases));
  }
  division(key: string) {
    return this.take(key, (v) => {
      const t = readText(v);
      if (!t.ok || t.value === null) return t;
      const code = divisionCodeOf(t.value);
      return code
        ? { ok: true, value: code }
        : {
            ok: false,
            en: `“${t.value}” is not a GB/T 4754 division: choose one such as “C33 金属制品业”.`,
            zh: `“${t.value}”不是国民经济行业大类，请从下拉列表选择，如“C33 金属制品业”。`,
          };
    });
  }
  add(key: string, en: string, zh: string) {
    this.problems.push({ key, en, zh });
  }

  /** The unit of the row: by name among the importer's writable units, else the importer's own. */
  unit(ctx: RowContext): string | null {
    const name = this.text('unit');
    if (name === null) {
      if (ctx.defaultUnitId) return ctx.defaultUnitId;
      this.add('unit', 'Name the responsible unit.', '请填写责任单位。');
      return null;
    }
    const unit = ctx.units.get(unitKey(name));
    if (!unit) {
      this.add(
        'unit',
        `No active unit is named “${name}”.`,
        `没有名为“${name}”的启用单位，请从下拉列表选择。`,
      );
      return null;
    }
    if (!unit.writable) {
      this.add(
        'unit',
        `You may import rows only for your own unit, not for ${unit.name}.`,
        `只能导入本单位的数据，不能导入“${unit.name}”的数据。`,
      );
      return null;
    }
    return unit.id;
  }

  /** The investor named by the row (name and optional credit code), checked as the enterprise form checks it. */
  enterprise(required: boolean): { name: string; creditCode: string | null } | null {
    const name = this.text('enterpriseName');
    const code = this.text('creditCode');
    let creditCode: string | null = null;
    if (code !== null) {
      const v = validateCreditCode(code);
      if (v.ok) creditCode = v.code;
      else this.add('creditCode', v.messageEn, v.messageZh);
    }
    if (name === null) {
      if (required) this.add('enterpriseName', 'Name the enterprise.', '请填写企业名称。');
      else if (code !== null) {
        this.add(
          'enterpriseName',
          'A credit code needs the enterprise’s name.',
          '填写了信用代码，请同时填写企业名称。',
        );
      }
      return null;
    }
    const parsed = enterpriseName.safeParse({ name });
    if (!parsed.success) {
      this.add('enterpriseName', 'An enterprise name has 2 to 100 characters.', '企业名称须为 2–100 个字。');
      return null;
    }
    return { name: parsed.data.name, creditCode };
  }

  /** Zod issues of the assembled input, each on the column of its field. */
  schemaIssues(issues: readonly z.core.$ZodIssue[], columnOf: (path: string) => string) {
    for (const issue of issues) {
      const key = columnOf(issue.path.map(String).join('.') || '_row');
      if (this.problems.some((p) => p.key === key)) continue;
      const zh = zhCN.localeError?.(issue as never);
      this.add(key, issue.message, typeof zh === 'string' ? zh : (zh?.message ?? issue.message));
    }
  }
}

const zhCN = z.locales.zhCN();

export interface ProjectImportRow {
  input: CreateProjectInput;
  stage: MainStage;
  enterprise: { name: string; creditCode: string | null } | null;
}

const NAME_TOO_SHORT = { en: 'A project name has 2 to 100 characters.', zh: '项目名称须为 2–100 个字。' };

/** A project row: the create input, the stage it is at, and the facts that stage requires (evidence aside). */
export function readProjectRow(
  cells: RowCells,
  ctx: RowContext,
): { row: ProjectImportRow | null; problems: RowProblem[] } {
  const r = new RowReader(cells);
  const name = r.text('name');
  if (name === null) r.add('name', 'The project name is required.', '项目名称必填。');
  else if (name.length < 2 || name.length > 100) r.add('name', NAME_TOO_SHORT.en, NAME_TOO_SHORT.zh);
  const unitId = r.unit(ctx);
  const enterprise = r.enterprise(false);
  const stage = r.choice('stage', MAIN_STAGE_LABELS, STAGE_ALIASES) ?? 'negotiating';
  const candidate = {
    unitId,
    name,
    enterpriseId: null,
    industryDivision: r.division('industryDivision'),
    chain: r.text('chain'),
    industrial: r.bool('industrial') ?? true,
    plannedTotalYuan: r.amount('plannedTotalYuan'),
    fixedAssetYuan: r.amount('fixedAssetYuan'),
    signedAmountYuan: r.amount('signedAmountYuan'),
    foreignFunded: r.bool('foreignFunded') ?? false,
    contractedForeignUsdCents: r.amount('contractedForeignUsdCents'),
    agreementType: r.choice('agreementType', AGREEMENT_TYPE_LABELS, AGREEMENT_ALIASES),
    signingDate: r.date('signingDate'),
    landedDate: r.date('landedDate'),
    startDate: r.date('startDate'),
    productionDate: r.date('productionDate'),
  };
  if (r.problems.length > 0) return { row: null, problems: r.problems };
  const parsed = createProjectInput.safeParse(candidate);
  if (!parsed.success) {
    r.schemaIssues(parsed.error.issues, (f) => (f === 'unitId' ? 'unit' : f));
    return { row: null, problems: r.problems };
  }
  const input = parsed.data;
  // A spreadsheet cannot carry the stage's evidence files: they are uploaded on the project afterwards.
  const facts = checkStageFacts(
    {
      stage,
      stageBeforeHold: null,
      signingDate: input.signingDate,
      agreementType: input.agreementType,
      signedAmountYuan: input.signedAmountYuan === null ? null : BigInt(input.signedAmountYuan),
      landedDate: input.landedDate,
      startDate: input.startDate,
      productionDate: input.productionDate,
      evidence: [],
    },
    ctx.today,
  ).filter((p) => p.code !== 'missing_evidence');
  for (const p of facts) {
    const d = describeMoveProblem(p);
    r.add('field' in p ? p.field : 'stage', d.en, d.zh);
  }
  return r.problems.length > 0
    ? { row: null, problems: r.problems }
    : { row: { input, stage, enterprise }, problems: [] };
}

export interface CapitalImportRow {
  unitId: string;
  projectName: string;
  /** YYYY-MM */
  month: string;
  figures: Record<
    | 'fundsOutOfProvinceYuan'
    | 'fundsInProvinceYuan'
    | 'fundsForeignYuan'
    | 'fundsLocalYuan'
    | 'completedInvestmentYuan'
    | 'foreignUsedUsdCents',
    string
  >;
  note: string | null;
}

const FIGURE_KEYS = [
  'fundsOutOfProvinceYuan',
  'fundsInProvinceYuan',
  'fundsForeignYuan',
  'fundsLocalYuan',
  'completedInvestmentYuan',
  'foreignUsedUsdCents',
] as const;

/** A month of one project's money; the server then finds the project and checks the unit-month is open. */
export function readCapitalRow(
  cells: RowCells,
  ctx: RowContext,
): { row: CapitalImportRow | null; problems: RowProblem[] } {
  const r = new RowReader(cells);
  const projectName = r.text('projectName');
  if (projectName === null) r.add('projectName', 'The project name is required.', '项目名称必填。');
  const unitId = r.unit(ctx);
  const month = r.month('month');
  if (month === null && !r.problems.some((p) => p.key === 'month')) {
    r.add('month', 'The month is required.', '月份必填。');
  } else if (month !== null && isFutureMonth(month, ctx.today)) {
    r.add('month', `${month} has not come yet.`, `${month} 尚未到来，不能填报。`);
  }
  const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, r.amount(k)])) as Record<
    (typeof FIGURE_KEYS)[number],
    string | null
  >;
  const note = r.text('note');
  if (note !== null && note.length > 500)
    r.add('note', 'A note has at most 500 characters.', '备注不超过 500 字。');
  if (r.problems.length === 0 && FIGURE_KEYS.every((k) => figures[k] === null)) {
    const first = FIGURE_KEYS.find((k) => r.has(k)) ?? 'completedInvestmentYuan';
    r.add(first, 'Fill in at least one amount.', '请至少填写一项金额。');
  }
  if (r.problems.length > 0 || !unitId || !projectName || !month) return { row: null, problems: r.problems };
  return {
    row: {
      unitId,
      projectName,
      month,
      figures: Object.fromEntries(
        FIGURE_KEYS.map((k) => [k, figures[k] ?? '0']),
      ) as CapitalImportRow['figures'],
      note,
    },
    problems: [],
  };
}

export interface LeadImportRow {
  unitId: string;
  enterprise: {
    name: string;
    creditCode: string | null;
    contactName: string | null;
    contactPhone: string | null;
  };
  input: {
    title: string;
    channel: keyof typeof LEAD_CHANNEL_LABELS;
    receivedOn: string;
    intendedAmountYuan: string | null;
    industryDivision: string | null;
    chain: string | null;
    referrer: string | null;
    intention: string | null;
  };
}

/** A lead row, checked with the leads API's own schema. */
export function readLeadRow(
  cells: RowCells,
  ctx: RowContext,
): { row: LeadImportRow | null; problems: RowProblem[] } {
  const r = new RowReader(cells);
  const title = r.text('title');
  if (title === null) r.add('title', 'The lead’s title is required.', '线索名称必填。');
  const unitId = r.unit(ctx);
  const enterprise = r.enterprise(true);
  const channel = r.choice('channel', LEAD_CHANNEL_LABELS, CHANNEL_ALIASES);
  if (channel === null && !r.problems.some((p) => p.key === 'channel')) {
    r.add('channel', 'Choose the channel.', '请选择招商方式。');
  }
  const receivedOn = r.date('receivedOn');
  if (receivedOn === null && !r.problems.some((p) => p.key === 'receivedOn')) {
    r.add('receivedOn', 'The date the lead came in is required.', '获取日期必填。');
  } else if (receivedOn !== null && receivedOn > ctx.today) {
    r.add('receivedOn', `${receivedOn} is after today.`, `获取日期 ${receivedOn} 晚于今天。`);
  }
  const contactName = r.text('contactName');
  const contactPhone = r.text('contactPhone');
  const fields = {
    title,
    channel,
    receivedOn,
    intendedAmountYuan: r.amount('intendedAmountYuan'),
    industryDivision: r.division('industryDivision'),
    chain: r.text('chain'),
    referrer: r.text('referrer'),
    intention: r.text('intention'),
  };
  if (r.problems.length > 0 || !unitId || !enterprise) return { row: null, problems: r.problems };
  const parsed = createLeadInput.safeParse({
    unitId,
    enterprise: { name: enterprise.name, creditCode: enterprise.creditCode, contactName, contactPhone },
    ...fields,
  });
  if (!parsed.success) {
    r.schemaIssues(parsed.error.issues, (path) =>
      path === 'unitId'
        ? 'unit'
        : path === 'enterprise.contactPhone' || path === 'enterprise.contactName'
          ? path.slice('enterprise.'.length)
          : path.startsWith('enterprise')
            ? 'enterpriseName'
            : path,
    );
    return { row: null, problems: r.problems };
  }
  const d = parsed.data;
  return {
    row: {
      unitId,
      enterprise: { ...enterprise, contactName, contactPhone },
      input: {
        title: d.title,
        channel: d.channel,
        receivedOn: d.receivedOn,
        intendedAmountYuan: d.intendedAmountYuan,
        industryDivision: d.industryDivision,
        chain: d.chain,
        referrer: d.referrer,
        intention: d.intention,
      },
    },
    problems: [],
  };
}

export type { ImportColumn };
