import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type { CommitmentKind } from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's 承诺事项: what was promised to the investors of signed, landed and started projects, over
// six owner departments and every kind, in every state (pending, pending past due, fulfilled on time, fulfilled
// late, cancelled), so 兑现率 and 按时兑现率 differ from department to department. Written directly, without
// notices, like the other demo loaders.

interface Spec {
  kind: CommitmentKind;
  content: string;
  /** 万元 */
  amountWan?: number;
  department: string;
  /** due date in days from today (negative: past) */
  dueIn: number;
  state: 'pending' | 'fulfilled' | 'cancelled';
  /** fulfilled this many days after the due date (negative: early) */
  fulfilledAfterDue?: number;
  evidence?: string;
  cancelReason?: string;
}

const NR = '自然资源和规划局';
const FIN = '财政局';
const MIIT = '工业和信息化局';
const COM = '商务局';
const APPROVAL = '行政审批局';
const HR = '人力资源和社会保障局';

const SPECS: Spec[] = [
  {
    kind: 'land',
    content: '协议签订后 90 日内完成项目用地挂牌出让',
    department: NR,
    dueIn: -40,
    state: 'fulfilled',
    fulfilledAfterDue: -5,
    evidence: '已签订国有建设用地使用权出让合同，合同编号见附件。',
  },
  {
    kind: 'land',
    content: '年内落实二期 45 亩新增建设用地指标',
    department: NR,
    dueIn: -10,
    state: 'pending',
  },
  {
    kind: 'land',
    content: '土地出让金缴清后 30 日内办出不动产权证',
    department: NR,
    dueIn: -25,
    state: 'fulfilled',
    fulfilledAfterDue: 6,
    evidence: '不动产权证已登簿发证，企业已领取。',
  },
  { kind: 'land', content: '配合完成规划条件调整论证', department: NR, dueIn: 30, state: 'pending' },
  {
    kind: 'subsidy',
    content: '设备投资到位后兑现设备购置补助',
    amountWan: 500,
    department: FIN,
    dueIn: -60,
    state: 'fulfilled',
    fulfilledAfterDue: -10,
    evidence: '补助资金已拨付至企业账户（财预〔2026〕38号）。',
  },
  {
    kind: 'subsidy',
    content: '竣工投产后兑现固定资产投资奖励',
    amountWan: 300,
    department: FIN,
    dueIn: -20,
    state: 'fulfilled',
    fulfilledAfterDue: 3,
    evidence: '奖励资金已拨付（财预〔2026〕52号）。',
  },
  { kind: 'subsidy', content: '研发费用后补助', amountWan: 80, department: FIN, dueIn: 10, state: 'pending' },
  {
    kind: 'subsidy',
    content: '三年厂房租金补贴',
    amountWan: 120,
    department: FIN,
    dueIn: -90,
    state: 'cancelled',
    cancelReason: '企业改为自建厂房，不再租赁，双方协商取消。',
  },
  {
    kind: 'policy',
    content: '协助申报省级技术改造专项资金',
    department: MIIT,
    dueIn: -30,
    state: 'fulfilled',
    fulfilledAfterDue: -2,
    evidence: '已完成申报并列入省级技改项目库。',
  },
  { kind: 'policy', content: '纳入专精特新企业培育库', department: MIIT, dueIn: 45, state: 'pending' },
  {
    kind: 'policy',
    content: '落实首台（套）装备保险补偿政策',
    department: MIIT,
    dueIn: -8,
    state: 'pending',
  },
  {
    kind: 'policy',
    content: '外资到位后兑现外资奖励',
    amountWan: 200,
    department: COM,
    dueIn: -15,
    state: 'fulfilled',
    fulfilledAfterDue: -1,
    evidence: '外资奖励已兑现，见商务局兑现通知。',
  },
  {
    kind: 'service',
    content: '组织参加进博会产业链对接活动',
    department: COM,
    dueIn: -50,
    state: 'fulfilled',
    fulfilledAfterDue: -20,
    evidence: '已组织企业参加对接会并签约两家供应商。',
  },
  {
    kind: 'service',
    content: '施工许可并联审批 15 个工作日内办结',
    department: APPROVAL,
    dueIn: -35,
    state: 'fulfilled',
    fulfilledAfterDue: 8,
    evidence: '施工许可证已核发。',
  },
  { kind: 'service', content: '指定代办员全程帮办代办', department: APPROVAL, dueIn: -3, state: 'pending' },
  { kind: 'service', content: '环评与能评容缺受理', department: APPROVAL, dueIn: 20, state: 'pending' },
  {
    kind: 'service',
    content: '投产前组织招工对接 200 人',
    department: HR,
    dueIn: -45,
    state: 'fulfilled',
    fulfilledAfterDue: 15,
    evidence: '已举办专场招聘会两场，到岗 186 人，其余由企业自行招聘。',
  },
  { kind: 'other', content: '提供人才公寓 20 套', department: HR, dueIn: -12, state: 'pending' },
  {
    kind: 'other',
    content: '解决高管子女入学',
    department: HR,
    dueIn: -70,
    state: 'cancelled',
    cancelReason: '企业高管家属暂不随迁。',
  },
  {
    kind: 'policy',
    content: '按协议兑现地方留成税收奖励',
    amountWan: 150,
    department: FIN,
    dueIn: 90,
    state: 'pending',
  },
];

export async function loadDemoCommitments(
  trx: Transaction<DB>,
  o: { districtId: string; userId: string; now: Date },
): Promise<{ commitments: number }> {
  const rand = mulberry32(20261129);
  const today = chinaToday(o.now);
  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'unitId'])
    .where('districtId', '=', o.districtId)
    .where('stage', 'in', ['signed', 'landed', 'started'])
    .orderBy('name')
    .execute();
  if (projects.length === 0) return { commitments: 0 };
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
  const agreements = await trx
    .selectFrom('agreements')
    .select(['id', 'projectId'])
    .where('districtId', '=', o.districtId)
    .orderBy('signingDate')
    .execute();
  let count = 0;
  for (const [i, s] of SPECS.entries()) {
    const departmentUnitId = departments.get(s.department);
    if (!departmentUnitId) continue;
    // Spread over the projects, a few commitments per project, deterministically.
    const project = projects[(i * 3 + Math.floor(rand() * 2)) % projects.length]!;
    const dueOn = addDays(today, s.dueIn);
    const fulfilledOn = s.state === 'fulfilled' ? addDays(dueOn, s.fulfilledAfterDue ?? 0) : null;
    const created = new Date(`${addDays(dueOn, -90 - Math.floor(rand() * 30))}T09:00:00+08:00`);
    const updated = fulfilledOn ? new Date(`${fulfilledOn}T16:00:00+08:00`) : created;
    await trx
      .insertInto('commitments')
      .values({
        districtId: o.districtId,
        unitId: project.unitId,
        projectId: project.id,
        agreementId: agreements.find((a) => a.projectId === project.id)?.id ?? null,
        kind: s.kind,
        content: s.content,
        amountYuan: s.amountWan ? String(BigInt(s.amountWan) * 10_000n) : null,
        departmentUnitId,
        dueOn,
        status: s.state,
        fulfilledOn,
        evidence: s.evidence ?? null,
        cancelReason: s.state === 'cancelled' ? (s.cancelReason ?? '双方协商取消。') : null,
        createdBy: o.userId,
        updatedBy: o.userId,
        createdAt: created,
        updatedAt: updated < created ? created : updated,
      })
      .execute();
    count++;
  }
  return { commitments: count };
}
