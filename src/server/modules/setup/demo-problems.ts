import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type { ProblemCategory, ProblemSource, ProblemStatus } from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's 问题清单: problems on signed, landed and started projects in every state of the loop
// (待交办, 已交办, 承办中, 已反馈, 已办结, one reopened), over the categories, several assigned to 自然资源和规划局,
// some past their deadline and one escalated to the leader in charge. Escalation is the reminder job's work
// (T); the demo writes rows and an 'escalated' timeline entry that look like its result. Rows are written
// directly, without notices, so a fresh install's notification centre is not flooded by the demo.

interface Spec {
  title: string;
  description: string;
  category: ProblemCategory;
  via: ProblemSource;
  /** department by name; null while raised */
  department: string | null;
  status: ProblemStatus;
  /** days before today it was raised */
  raisedAgo: number;
  /** deadline in days from today (negative: past) */
  deadlineIn?: number;
  reopened?: boolean;
  escalated?: boolean;
  countermeasure?: string;
  reply?: string;
}

const NR = '自然资源和规划局';

const SPECS: Spec[] = [
  {
    title: '二期用地指标尚未下达',
    description: '项目二期需新增建设用地约 45 亩，年度用地指标尚未下达，影响开工计划。',
    category: 'land',
    via: 'unit',
    department: NR,
    status: 'accepted',
    raisedAgo: 26,
    deadlineIn: -6,
    escalated: true,
    countermeasure: '自然资源和规划局牵头向市局争取指标，同步启动组卷报批。',
  },
  {
    title: '地块规划条件需调整容积率',
    description: '企业拟建多层厂房，现规划条件容积率上限 1.2，需调整至 1.8。',
    category: 'land',
    via: 'investor',
    department: NR,
    status: 'assigned',
    raisedAgo: 20,
    deadlineIn: -3,
    countermeasure: '自然资源和规划局组织论证，按程序报批规划条件调整。',
  },
  {
    title: '不动产权证办理进度慢',
    description: '土地出让金已缴清一个月，不动产权证尚未办出，影响融资抵押。',
    category: 'approval',
    via: 'unit',
    department: NR,
    status: 'replied',
    raisedAgo: 14,
    deadlineIn: 3,
    countermeasure: '开辟绿色通道，限时办结。',
    reply: '已于本周完成登簿，权证可到政务服务中心领取。',
  },
  {
    title: '临时用地审批',
    description: '施工期间需临时用地堆放材料，约 8 亩。',
    category: 'land',
    via: 'unit',
    department: NR,
    status: 'closed',
    raisedAgo: 40,
    deadlineIn: -20,
    countermeasure: '按临时用地程序限时审批。',
    reply: '临时用地已批复，期限两年。',
  },
  {
    title: '厂区外供电线路未接入',
    description: '新建变电站至厂区的 10kV 线路尚未施工，设备调试无法进行。',
    category: 'factors',
    via: 'investor',
    department: '发展和改革局',
    status: 'assigned',
    raisedAgo: 9,
    deadlineIn: 6,
    countermeasure: '发改局协调供电公司制定接入方案并倒排工期。',
  },
  {
    title: '技改设备补助政策咨询',
    description: '企业购置冷镦机等设备约 3000 万元，咨询可申报的技改补助政策。',
    category: 'policy',
    via: 'unit',
    department: '商务局',
    status: 'closed',
    raisedAgo: 30,
    deadlineIn: -15,
    countermeasure: '商务局会同发改局梳理可申报政策清单。',
    reply: '已提供政策清单并指导企业完成省级技改专项申报。',
  },
  {
    title: '流动资金贷款对接',
    description: '投产初期流动资金缺口约 2000 万元，希望对接本地银行。',
    category: 'funds',
    via: 'investor',
    department: '发展和改革局',
    status: 'replied',
    raisedAgo: 12,
    deadlineIn: 2,
    reopened: true,
    countermeasure: '组织银企对接会，推荐纳入重点项目融资白名单。',
    reply: '已推荐三家银行，其中一家完成授信审批 1500 万元。',
  },
  {
    title: '环评批复前置条件不清',
    description: '企业对电镀工序环评的前置条件和排放总量来源不清楚。',
    category: 'approval',
    via: 'unit',
    department: '生态环境分局',
    status: 'accepted',
    raisedAgo: 7,
    deadlineIn: 8,
    countermeasure: '生态环境分局上门指导，明确总量来源。',
  },
  {
    title: '施工许可联合审图',
    description: '施工图审查意见反复，希望联合审图一次性告知。',
    category: 'approval',
    via: 'department',
    department: '住房和城乡建设局',
    status: 'assigned',
    raisedAgo: 18,
    deadlineIn: -1,
    countermeasure: '住建局组织联合审图，一次性告知修改意见。',
  },
  {
    title: '员工宿舍配套',
    description: '投产后需安排约 200 名员工住宿，园区宿舍不足。',
    category: 'factors',
    via: 'unit',
    department: null,
    status: 'raised',
    raisedAgo: 2,
  },
  {
    title: '天然气管道接入费用',
    description: '燃气公司报价的接入费用偏高，企业希望协调。',
    category: 'funds',
    via: 'investor',
    department: null,
    status: 'raised',
    raisedAgo: 1,
  },
  {
    title: '厂区道路与市政道路衔接',
    description: '厂区出入口与规划市政道路标高不一致，需调整设计。',
    category: 'other',
    via: 'unit',
    department: NR,
    status: 'closed',
    raisedAgo: 45,
    deadlineIn: -28,
    countermeasure: '自然资源和规划局会同住建局现场踏勘，调整出入口设计。',
    reply: '已出具调整后的规划意见，企业按新标高施工。',
  },
];

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export async function loadDemoProblems(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; username: string; now: Date },
): Promise<{ problems: number }> {
  const rand = mulberry32(20261128);
  const today = chinaToday(o.now);
  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'unitId', 'name'])
    .where('districtId', '=', o.districtId)
    .where('stage', 'in', ['signed', 'landed', 'started'])
    .orderBy('name')
    .execute();
  if (projects.length === 0) return { problems: 0 };
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
  const usersOf = async (roles: string[]) =>
    trx
      .selectFrom('users as u')
      .innerJoin('userRoles as r', 'r.userId', 'u.id')
      .select(['u.id', 'u.username', 'u.unitId', 'u.displayName', 'r.role'])
      .where('u.districtId', '=', o.districtId)
      .where('r.role', 'in', roles as never)
      .orderBy('u.username')
      .execute();
  const people = await usersOf(['unit_reporter', 'department_handler', 'center_admin', 'leader']);
  const reporterOf = (unitId: string) =>
    people.find((p) => p.unitId === unitId && p.role === 'unit_reporter');
  const handlerOf = (unitId: string) =>
    people.find((p) => p.unitId === unitId && p.role === 'department_handler');
  const center = people.find((p) => p.role === 'center_admin') ?? {
    id: o.userId,
    username: o.username,
    displayName: '',
  };
  const leader =
    people.find((p) => p.role === 'leader' && p.username === 'leader02') ??
    people.find((p) => p.role === 'leader');

  let count = 0;
  for (const [i, s] of SPECS.entries()) {
    const project = projects[(i * 5 + Math.floor(rand() * 3)) % projects.length]!;
    const departmentUnitId = s.department ? (departments.get(s.department) ?? null) : null;
    if (s.department && !departmentUnitId) continue;
    const raiser = s.via === 'unit' ? reporterOf(project.unitId) : null;
    const deptRaiser = s.via === 'department' && departmentUnitId ? handlerOf(departmentUnitId) : null;
    const handler = departmentUnitId ? handlerOf(departmentUnitId) : undefined;
    const raisedOn = addDays(today, -s.raisedAgo);
    const events: {
      kind: DB['problemEvents']['kind'];
      note: string | null;
      who: { id: string; username: string } | null;
      at: Date;
      portal?: boolean;
    }[] = [];
    const raisedAt = at(raisedOn, 9);
    const raisedBy = raiser ?? deptRaiser ?? null;
    events.push({ kind: 'raised', note: null, who: raisedBy, at: raisedAt, portal: s.via === 'investor' });
    const steps: Partial<Record<'assigned' | 'accepted' | 'replied' | 'closed', Date>> = {};
    if (s.status !== 'raised') {
      steps.assigned = at(addDays(raisedOn, 1), 10);
      events.push({ kind: 'assigned', note: s.countermeasure ?? null, who: center, at: steps.assigned });
    }
    if (['accepted', 'replied', 'closed'].includes(s.status)) {
      steps.accepted = at(addDays(raisedOn, 2), 15);
      events.push({ kind: 'accepted', note: null, who: handler ?? null, at: steps.accepted });
    }
    if (['replied', 'closed'].includes(s.status)) {
      const replyOn = addDays(raisedOn, Math.min(s.raisedAgo - 1, 4 + Math.floor(rand() * 5)));
      if (s.reopened) {
        // A first answer the investor did not accept, then the department's second round.
        events.push({
          kind: 'replied',
          note: '已与银行初步沟通。',
          who: handler ?? null,
          at: at(addDays(raisedOn, 3), 11),
        });
        events.push({
          kind: 'reopened',
          note: '企业反映尚未落实授信，重新交办。',
          who: center,
          at: at(addDays(raisedOn, 4), 9),
        });
        steps.assigned = at(addDays(raisedOn, 4), 9);
        steps.accepted = at(addDays(raisedOn, 5), 10);
        events.push({ kind: 'accepted', note: null, who: handler ?? null, at: steps.accepted });
      }
      steps.replied = at(s.reopened ? addDays(raisedOn, 8) : replyOn, 16);
      events.push({ kind: 'replied', note: s.reply ?? null, who: handler ?? null, at: steps.replied });
    }
    if (s.status === 'closed') {
      steps.closed = new Date((steps.replied as Date).getTime() + 20 * 3_600_000);
      events.push({
        kind: 'closed',
        note: '问题已解决，确认办结。',
        who: reporterOf(project.unitId) ?? center,
        at: steps.closed,
      });
    }
    const escalatedAt =
      s.escalated && s.deadlineIn !== undefined ? at(addDays(today, s.deadlineIn + 3), 8) : null;
    if (escalatedAt) {
      events.push({
        kind: 'escalated',
        note: `逾期未办结，已提请分管领导${leader ? `（${leader.displayName}）` : ''}督办。`,
        who: null,
        at: escalatedAt,
      });
    }
    const lastAt = events.reduce((m, e) => (e.at > m ? e.at : m), raisedAt);
    const row = await trx
      .insertInto('problems')
      .values({
        districtId: o.districtId,
        unitId: project.unitId,
        projectId: project.id,
        raisedVia: s.via,
        raisedBy: raisedBy?.id ?? null,
        raiserName: s.via === 'investor' ? '企业联系人（演示）' : null,
        portalTokenId: null,
        title: s.title,
        description: s.description,
        category: s.category,
        departmentUnitId,
        leaderInCharge: departmentUnitId ? (leader?.displayName ?? '分管副区长（演示）') : null,
        leaderUserId: departmentUnitId ? (leader?.id ?? null) : null,
        countermeasure: s.countermeasure ?? null,
        deadline: departmentUnitId && s.deadlineIn !== undefined ? addDays(today, s.deadlineIn) : null,
        status: s.status,
        reply: s.status === 'replied' || s.status === 'closed' ? (s.reply ?? null) : null,
        assignedAt: steps.assigned ?? null,
        acceptedAt: steps.accepted ?? null,
        repliedAt: steps.replied ?? null,
        closedAt: steps.closed ?? null,
        reopenCount: s.reopened ? 1 : 0,
        escalationLevel: escalatedAt ? 1 : 0,
        escalatedAt,
        version: events.length,
        createdAt: raisedAt,
        updatedAt: lastAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('problemEvents')
      .values(
        events.map((e) => ({
          districtId: o.districtId,
          problemId: row.id,
          kind: e.kind,
          note: e.note,
          userId: e.who?.id ?? null,
          username: e.who?.username ?? null,
          viaPortal: e.portal ?? false,
          at: e.at,
        })),
      )
      .execute();
    count++;
  }
  return { problems: count };
}
