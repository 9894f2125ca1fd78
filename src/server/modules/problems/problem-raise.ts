import type { Transaction } from 'kysely';
import type {
  ProblemCategory,
  ProblemEventKind,
  ProblemSource,
} from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';
import {
  DEPARTMENT_HANDLERS,
  districtRecipients,
  notifyUsers,
  UNIT_WORKERS,
  unitRecipients,
} from '../notifications/notify.js';

// The two writes every way of raising a problem shares (a unit's form, a department's form, the investor
// portal): the problem row in state `raised`, the first entry of its timeline, and the notice to the center
// (and to the project's unit when the investor reported it), in the caller's transaction.

export interface RaiseProblemInput {
  districtId: string;
  /** The unit whose project it is: it sees the problem and confirms or reopens it. */
  unitId: string;
  projectId: string | null;
  raisedVia: ProblemSource;
  raisedBy: string | null;
  raiserName: string | null;
  portalTokenId: string | null;
  title: string;
  description: string;
  category: ProblemCategory;
}

export async function raiseProblem(
  trx: Transaction<DB>,
  input: RaiseProblemInput,
  by: { userId: string | null; username: string | null; viaPortal: boolean; at: Date },
) {
  const row = await trx
    .insertInto('problems')
    .values({
      ...input,
      departmentUnitId: null,
      leaderInCharge: null,
      countermeasure: null,
      deadline: null,
      reply: null,
      assignedAt: null,
      acceptedAt: null,
      repliedAt: null,
      closedAt: null,
      escalatedAt: null,
      createdAt: by.at,
      updatedAt: by.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendProblemEvent(trx, row, 'raised', null, by);
  const recipients = await districtRecipients(trx, row.districtId, ['center_admin']);
  if (row.raisedVia === 'investor') recipients.push(...(await unitRecipients(trx, row.unitId, UNIT_WORKERS)));
  await notifyUsers(
    trx,
    row.districtId,
    recipients,
    {
      kind: 'problem.raised',
      subjectType: 'problem',
      subjectId: row.id,
      title: `新问题待交办：${row.title}`,
      body: row.description,
      link: `/landing/problems/${row.id}`,
      dedupeKey: `problem.raised:${row.id}`,
    },
    by.at,
  );
  return row;
}

/** Who hears of a step of the loop (issue5 event notices): assigned or reopened, accepted or replied, closed. */
export async function problemStepRecipients(
  trx: Transaction<DB>,
  problem: { districtId: string; unitId: string; departmentUnitId: string | null },
  kind: 'assigned' | 'reopened' | 'accepted' | 'replied' | 'closed',
): Promise<string[]> {
  if (kind === 'accepted' || kind === 'replied') {
    return [
      ...(await unitRecipients(trx, problem.unitId, UNIT_WORKERS)),
      ...(await districtRecipients(trx, problem.districtId, ['center_admin'])),
    ];
  }
  return problem.departmentUnitId ? unitRecipients(trx, problem.departmentUnitId, DEPARTMENT_HANDLERS) : [];
}

export function appendProblemEvent(
  trx: Transaction<DB>,
  problem: { id: string; districtId: string },
  kind: ProblemEventKind,
  note: string | null,
  by: { userId: string | null; username: string | null; viaPortal?: boolean; at: Date },
) {
  return trx
    .insertInto('problemEvents')
    .values({
      districtId: problem.districtId,
      problemId: problem.id,
      kind,
      note,
      userId: by.userId,
      username: by.username,
      viaPortal: by.viaPortal ?? false,
      at: by.at,
    })
    .execute();
}
