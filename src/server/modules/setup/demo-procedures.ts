import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import {
  PROCEDURE_KIND_LABELS,
  PROCEDURE_KINDS,
  PROCEDURE_TEMPLATE_STEPS,
  type ProcedureStatus,
  templateFor,
} from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's 手续: a checklist from its type's template on most signed, landed and started projects,
// further along the further the project is (a started project has nearly all done, a signed one few), with
// planned dates around today so some open ones are overdue, and a few 不需办理. A handful of signed projects
// keep no checklist, so 按模板生成 has something to do. Written directly, without notices.

/** How far down its checklist a project of this stage usually is (share of steps done). */
const DONE_SHARE: Record<string, number> = { signed: 0.2, landed: 0.5, started: 0.8 };

export async function loadDemoProcedures(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; now: Date },
): Promise<{ procedures: number; projects: number }> {
  const rand = mulberry32(20261130);
  const today = chinaToday(o.now);
  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'unitId', 'stage', 'industrial', 'capitalIncrease'])
    .where('districtId', '=', o.districtId)
    .where('stage', 'in', ['signed', 'landed', 'started'])
    .orderBy('name')
    .execute();
  const departments = await trx
    .selectFrom('units')
    .select(['id', 'name'])
    .where('districtId', '=', o.districtId)
    .where('kind', '=', 'department')
    .where('active', '=', true)
    .execute();
  const departmentOf = (hint: string | null) =>
    hint
      ? (departments.find((d) => d.name === hint) ?? departments.find((d) => d.name.includes(hint)))?.id
      : null;
  let count = 0;
  let withChecklist = 0;
  for (const [i, p] of projects.entries()) {
    // Every fourth signed project keeps no checklist yet.
    if (p.stage === 'signed' && i % 4 === 0) continue;
    const steps = PROCEDURE_TEMPLATE_STEPS[templateFor(p)];
    const share = Math.min(1, (DONE_SHARE[p.stage] ?? 0.2) + (rand() - 0.5) * 0.3);
    const doneCount = Math.round(steps.length * share);
    const at = new Date(`${addDays(today, -120)}T09:00:00+08:00`);
    const rows = steps.map((kind, k) => {
      let status: ProcedureStatus;
      if (k < doneCount) status = 'done';
      else if (k === doneCount) status = 'in_progress';
      else status = 'pending';
      // Now and then a step the project does not need (an expansion without new safety review, say).
      if (status !== 'done' && rand() < 0.12) status = 'not_needed';
      // Done steps were planned in the past; open ones around today: the first open ones often overdue.
      const plannedOn =
        status === 'done'
          ? addDays(today, -100 + k * 8)
          : addDays(today, (k - doneCount) * 20 + 10 - Math.floor(rand() * 40));
      const doneOn = status === 'done' ? addDays(plannedOn, Math.floor(rand() * 20) - 8) : null;
      return {
        districtId: o.districtId,
        unitId: p.unitId,
        projectId: p.id,
        kind,
        name: PROCEDURE_KIND_LABELS[kind].zh,
        departmentUnitId: departmentOf(PROCEDURE_KIND_LABELS[kind].department) ?? null,
        plannedOn,
        doneOn: doneOn && doneOn > today ? today : doneOn,
        status,
        note: status === 'in_progress' ? '材料已提交，正在审查' : null,
        sortOrder: PROCEDURE_KINDS.indexOf(kind) * 10,
        updatedBy: o.userId,
        createdAt: at,
        updatedAt: at,
      };
    });
    await trx.insertInto('procedures').values(rows).execute();
    count += rows.length;
    withChecklist++;
  }
  return { procedures: count, projects: withChecklist };
}
