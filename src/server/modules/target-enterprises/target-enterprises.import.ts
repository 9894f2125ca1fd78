import { type Kysely, sql, type Transaction } from 'kysely';
import { chinaToday } from '../../../domain/dates.js';
import { validateCreditCode } from '../../../domain/enterprises/credit-code.js';
import { normalizeEnterpriseName } from '../../../domain/enterprises/enterprise-name.js';
import {
  type CellValue,
  type Read,
  readBool,
  readChoice,
  readDate,
  readText,
} from '../../../domain/imports/cell-values.js';
import { unitKey } from '../../../domain/imports/import-rows.js';
import { divisionCodeOf } from '../../../domain/imports/industry-divisions.js';
import {
  TARGET_STATUS_LABELS,
  TARGET_TAG_LABELS,
  TARGET_TAGS,
  type TargetTag,
} from '../../../domain/network/network-codes.js';
import {
  TARGET_FIELD_LABELS,
  TARGET_IMPORT_COLUMNS,
  TARGET_PLAN_FIELDS,
  type TargetImportColumnKey,
  type TargetImportProblem,
  type TargetImportResult,
  type UpdateTargetEnterpriseInput,
} from '../../../domain/network/targets.schemas.js';
import type { DB } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import {
  type EnterpriseRef,
  findEnterprises,
  findOrCreateEnterprises,
} from '../enterprises/enterprises.bulk.js';
import type { TargetCaller, TargetEnterprisesService } from './target-enterprises.service.js';
import { readTargetsWorkbook, type TargetSheet, targetsTemplate } from './target-enterprises.xlsx.js';

// Importing a target list the user compiled (we ship no ranking): every cell is checked and every problem listed
// by row and column in Chinese before anything is saved; the commit then writes all rows in one transaction.
// Enterprises are matched in the district's address book by credit code or normalised name (the enterprises
// module's rule), created when missing. A target the caller's scope already holds is updated (blank cells keep
// their value) or skipped, as the person chooses; another unit's target is always skipped, and said so.

type Q = Kysely<DB> | Transaction<DB>;
type Patch = Omit<UpdateTargetEnterpriseInput, 'version'>;

interface ParsedRow {
  row: number;
  enterprise: EnterpriseRef;
  industryDivision: string | null;
  unitId: string | null;
  /** Only the columns the row fills: a blank cell leaves an existing target's value as it is. */
  patch: Patch;
}

interface PlannedRow {
  parsed: ParsedRow;
  action: 'create' | 'update' | 'skip';
  note: string | null;
  newEnterprise: boolean;
  targetId: string | null;
  unitId: string | null;
}

