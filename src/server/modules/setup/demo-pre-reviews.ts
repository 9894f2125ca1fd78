import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type {
  DecisionMeeting,
  PreReviewDecision,
  PreReviewTopic,
  PreReviewVerdict,
} from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';

// The demo district's 预审: reviews of its largest negotiating and signed projects in every state: open ones
// with some opinions in and some missing (one past its due date), one decided for each decision kind at each
// meeting, and one cancelled. 自然资源和规划局 and 生态环境分局 are asked in most. Written directly, without notices.

const NR = '自然资源和规划局';
const ECO = '生态环境分局';
const NDRC = '发展和改革局';
const HOUSING = '住房和城乡建设局';
const COM = '商务局';

interface Ask {
  department: string;
  topics: PreReviewTopic[];
  /** answered this many days after opening, with this verdict; unanswered when absent */
  answer?: { after: number; verdict: PreReviewVerdict; text?: string };
}
interface Spec {
  /** opened this many days ago */
  openedAgo: number;
  /** opinions due this many days after opening */
  days: number;
  reason: string;
  asks: Ask[];
  state: 'open' | 'decided' | 'cancelled';
  decision?: { kind: PreReviewDecision; meeting: DecisionMeeting; afterDue: number; combined: string };
}

const LAND: PreReviewTopic[] = ['site_land', 'planning'];
const SPECS: Spec[] = [
  {
    openedAgo: 4,
    days: 10,
    reason: '计划总投资超过预审标准，拟于下月签约',
    state: 'open',
    asks: [
      { department: NR, topics: LAND },
      { department: ECO, topics: ['eia'], answer: { after: 2, verdict: 'agree' } },
      { department: NDRC, topics: ['project_approval', 'energy', 'industrial_policy'] },
    ],
  },
  {
    openedAgo: 15,
    days: 10,
    reason: '项目用地涉及调整规划，需各部门先行研判',
    state: 'open',
    asks: [
      {
        department: NR,
        topics: LAND,
        answer: { after: 6, verdict: 'conditional', text: '须调整用地红线，避让永久基本农田后方可供地。' },
      },
      { department: ECO, topics: ['eia'] },
      { department: COM, topics: ['investor_strength'], answer: { after: 12, verdict: 'agree' } },
    ],
  },
  {
    openedAgo: 60,
    days: 10,
    reason: '重大项目入库前预审',
    state: 'decided',
    decision: {
      kind: 'approved',
      meeting: 'investment_committee',
      afterDue: 5,
      combined: '各部门意见一致，同意引进。',
    },
    asks: [
      { department: NR, topics: LAND, answer: { after: 5, verdict: 'agree' } },
      { department: ECO, topics: ['eia'], answer: { after: 8, verdict: 'agree' } },
      { department: NDRC, topics: ['project_approval', 'energy'], answer: { after: 9, verdict: 'agree' } },
    ],
  },
  {
    openedAgo: 45,
    days: 10,
    reason: '高耗能环节需能评、环评先行把关',
    state: 'decided',
    decision: {
      kind: 'conditional',
      meeting: 'executive',
      afterDue: 8,
      combined: '有条件通过：能耗指标由企业通过技改腾退解决，环评批复前不得开工。',
    },
    asks: [
      {
        department: ECO,
        topics: ['eia'],
        answer: { after: 7, verdict: 'conditional', text: '须配套建设废气治理设施，执行特别排放限值。' },
      },
      {
        department: NDRC,
        topics: ['energy', 'industrial_policy'],
        answer: { after: 12, verdict: 'conditional', text: '新增能耗须在区内平衡。' },
      },
      { department: NR, topics: LAND, answer: { after: 4, verdict: 'agree' } },
    ],
  },
  {
    openedAgo: 80,
    days: 10,
    reason: '拟供地项目预审',
    state: 'decided',
    decision: {
      kind: 'rejected',
      meeting: 'land_supply',
      afterDue: 6,
      combined: '投资强度和亩均税收达不到园区准入标准，不予供地。',
    },
    asks: [
      {
        department: NR,
        topics: [...LAND, 'intensity_tax_jobs'],
        answer: { after: 6, verdict: 'disagree', text: '投资强度低于每亩 300 万元的准入标准。' },
      },
      { department: HOUSING, topics: ['safety'], answer: { after: 5, verdict: 'agree' } },
    ],
  },
  {
    openedAgo: 30,
    days: 10,
    reason: '企业调整投资方案，原预审撤销',
    state: 'cancelled',
    asks: [
      { department: NR, topics: LAND },
      { department: ECO, topics: ['eia'], answer: { after: 3, verdict: 'agree' } },
    ],
  },
];

export async function loadDemoPreReviews(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; now: Date },
): Promise<{ reviews: number }> {
  const today = chinaToday(o.now);
  // The largest projects first: those are the ones a district pre-reviews.
  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'unitId'])
    .where('districtId', '=', o.districtId)
    .where('stage', 'in', ['negotiating', 'signed'])
    .orderBy((eb) => eb.fn.coalesce('plannedTotalYuan', 'signedAmountYuan'), 'desc')
    .orderBy('name')
    .limit(SPECS.length)
    .execute();
  const departments = new Map(
    (
      await trx
        .selectFrom('units')
        .select(['id', 'name'])
        .where('districtId', '=', o.districtId)
        .where('kind', '=', 'department')
        .execute()
    ).map((u) => [u.name, u.id]),
  );
  let count = 0;
  for (const [i, s] of SPECS.entries()) {
    const project = projects[i];
    if (!project) break;
    const openedOn = addDays(today, -s.openedAgo);
    const dueOn = addDays(openedOn, s.days);
    const opened = new Date(`${openedOn}T10:00:00+08:00`);
    const decidedOn = s.decision ? addDays(dueOn, s.decision.afterDue) : null;
    const review = await trx
      .insertInto('preReviews')
      .values({
        districtId: o.districtId,
        unitId: project.unitId,
        projectId: project.id,
        topics: [...new Set(s.asks.flatMap((a) => a.topics))],
        dueOn,
        reason: s.reason,
        status: s.state,
        combinedOpinion: s.decision?.combined ?? null,
        decision: s.decision?.kind ?? null,
        meetingKind: s.decision?.meeting ?? null,
        meetingOn: decidedOn,
        decidedAt: decidedOn ? new Date(`${decidedOn}T16:00:00+08:00`) : null,
        decidedBy: decidedOn ? o.userId : null,
        version: s.state === 'open' ? 1 : 2,
        createdBy: o.userId,
        createdAt: opened,
        updatedAt: decidedOn ? new Date(`${decidedOn}T16:00:00+08:00`) : opened,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const opinions = s.asks.flatMap((a) => {
      const departmentUnitId = departments.get(a.department);
      if (!departmentUnitId) return [];
      const answeredOn = a.answer ? addDays(openedOn, a.answer.after) : null;
      return [
        {
          districtId: o.districtId,
          reviewId: review.id,
          departmentUnitId,
          topics: a.topics,
          dueOn,
          verdict: a.answer?.verdict ?? null,
          opinion: a.answer?.text ?? (a.answer ? '无异议。' : null),
          answeredAt: answeredOn ? new Date(`${answeredOn}T15:00:00+08:00`) : null,
          answeredBy: null,
        },
      ];
    });
    if (opinions.length) await trx.insertInto('preReviewOpinions').values(opinions).execute();
    count++;
  }
  return { reviews: count };
}
