import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type { SupervisionReplyKind } from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';

// The demo district's 督办单: the supervision office (督查室, supervisor01) has written to towns and to
// departments (自然资源和规划局 among them); there are notices awaiting a reply (some past their reply date),
// replied ones waiting for the office, some followed up (继续督办, issued again with a new date), and closed ones
// (销号). Fixed specs relative to today; written directly, without notices, like the other demo loaders.

type Step = { kind: SupervisionReplyKind; daysAgo: number; text: string; dueIn?: number };
interface Spec {
  /** a department by name, or a town by its index among the district's towns */
  to: string | number;
  subject: string;
  body: string;
  issuedDaysAgo: number;
  /** the first reply due date, in days from today (negative: past) */
  dueIn: number;
  steps: Step[];
  withProject?: boolean;
}

const NR = '自然资源和规划局';
const SPECS: Spec[] = [
  {
    to: NR,
    subject: '关于加快重点项目土地报批的督办',
    body: '请对照问题清单，于期限内反馈用地指标落实和报批进度。',
    issuedDaysAgo: 3,
    dueIn: 7,
    steps: [],
    withProject: true,
  },
  {
    to: NR,
    subject: '关于二期用地规划条件调整的督办',
    body: '规划条件调整论证已超出承诺时限，请说明原因及完成时间。',
    issuedDaysAgo: 15,
    dueIn: -3,
    steps: [],
    withProject: true,
  },
  {
    to: 0,
    subject: '关于签约项目开工准备情况的督办',
    body: '请报告已签约未开工项目的开工准备情况和存在的问题。',
    issuedDaysAgo: 20,
    dueIn: -6,
    steps: [{ kind: 'reply', daysAgo: 8, text: '已逐项核实，3个项目计划12月开工，详见附表。' }],
    withProject: true,
  },
  {
    to: 1,
    subject: '关于资金到位月报迟报的督办',
    body: '贵单位连续两月资金到位月报迟报，请整改并反馈。',
    issuedDaysAgo: 25,
    dueIn: -15,
    steps: [
      { kind: 'reply', daysAgo: 16, text: '已指定专人负责月报，下月起按时报送。' },
      { kind: 'follow_up', daysAgo: 10, text: '请补报已迟报月份的佐证材料。', dueIn: 5 },
    ],
  },
  {
    to: 2,
    subject: '关于投资者反映水电接入问题的督办',
    body: '企业通过服务平台反映水电接入迟缓，请协调并反馈。',
    issuedDaysAgo: 30,
    dueIn: -20,
    steps: [
      { kind: 'reply', daysAgo: 21, text: '已协调供电公司现场踏勘。' },
      { kind: 'follow_up', daysAgo: 14, text: '请明确接入完成时间。', dueIn: -2 },
    ],
    withProject: true,
  },
  {
    to: '住房和城乡建设局',
    subject: '关于施工许可办理时限的督办',
    body: '请说明近期施工许可平均办理时长及压缩措施。',
    issuedDaysAgo: 40,
    dueIn: -30,
    steps: [
      { kind: 'reply', daysAgo: 31, text: '平均办理时长已压缩至5个工作日，措施见附件。' },
      { kind: 'close', daysAgo: 28, text: '反馈属实，予以销号。' },
    ],
  },
  {
    to: 0,
    subject: '关于项目首席服务员配备的督办',
    body: '部分签约项目未按期配备首席服务员，请落实。',
    issuedDaysAgo: 45,
    dueIn: -38,
    steps: [
      { kind: 'reply', daysAgo: 39, text: '已为2个项目配备首席服务员。' },
      { kind: 'follow_up', daysAgo: 36, text: '仍有1个项目未配备，请继续落实。', dueIn: -30 },
      { kind: 'reply', daysAgo: 31, text: '已全部配备到位。' },
      { kind: 'close', daysAgo: 30, text: '已落实，销号。' },
    ],
  },
  {
    to: '行政审批局',
    subject: '关于并联审批推进情况的督办',
    body: '请反馈重点项目并联审批推进情况。',
    issuedDaysAgo: 12,
    dueIn: -6,
    steps: [],
  },
];

