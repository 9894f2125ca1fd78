import type { Kysely } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { chinaToday } from '../../../domain/dates.js';
import {
  compareInbox,
  type Inbox,
  type InboxItem,
  inboxGroupOf,
} from '../../../domain/inbox/inbox.schemas.js';
import { daysOverdue } from '../../../domain/landing/clocks.js';
import {
  PRE_REVIEW_TOPIC_LABELS,
  type PreReviewTopic,
  supervisionNumberLabel,
} from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import {
  commitmentOpen,
  opinionOpen,
  problemOpen,
  procedureOpen,
  supervisionOpen,
} from '../landing/overdue.js';

// 部门待办 (issue 5 item 9): what a department owes, read straight from each table's department column (the
// rows inScopeOrAssigned adds for a handler) with the open predicates of landing/overdue.ts, so the inbox, the
// lists' overdue filters and the dashboard agree on what is open and what is overdue.

export function createInboxService(deps: { db: Kysely<DB>; now: () => Date }) {
  const { db, now } = deps;

  async function inbox(scope: DataScope): Promise<Inbox> {
    if (scope.kind !== 'assigned') {
      throw new AppError(
        403,
        'inbox.department_only',
        'The inbox lists what is assigned to a department; sign in as its handler.',
        '部门待办仅供部门经办人使用。',
      );
    }
    const { districtId, unitId: dept } = scope;
    const today = chinaToday(now());
    const [unit, problems, procedures, opinions, commitments, notices] = await Promise.all([
      db.selectFrom('units').select('name').where('id', '=', dept).executeTakeFirstOrThrow(),
      db
        .selectFrom('problems as x')
        .leftJoin('projects as p', 'p.id', 'x.projectId')
        .innerJoin('units as u', 'u.id', 'x.unitId')
        .select(['x.id', 'x.title', 'x.status', 'x.projectId', 'p.name as projectName', 'u.name as unitName'])
        .select('x.deadline as dueOn')
        .where('x.districtId', '=', districtId)
        .where('x.departmentUnitId', '=', dept)
        .where(problemOpen('x'))
        .execute(),
      db
        .selectFrom('procedures as x')
        .innerJoin('projects as p', 'p.id', 'x.projectId')
        .innerJoin('units as u', 'u.id', 'x.unitId')
        .select([
          'x.id',
          'x.name as title',
          'x.status',
          'x.projectId',
          'p.name as projectName',
          'u.name as unitName',
        ])
        .select('x.plannedOn as dueOn')
        .where('x.districtId', '=', districtId)
        .where('x.departmentUnitId', '=', dept)
        .where(procedureOpen('x'))
        .execute(),
      db
        .selectFrom('preReviewOpinions as x')
        .innerJoin('preReviews as r', 'r.id', 'x.reviewId')
        .innerJoin('projects as p', 'p.id', 'r.projectId')
        .innerJoin('units as u', 'u.id', 'r.unitId')
        .select([
          'x.id',
          'x.reviewId',
          'x.topics',
          'r.projectId',
          'p.name as projectName',
          'u.name as unitName',
        ])
        .select('x.dueOn')
        .where('x.districtId', '=', districtId)
        .where('x.departmentUnitId', '=', dept)
        .where(opinionOpen('x', 'r'))
        .execute(),
      db
        .selectFrom('commitments as x')
        .innerJoin('projects as p', 'p.id', 'x.projectId')
        .innerJoin('units as u', 'u.id', 'x.unitId')
        .select([
          'x.id',
          'x.content as title',
          'x.status',
          'x.projectId',
          'p.name as projectName',
          'u.name as unitName',
        ])
        .select('x.dueOn')
        .where('x.districtId', '=', districtId)
        .where('x.departmentUnitId', '=', dept)
        .where(commitmentOpen('x'))
        .execute(),
      db
        .selectFrom('supervisionNotices as x')
        .leftJoin('projects as p', 'p.id', 'x.projectId')
        .select([
          'x.id',
          'x.year',
          'x.number',
          'x.subject',
          'x.status',
          'x.projectId',
          'p.name as projectName',
        ])
        .select('x.replyDueOn as dueOn')
        .where('x.districtId', '=', districtId)
        .where('x.unitId', '=', dept)
        .where(supervisionOpen('x'))
        .execute(),
    ]);

    const item = (
      r: Omit<InboxItem, 'group' | 'daysOverdue' | 'unitName'> & { unitName?: string | null },
    ): InboxItem => ({
      ...r,
      unitName: r.unitName ?? null,
      group: inboxGroupOf(r.dueOn, today),
      daysOverdue: daysOverdue(r.dueOn, today),
    });
    const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
    const items: InboxItem[] = [
      ...problems.map((r) => item({ kind: 'problem', ...r, link: `/landing/problems/${r.id}` })),
      ...procedures.map((r) =>
        item({
          kind: 'procedure',
          ...r,
          link: `/landing/procedures?${q({ departmentUnitId: dept, projectId: r.projectId })}`,
        }),
      ),
      ...opinions.map((r) =>
        item({
          kind: 'opinion',
          id: r.id,
          title: `预审意见：${r.topics.map((t) => PRE_REVIEW_TOPIC_LABELS[t as PreReviewTopic]?.zh ?? t).join('、')}`,
          status: 'pending',
          projectId: r.projectId,
          projectName: r.projectName,
          unitName: r.unitName,
          dueOn: r.dueOn,
          link: `/landing/pre-reviews/${r.reviewId}`,
        }),
      ),
      ...commitments.map((r) =>
        item({
          kind: 'commitment',
          ...r,
          title: r.title.length > 60 ? `${r.title.slice(0, 59)}…` : r.title,
          link: `/landing/commitments?${q({ departmentUnitId: dept, projectId: r.projectId })}`,
        }),
      ),
      ...notices.map((r) =>
        item({
          kind: 'supervision',
          id: r.id,
          title: `${supervisionNumberLabel(r.year, r.number)} ${r.subject}`,
          status: r.status,
          projectId: r.projectId,
          projectName: r.projectName,
          dueOn: r.dueOn,
          link: `/landing/supervision/${r.id}`,
        }),
      ),
    ].sort(compareInbox);
    const count = (g: InboxItem['group']) => items.filter((i) => i.group === g).length;
    return {
      today,
      departmentName: unit.name,
      counts: {
        overdue: count('overdue'),
        thisWeek: count('this_week'),
        later: count('later'),
        total: items.length,
      },
      items,
    };
  }

  return { inbox };
}
export type InboxService = ReturnType<typeof createInboxService>;
