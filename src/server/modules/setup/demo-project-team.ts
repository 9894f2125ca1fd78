import type { Transaction } from 'kysely';
import { addDays, chinaToday } from '../../../domain/dates.js';
import type { TeamRole } from '../../../domain/landing/landing-codes.js';
import type { DB } from '../../db/schema.js';
import { mulberry32 } from './demo-random.js';

// The demo district's 专班 and 首席服务员: special teams on the largest signed projects (not withdrawn)
// (members from the project's unit, the center and departments), a first-contact officer named on most signed
// projects within the window (one named late), none on three projects signed more than the window ago (the
// warning's examples), and the green channel on a few more projects than the pipeline demo set.

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '晓东',
  '海燕',
];
const TEAM_DEPARTMENTS = [
  '自然资源和规划局',
  '行政审批局',
  '发展和改革局',
  '住房和城乡建设局',
  '生态环境分局',
];
const DUTIES: Record<TeamRole, string[]> = {
  leader: ['统筹协调项目推进中的重大问题'],
  deputy: ['牵头日常调度，每周通报进展'],
  member: ['用地报批与规划许可', '审批手续帮办代办', '立项备案与能评', '施工许可与质量安全', '环评审批'],
};
const UNNAMED = 3;

export async function loadDemoProjectTeam(
  trx: Transaction<DB>,
  o: { districtId: string; now: Date },
): Promise<{ teams: number; officers: number; unnamed: number }> {
  const rand = mulberry32(20261130);
  const today = chinaToday(o.now);
  const person = () =>
    `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${GIVEN[Math.floor(rand() * GIVEN.length)]}`;
  const phone = () => `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;

  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'unitId', 'signingDate', 'signedAmountYuan', 'greenChannel', 'name'])
    .where('districtId', '=', o.districtId)
    .where('stage', '<>', 'withdrawn')
    .where('signingDate', 'is not', null)
    .orderBy('signingDate', 'desc')
    .orderBy('name')
    .execute();
  if (projects.length === 0) return { teams: 0, officers: 0, unnamed: 0 };
  const units = await trx
    .selectFrom('units')
    .select(['id', 'name', 'kind'])
    .where('districtId', '=', o.districtId)
    .execute();
  const center = units.find((u) => u.kind === 'center');
  const deptIds = TEAM_DEPARTMENTS.map((n) => units.find((u) => u.name === n)?.id).filter(
    (x): x is string => x !== undefined,
  );

  // The warning's examples: the three most recent signings older than the (ordinary) 5-day window.
  const unnamed = new Set(
    projects
      .filter((p) => p.signingDate && p.signingDate < addDays(today, -8))
      .slice(0, UNNAMED)
      .map((p) => p.id),
  );
  let officers = 0;
  for (const [i, p] of projects.entries()) {
    if (unnamed.has(p.id)) continue;
    const signed = p.signingDate as string;
    // Named within a few days of signing; one named late, which is recorded but no longer warned about.
    const after = i === 4 ? 9 : Math.floor(rand() * 4);
    const named = addDays(signed, after);
    const namedOn = [named, today].sort()[0]!;
    await trx
      .updateTable('projects')
      .set({
        firstContactOfficer: person(),
        firstContactPhone: phone(),
        firstContactNamedOn: namedOn as never,
      })
      .where('id', '=', p.id)
      .execute();
    officers++;
  }

  // Special teams on the largest projects; the green channel on some more of them.
  const major = [...projects]
    .sort((a, b) => Number(BigInt(b.signedAmountYuan ?? '0') - BigInt(a.signedAmountYuan ?? '0')) || 0)
    .slice(0, 8);
  for (const [i, p] of major.entries()) {
    const members: { unitId: string | null; role: TeamRole; duty: string }[] = [
      { unitId: center?.id ?? null, role: 'leader', duty: DUTIES.leader[0]! },
      { unitId: p.unitId, role: 'deputy', duty: DUTIES.deputy[0]! },
      ...deptIds.slice(0, 2 + (i % 3)).map((unitId, k) => ({
        unitId,
        role: 'member' as const,
        duty: DUTIES.member[(i + k) % DUTIES.member.length]!,
      })),
    ];
    await trx
      .insertInto('projectTeamMembers')
      .values(
        members.map((m, k) => ({
          districtId: o.districtId,
          projectId: p.id,
          unitId: m.unitId,
          name: person(),
          role: m.role,
          duty: m.duty,
          sortOrder: k,
          createdAt: o.now,
        })),
      )
      .execute();
    if (i % 3 === 1 && !p.greenChannel) {
      await trx.updateTable('projects').set({ greenChannel: true }).where('id', '=', p.id).execute();
    }
  }
  return { teams: major.length, officers, unnamed: unnamed.size };
}
