import type { Transaction } from 'kysely';
import type {
  ProblemCategory,
  ProblemEventKind,
  ProblemSource,
} from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';

// The two writes every way of raising a problem shares (a unit's form, a department's form, the investor
// portal): the problem row in state `raised`, and the first entry of its timeline.

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
  return row;
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
