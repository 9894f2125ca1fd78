import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { industryLabel } from '../../../domain/enterprises/industry.js';
import {
  CHAIN_ROLE_LABELS,
  CHANNEL_LABELS,
  SOURCE_AREA_LABELS,
} from '../../../domain/projects/project-attributes.js';
import { COLUMN_SORTS, type ProjectColumn, type ProjectSort } from '../../../domain/projects/project-list.js';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { AGREEMENT_TYPE_LABELS } from '../../../domain/projects/stages.js';
import { formatDateTime } from '../../app/dates.js';
import type { Lang } from '../../app/i18n.js';
import { moneyAuto } from './project-format.js';
import { projectListMessages } from './project-list.messages.js';
import { StageTag } from './StageTag.js';

const DASH = '—';
type Render = (p: ProjectView) => React.ReactNode;

function renderers(lang: Lang): Record<ProjectColumn, Render> {
  const m = projectListMessages[lang];
  const yesNo = (b: boolean) => (b ? m.yes : m.no);
  return {
    name: (p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
    unit: (p) => p.unitName,
    enterprise: (p) => p.enterpriseName ?? DASH,
    stage: (p) => <StageTag stage={p.stage} />,
    chain: (p) => p.chain ?? DASH,
    chainRole: (p) => (p.chainRole ? CHAIN_ROLE_LABELS[p.chainRole][lang] : DASH),
    industryDivision: (p) => industryLabel(p.industryDivision) ?? DASH,
    industrial: (p) => (p.industrial ? m.industrialYes : m.industrialNo),
    highTech: (p) => yesNo(p.highTech),
    channel: (p) => (p.channel ? CHANNEL_LABELS[p.channel][lang] : DASH),
    sourceArea: (p) => (p.sourceArea ? SOURCE_AREA_LABELS[p.sourceArea][lang] : DASH),
    plannedTotal: (p) => moneyAuto(p.plannedTotalYuan),
    fixedAsset: (p) => moneyAuto(p.fixedAssetYuan),
    signedAmount: (p) => moneyAuto(p.signedAmountYuan),
    agreementType: (p) => (p.agreementType ? AGREEMENT_TYPE_LABELS[p.agreementType][lang] : DASH),
    signingDate: (p) => p.signingDate ?? DASH,
    landedDate: (p) => p.landedDate ?? DASH,
    startDate: (p) => p.startDate ?? DASH,
    productionDate: (p) => p.productionDate ?? DASH,
    greenChannel: (p) => yesNo(p.greenChannel),
    liaisonLeader: (p) => p.liaisonLeader ?? DASH,
    cityProjectCode: (p) => p.cityProjectCode ?? DASH,
    createdAt: (p) => formatDateTime(p.createdAt),
    updatedAt: (p) => formatDateTime(p.updatedAt),
  };
}

const RIGHT: ReadonlySet<ProjectColumn> = new Set(['plannedTotal', 'fixedAsset', 'signedAmount']);

/** The table's columns as chosen, the sortable ones showing the server's current order. */
export function projectTableColumns(
  chosen: readonly ProjectColumn[],
  lang: Lang,
  order: { sort: ProjectSort; order: 'asc' | 'desc' },
): TableColumnsType<ProjectView> {
  const render = renderers(lang);
  const labels = projectListMessages[lang].colLabels;
  return chosen.map((c) => {
    const sort = COLUMN_SORTS[c];
    return {
      key: c,
      title: labels[c],
      align: RIGHT.has(c) ? 'right' : undefined,
      render: (_: unknown, p: ProjectView) => render[c](p),
      ...(sort
        ? {
            sorter: true,
            sortOrder: order.sort === sort ? (order.order === 'asc' ? 'ascend' : 'descend') : null,
            sortDirections: ['descend', 'ascend'] as ('ascend' | 'descend')[],
          }
        : {}),
    };
  });
}