export async function loadDemoSupervision(trx: Transaction<DB>, o: { districtId: string; now: Date }) {
  const today = chinaToday(o.now);
  const year = Number(today.slice(0, 4));
  const ago = (days: number) => new Date(o.now.getTime() - days * 86_400_000);
  const supervisor = await trx
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(['users.id', 'users.username'])
    .where('users.districtId', '=', o.districtId)
    .where('userRoles.role', '=', 'supervisor')
    .orderBy('users.username')
    .executeTakeFirst();
  const units = await trx
    .selectFrom('units')
    .select(['id', 'name', 'kind'])
    .where('districtId', '=', o.districtId)
    .where('active', '=', true)
    .orderBy('sortOrder')
    .orderBy('name')
    .execute();
  const towns = units.filter((u) => u.kind === 'town');
  const byName = new Map(units.map((u) => [u.name, u]));
  const { max } = await trx
    .selectFrom('supervisionNotices')
    .select((eb) => eb.fn.max<number>('number').as('max'))
    .where('districtId', '=', o.districtId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  let number = max ?? 0;
  let written = 0;
  for (const spec of SPECS) {
    const unit = typeof spec.to === 'number' ? towns[spec.to] : byName.get(spec.to);
    if (!unit) continue;
    // A department's notice names a project one of its problems is about; a town's, one of its own projects.
    const project = spec.withProject
      ? await trx
          .selectFrom('projects')
          .select('id')
          .where('districtId', '=', o.districtId)
          .where('stage', 'in', ['signed', 'landed', 'started'])
          .$if(unit.kind !== 'department', (q) => q.where('unitId', '=', unit.id))
          .orderBy('name')
          .executeTakeFirst()
      : undefined;
    const problem =
      spec.withProject && unit.kind === 'department'
        ? await trx
            .selectFrom('problems')
            .select(['id', 'projectId'])
            .where('districtId', '=', o.districtId)
            .where('departmentUnitId', '=', unit.id)
            .orderBy('createdAt')
            .executeTakeFirst()
        : undefined;
    const last = spec.steps.at(-1);
    const status =
      !last || last.kind === 'follow_up' ? 'issued' : last.kind === 'reply' ? 'replied' : 'closed';
    const dueIn = [...spec.steps].reverse().find((s) => s.kind === 'follow_up')?.dueIn ?? spec.dueIn;
    const issuedAt = ago(spec.issuedDaysAgo);
    const worker = await trx
      .selectFrom('users')
      .select('username')
      .where('unitId', '=', unit.id)
      .orderBy('username')
      .executeTakeFirst();
    const notice = await trx
      .insertInto('supervisionNotices')
      .values({
        districtId: o.districtId,
        unitId: unit.id,
        year,
        number: ++number,
        subject: spec.subject,
        body: spec.body,
        replyDueOn: addDays(today, dueIn),
        status,
        projectId: problem?.projectId ?? project?.id ?? null,
        problemId: problem?.id ?? null,
        issuedBy: supervisor?.id ?? null,
        issuedAt,
        closedAt: status === 'closed' && last ? ago(last.daysAgo) : null,
        version: 1 + spec.steps.length,
        updatedAt: last ? ago(last.daysAgo) : issuedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (spec.steps.length) {
      await trx
        .insertInto('supervisionReplies')
        .values(
          spec.steps.map((s) => ({
            districtId: o.districtId,
            noticeId: notice.id,
            kind: s.kind,
            text: s.text,
            replyDueOn: s.kind === 'follow_up' && s.dueIn !== undefined ? addDays(today, s.dueIn) : null,
            userId: null,
            username: s.kind === 'reply' ? (worker?.username ?? null) : (supervisor?.username ?? null),
            at: ago(s.daysAgo),
          })),
        )
        .execute();
    }
    written++;
  }
  return { notices: written };
}
