import type { BusinessRole } from '../../../domain/access/roles.js';
import type { UnitKind } from '../../../domain/organization/organization.schemas.js';

// The demo district: generated here, fictitious throughout. Unit names are generic Chinese place and office
// names; people are labelled 演示 so nobody mistakes them for real persons. Modelled on the speech's
// fastener-industry district (towns, 区直 departments, parks, 招商专班).

export interface DemoUnit {
  key: string;
  name: string;
  kind: UnitKind;
  users: { username: string; displayName: string; roles: BusinessRole[] }[];
}

const TOWNS = [
  '城东街道',
  '城西街道',
  '东阳镇',
  '西河镇',
  '南庄镇',
  '北辛庄乡',
  '青石镇',
  '柳林镇',
  '桃园镇',
  '杏花乡',
  '清水镇',
  '石桥镇',
  '双塔镇',
  '龙泉镇',
  '河湾乡',
];

const DEPARTMENTS = [
  '区政府办公室',
  '区政府督查室',
  '发展和改革局',
  '商务局',
  '自然资源和规划局',
  '生态环境分局',
  '住房和城乡建设局',
  '工业和信息化局',
  '财政局',
  '科学技术局',
  '农业农村局',
  '文化广电和旅游局',
  '交通运输局',
  '水利局',
  '市场监督管理局',
  '行政审批局',
  '人力资源和社会保障局',
  '应急管理局',
  '卫生健康局',
  '教育局',
  '民政局',
  '统计局',
  '金融工作服务中心',
  '城市管理综合行政执法局',
  '工商业联合会',
];

// Departments that handle procedures, problems and pre-review opinions (DOMAIN §1 department_handler).
const HANDLER_DEPARTMENTS = new Set([
  '发展和改革局',
  '商务局',
  '自然资源和规划局',
  '生态环境分局',
  '住房和城乡建设局',
  '行政审批局',
]);

const PARKS = ['经济开发区', '高端标准件产业园', '现代农业示范园'];
const TEAMS = ['紧固件产业链招商专班', '京津产业转移招商专班'];

const pad = (n: number) => String(n).padStart(2, '0');

export function demoUnits(): DemoUnit[] {
  const units: DemoUnit[] = [];
  TOWNS.forEach((name, i) => {
    const key = `town${pad(i + 1)}`;
    units.push({
      key,
      name,
      kind: 'town',
      users: [
        { username: `${key}.reporter`, displayName: `${name}填报员（演示）`, roles: ['unit_reporter'] },
        { username: `${key}.head`, displayName: `${name}负责人（演示）`, roles: ['unit_head'] },
      ],
    });
  });
  DEPARTMENTS.forEach((name, i) => {
    const key = `dept${pad(i + 1)}`;
    const users: DemoUnit['users'] = [
      { username: `${key}.reporter`, displayName: `${name}填报员（演示）`, roles: ['unit_reporter'] },
    ];
    if (name === '区政府办公室') {
      users.push(
        { username: 'leader01', displayName: '区长（演示）', roles: ['leader'] },
        { username: 'leader02', displayName: '分管副区长（演示）', roles: ['leader'] },
      );
    } else if (name === '区政府督查室') {
      users.push({ username: 'supervisor01', displayName: '督查室主任（演示）', roles: ['supervisor'] });
    } else {
      users.push({ username: `${key}.head`, displayName: `${name}负责人（演示）`, roles: ['unit_head'] });
    }
    if (HANDLER_DEPARTMENTS.has(name)) {
      users.push({
        username: `${key}.handler`,
        displayName: `${name}协办人（演示）`,
        roles: ['department_handler'],
      });
    }
    units.push({ key, name, kind: 'department', users });
  });
  PARKS.forEach((name, i) => {
    const key = `park${pad(i + 1)}`;
    units.push({
      key,
      name,
      kind: 'park',
      users: [
        { username: `${key}.reporter`, displayName: `${name}填报员（演示）`, roles: ['unit_reporter'] },
        { username: `${key}.head`, displayName: `${name}负责人（演示）`, roles: ['unit_head'] },
      ],
    });
  });
  TEAMS.forEach((name, i) => {
    const key = `team${pad(i + 1)}`;
    units.push({
      key,
      name,
      kind: 'team',
      users: [
        {
          username: `${key}.reporter`,
          displayName: `${name}联络员（演示）`,
          roles: ['unit_reporter', 'unit_head'],
        },
      ],
    });
  });
  return units;
}

/** Demo accounts placed in the promotion center itself. */
export const DEMO_CENTER_USERS: DemoUnit['users'] = [
  { username: 'center.admin', displayName: '投促中心主任（演示）', roles: ['center_admin'] },
  { username: 'center.reporter', displayName: '投促中心填报员（演示）', roles: ['unit_reporter'] },
  { username: 'city.viewer', displayName: '市投促局查看员（演示）', roles: ['city_viewer'] },
];