const TEXT_LIMITS: [TargetImportColumnKey & keyof Patch, number][] = [
  ['leaderInCharge', 40],
  ['approach', 2000],
  ['contacts', 2000],
  ['offer', 2000],
  ['nextStep', 500],
];
const TAG_ALIASES: Record<string, TargetTag> = {
  世界五百强: 'fortune500',
  财富500强: 'fortune500',
  中国五百强: 'china500',
  中央企业: 'central_soe',
  省属国企: 'provincial_soe',
  省属企业: 'provincial_soe',
  民营企业500强: 'private_top500',
  上市: 'listed',
  上市企业: 'listed',
  专精特新小巨人: 'specialised',
  小巨人: 'specialised',
  领军企业: 'industry_leader',
  外资: 'foreign',
  外企: 'foreign',
};
const HEADER_OF = Object.fromEntries(TARGET_IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<
  TargetImportColumnKey,
  string
>;

function tagOf(word: string): TargetTag | null {
  for (const t of TARGET_TAGS) {
    if (word === TARGET_TAG_LABELS[t].zh || word === t) return t;
  }
  return TAG_ALIASES[word] ?? null;
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join(',') === [...b].sort().join(',');

export function createTargetImport({
  db,
  audit,
  targets,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  targets: TargetEnterprisesService;
  now: () => Date;
}) {
  async function context(q: Q, c: TargetCaller) {
    const [units, links] = await Promise.all([
      q
        .selectFrom('units')
        .select(['id', 'name', inScope(c.scope, { district: 'district_id', unit: 'id' }).as('writable')])
        .where('districtId', '=', c.user.districtId)
        .where('active', '=', true)
        .orderBy('sortOrder')
        .execute(),
      q
        .selectFrom('chainLinks as l')
        .innerJoin('chains as ch', 'ch.id', 'l.chainId')
        .select(['l.id', 'l.name', 'l.segment', 'ch.name as chainName'])
        .where('l.districtId', '=', c.user.districtId)
        .orderBy('ch.sortOrder')
        .orderBy('l.sortOrder')
        .execute(),
    ]);
    const writable = units.filter((u) => u.writable);
    return {
      units: new Map(units.map((u) => [unitKey(u.name), { ...u, writable: Boolean(u.writable) }])),
      writableNames: writable.map((u) => u.name),
      defaultUnitId: c.scope.kind === 'unit' && writable.length === 1 ? writable[0]!.id : null,
      links,
      linkLabels: links.map((l) => `${l.chainName} · ${l.name}`),
    };
  }
  type Ctx = Awaited<ReturnType<typeof context>>;

  async function template(c: TargetCaller) {
    const ctx = await context(db, c);
    return targetsTemplate(ctx.writableNames, ctx.linkLabels);
  }

  /** Every row's cells → a parsed row, or problems tied to their column. */
  function parse(sheet: TargetSheet, ctx: Ctx) {
    const problems: TargetImportProblem[] = [];
    const parsed: ParsedRow[] = [];
    const seen = new Map<string, number>();
    for (const { rowNumber, cells } of sheet.rows) {
      const before = problems.length;
      const problem = (key: TargetImportColumnKey | null, en: string, zh: string) =>
        problems.push({
          row: rowNumber,
          column: key ? (sheet.columnNames[key] ?? HEADER_OF[key]) : null,
          message: en,
          messageZh: zh,
        });
      const take = <T>(key: TargetImportColumnKey, read: (v: CellValue) => Read<T>): T | null => {
        if (!(key in cells)) return null;
        const r = read(cells[key] ?? null);
        if (!r.ok) {
          problem(key, r.en, r.zh);
          return null;
        }
        return r.value;
      };
      const patch: Patch = {};

      const name = take('enterpriseName', readText);
      if (name === null) problem('enterpriseName', 'Name the enterprise.', '企业名称必填。');
      else if (name.length < 2 || name.length > 100) {
        problem('enterpriseName', 'An enterprise name has 2 to 100 characters.', '企业名称须为 2–100 个字。');
      }
      let creditCode: string | null = null;
      const code = take('creditCode', readText);
      if (code !== null) {
        const v = validateCreditCode(code);
        if (v.ok) creditCode = v.code;
        else problem('creditCode', v.messageEn, v.messageZh);
      }
      const tagText = take('tags', readText);
      if (tagText !== null) {
        const tags: TargetTag[] = [];
        const unknown: string[] = [];
        for (const w of tagText
          .normalize('NFKC')
          .split(/[、,，;；/\s]+/)
          .filter(Boolean)) {
          const t = tagOf(w);
          if (t) {
            if (!tags.includes(t)) tags.push(t);
          } else unknown.push(w);
        }
        if (unknown.length > 0) {
          const options = Object.values(TARGET_TAG_LABELS)
            .map((l) => l.zh)
            .join('、');
          problem(
            'tags',
            `Unknown tags: ${unknown.join(', ')}.`,
            `“${unknown.join('、')}”不是可选标签，可选：${options}（多个用顿号分隔）。`,
          );
        } else patch.tags = tags;
      }
      const industryText = take('industryDivision', readText);
      let industryDivision: string | null = null;
      if (industryText !== null) {
        industryDivision = divisionCodeOf(industryText);
        if (!industryDivision) {
          problem(
            'industryDivision',
            `“${industryText}” is not a GB/T 4754 division.`,
            `“${industryText}”不是国民经济行业大类，请从下拉列表选择，如“C33 金属制品业”。`,
          );
        }
      }
      const linkText = take('chainLink', readText);
      if (linkText !== null) {
        const parts = linkText
          .split(/\s*[·・•]\s*/)
          .map((s) => s.trim())
          .filter(Boolean);
        const linkName = parts[parts.length - 1]!;
        const chainName = parts.length > 1 ? parts[0] : null;
        const matches = ctx.links.filter(
          (l) => l.name === linkName && (chainName === null || l.chainName === chainName),
        );
        if (matches.length === 1) patch.chainLinkId = matches[0]!.id;
        else if (matches.length > 1) {
          problem(
            'chainLink',
            `Several chains have a link named ${linkName}: write “chain · link”.`,
            `多条产业链都有“${linkName}”环节，请写作“产业链 · 环节”，如“${matches[0]!.chainName} · ${linkName}”。`,
          );
        } else {
          problem(
            'chainLink',
            `No link “${linkText}” in the district’s chains.`,
            `本区产业链中没有“${linkText}”环节，请从下拉列表选择（“产业链 · 环节”）。`,
          );
        }
      }
      let unitId: string | null = null;
      const unitName = take('unit', readText);
      if (unitName !== null) {
        const unit = ctx.units.get(unitKey(unitName));
        if (!unit) {
          problem(
            'unit',
            `No active unit is named “${unitName}”.`,
            `没有名为“${unitName}”的启用单位，请从下拉列表选择。`,
          );
        } else if (!unit.writable) {
          problem(
            'unit',
            `You may import targets only for your own unit, not for ${unit.name}.`,
            `只能导入本单位负责的目标企业，不能导入“${unit.name}”的。`,
          );
        } else unitId = unit.id;
      }
      for (const [key, max] of TEXT_LIMITS) {
        const v = take(key, readText);
        if (v === null) continue;
        if (v.length > max) {
          problem(
            key,
            `At most ${max} characters (now ${v.length}).`,
            `最多 ${max} 个字（现为 ${v.length} 个字）。`,
          );
        } else (patch as Record<string, unknown>)[key] = v;
      }
      const nextStepOn = take('nextStepOn', readDate);
      if (nextStepOn !== null) patch.nextStepOn = nextStepOn;
      const key = take('priority', readBool);
      if (key !== null) patch.priority = key ? 'key' : 'normal';
      const status = take('status', (v) => readChoice(v, TARGET_STATUS_LABELS));
      if (status !== null) patch.status = status;

      if (name !== null) {
        // The same enterprise twice in one file (by credit code or by name) would be written twice.
        const keys = [`n:${normalizeEnterpriseName(name)}`, ...(creditCode ? [`c:${creditCode}`] : [])];
        const first = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
        if (first !== undefined) {
          problem(
            'enterpriseName',
            `The same enterprise is already on row ${first}.`,
            `与第 ${first} 行为同一企业，请合并为一行。`,
          );
        } else for (const k of keys) seen.set(k, rowNumber);
      }
      if (problems.length === before && name !== null) {
        parsed.push({ row: rowNumber, enterprise: { name, creditCode }, industryDivision, unitId, patch });
      }
    }
    return { parsed, problems };
  }

  /** What each row would do, against the database as it is now (inside the commit's transaction, too). */
  async function plan(q: Q, c: TargetCaller, ctx: Ctx, rows: ParsedRow[], existing: 'update' | 'skip') {
    const problems: TargetImportProblem[] = [];
    const found = await findEnterprises(
      q,
      c.user.districtId,
      rows.map((r) => r.enterprise),
    );
    const enterpriseIds = rows.map((r) => found(r.enterprise)?.id).filter((id): id is string => Boolean(id));
    const current =
      enterpriseIds.length === 0
        ? []
        : await q
            .selectFrom('targetEnterprises as t')
            .innerJoin('units as un', 'un.id', 't.unitId')
            .selectAll('t')
            .select([
              'un.name as unitName',
              inScope(c.scope, { district: 't.district_id', unit: 't.unit_id' }).as('own'),
            ])
            .where('t.districtId', '=', c.user.districtId)
            .where('t.enterpriseId', 'in', enterpriseIds)
            .execute();
    const byEnterprise = new Map(current.map((t) => [t.enterpriseId, t]));
    const planned: PlannedRow[] = [];
    for (const p of rows) {
      const e = found(p.enterprise);
      const t = e ? byEnterprise.get(e.id) : undefined;
      const base = { parsed: p, newEnterprise: !e, targetId: t?.id ?? null };
      if (!t) {
        const unitId = p.unitId ?? ctx.defaultUnitId;
        if (!unitId) {
          problems.push({
            row: p.row,
            column: HEADER_OF.unit,
            message: 'Name the unit in charge of this new target.',
            messageZh: '新入库的目标企业须填写责任单位。',
          });
          continue;
        }
        planned.push({ ...base, action: 'create', note: null, unitId });
        continue;
      }
      if (!t.own) {
        planned.push({
          ...base,
          action: 'skip',
          note: `已由“${t.unitName}”负责跟进，未导入`,
          unitId: t.unitId,
        });
        continue;
      }
      if (existing === 'skip') {
        planned.push({ ...base, action: 'skip', note: '已在目标企业库，按选择跳过', unitId: t.unitId });
        continue;
      }
      if (p.unitId && p.unitId !== t.unitId && !c.isCenter) {
        problems.push({
          row: p.row,
          column: HEADER_OF.unit,
          message: 'Only the center may hand a target over to another unit.',
          messageZh: '只有投促中心可以调整目标企业的责任单位。',
        });
        continue;
      }
      const patch: Patch = { ...p.patch, ...(p.unitId ? { unitId: p.unitId } : {}) };
      const changed = [...TARGET_PLAN_FIELDS, 'status' as const].filter((k) => {
        const v = patch[k];
        if (v === undefined) return false;
        if (k === 'tags') return !sameTags(v as string[], t.tags);
        return v !== (t[k] ?? null);
      });
      planned.push(
        changed.length === 0
          ? { ...base, action: 'skip', note: '与库中一致，无需更新', unitId: t.unitId }
          : {
              ...base,
              action: 'update',
              note: `将更新：${changed.map((k) => (k === 'status' ? '状态' : TARGET_FIELD_LABELS[k])).join('、')}`,
              unitId: t.unitId,
            },
      );
    }
    return { planned, problems };
  }

  function result(
    saved: boolean,
    problems: TargetImportProblem[],
    planned: PlannedRow[],
    enterprisesCreated: number,
  ): TargetImportResult {
    const count = (a: string) => planned.filter((p) => p.action === a).length;
    return {
      saved,
      problems: problems.sort((a, b) => a.row - b.row),
      rows: planned.map((p) => ({
        row: p.parsed.row,
        enterpriseName: p.parsed.enterprise.name,
        action: p.action,
        note: p.note,
        newEnterprise: p.newEnterprise,
        targetId: p.targetId,
      })),
      counts: { create: count('create'), update: count('update'), skip: count('skip'), enterprisesCreated },
    };
  }

  async function check(c: TargetCaller, actor: AuditActor, content: Buffer, existing: 'update' | 'skip') {
    const sheet = await readTargetsWorkbook(content);
    const ctx = await context(db, c);
    const { parsed, problems } = parse(sheet, ctx);
    const p = await plan(db, c, ctx, parsed, existing);
    const all = [...problems, ...p.problems];
    await audit.appendStandalone(actor, {
      action: 'target_enterprises.import_check',
      objectType: 'target_enterprise',
      objectId: null,
      result: 'success',
      detail: `${sheet.rows.length} rows, ${all.length} problems`,
    });
    const newNames = new Set(
      p.planned
        .filter((r) => r.newEnterprise && r.action === 'create')
        .map((r) => normalizeEnterpriseName(r.parsed.enterprise.name)),
    );
    return result(false, all, p.planned, all.length > 0 ? 0 : newNames.size);
  }

  async function commit(c: TargetCaller, actor: AuditActor, content: Buffer, existing: 'update' | 'skip') {
    const sheet = await readTargetsWorkbook(content);
    const ctx = await context(db, c);
    const { parsed, problems } = parse(sheet, ctx);
    if (problems.length > 0) {
      return result(false, problems, (await plan(db, c, ctx, parsed, existing)).planned, 0);
    }
    return db.transaction().execute(async (trx) => {
      // Imports of one district run one at a time, so two files naming one enterprise cannot both create it.
      await sql`select pg_advisory_xact_lock(hashtext(${`target-import:${c.user.districtId}`}))`.execute(trx);
      const p = await plan(trx, c, ctx, parsed, existing);
      if (p.problems.length > 0) return result(false, p.problems, p.planned, 0);
      const at = now();
      const today = chinaToday(at);
      const creates = p.planned.filter((r) => r.action === 'create');
      const { resolve, created } = await findOrCreateEnterprises(
        trx,
        { districtId: c.user.districtId, userId: c.user.id, at },
        creates.map((r) => r.parsed.enterprise),
      );
      for (const r of p.planned) {
        if (r.action === 'skip') continue;
        const ent = r.action === 'create' ? resolve(r.parsed.enterprise) : null;
        // 所属行业 fills the address book only where it has none: the enterprise is shared by every unit.
        if (r.parsed.industryDivision) {
          await trx
            .updateTable('enterprises')
            .set({ industryDivision: r.parsed.industryDivision })
            .where('districtId', '=', c.user.districtId)
            .where((eb) =>
              ent
                ? eb('id', '=', ent.id)
                : eb(
                    'id',
                    '=',
                    eb.selectFrom('targetEnterprises').select('enterpriseId').where('id', '=', r.targetId!),
                  ),
            )
            .where('industryDivision', 'is', null)
            .execute();
        }
        if (r.action === 'create') {
          const { unitId: _u, ...fields } = r.parsed.patch;
          const row = await trx
            .insertInto('targetEnterprises')
            .values({
              ...fields,
              districtId: c.user.districtId,
              unitId: r.unitId!,
              enterpriseId: ent!.id,
              createdBy: c.user.id,
              createdAt: at,
              updatedAt: at,
            })
            .returning(['id', 'districtId'])
            .executeTakeFirstOrThrow();
          r.targetId = row.id;
          await targets.addEvent(trx, c.user, row, 'created', today, '由导入文件入库');
          await audit.append(trx, actor, {
            action: 'target_enterprises.create',
            objectType: 'target_enterprise',
            objectId: row.id,
            result: 'success',
            detail: `import row ${r.parsed.row}`,
          });
        } else {
          await trx
            .selectFrom('targetEnterprises')
            .select('id')
            .where('id', '=', r.targetId!)
            .forUpdate()
            .execute();
          const before = await targets.find(trx, c.scope, r.targetId!);
          const patch = { ...r.parsed.patch, ...(r.parsed.unitId ? { unitId: r.parsed.unitId } : {}) };
          await targets.applyPatch(trx, c, actor, before, patch, 'target_enterprises.update');
        }
      }
      await audit.append(trx, actor, {
        action: 'target_enterprises.import',
        objectType: 'target_enterprise',
        objectId: null,
        result: 'success',
        detail: `created ${creates.length}, updated ${p.planned.filter((r) => r.action === 'update').length}, enterprises created ${created}`,
      });
      return result(true, [], p.planned, created);
    });
  }

  return { template, check, commit };
}
export type TargetImport = ReturnType<typeof createTargetImport>;
