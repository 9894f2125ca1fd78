import { AppError, httpErrors } from '../../http/errors.js';

export interface LinkReferences {
  children: number;
  enterprises: number;
  leads: number;
  projects: number;
  targets: number;
}

/** "2 sub-links, 1 enterprise, 3 leads" / "2 个下级环节、1 家企业、3 条线索" for what still points at a link. */
function describe(r: LinkReferences): { en: string; zh: string } {
  const parts: Array<[number, string, string]> = [
    [r.children, 'sub-link(s)', '个下级环节'],
    [r.enterprises, 'placed enterprise(s)', '家链主/在区企业'],
    [r.leads, 'lead(s)', '条线索'],
    [r.projects, 'project(s)', '个项目'],
    [r.targets, 'target enterprise(s)', '家目标企业'],
  ];
  const used = parts.filter(([n]) => n > 0);
  return {
    en: used.map(([n, en]) => `${n} ${en}`).join(', '),
    zh: used.map(([n, , zh]) => `${n} ${zh}`).join('、'),
  };
}

export const chainsErrors = {
  notFound: () => httpErrors.notFound('Chain', '产业链', 'chains.not_found'),
  linkNotFound: () => httpErrors.notFound('Chain link', '产业链环节', 'chains.link_not_found'),
  nameTaken: (name: string) =>
    httpErrors.conflict(
      'chains.name_taken',
      `The district already has a chain named “${name}”.`,
      `本区已有名为“${name}”的产业链。`,
      { name: { message: `A chain named “${name}” exists.`, messageZh: `已有同名产业链“${name}”。` } },
    ),
  parentInvalid: () =>
    new AppError(
      400,
      'chains.parent_invalid',
      'The parent link must be another link of the same chain, and not one of the link’s own sub-links.',
      '上级环节须为同一条产业链中的其他环节，且不能是该环节自己的下级。',
      {
        parentId: {
          message: 'Choose a link of this chain outside this link’s branch.',
          messageZh: '请选择本链中该环节分支以外的环节。',
        },
      },
    ),
  orderInvalid: () =>
    new AppError(
      400,
      'chains.order_invalid',
      'The order must list links of this chain that share one parent.',
      '排序只能包含本链中同一上级下的环节。',
    ),
  enterpriseUnknown: () =>
    new AppError(
      400,
      'chains.enterprise_unknown',
      'The enterprise is not one of this district’s enterprises.',
      '该企业不在本区企业库中。',
      {
        enterpriseId: {
          message: 'Choose an enterprise of this district.',
          messageZh: '请选择本区企业库中的企业。',
        },
      },
    ),
  linkInUse: (r: LinkReferences) => {
    const d = describe(r);
    return httpErrors.conflict(
      'chains.link_in_use',
      `This link cannot be deleted while ${d.en} point at it; move or remove them first.`,
      `该环节下还有 ${d.zh}，请先移走或删除后再删除环节。`,
    );
  },
  chainInUse: (r: Omit<LinkReferences, 'children' | 'enterprises'>) => {
    const d = describe({ ...r, children: 0, enterprises: 0 });
    return httpErrors.conflict(
      'chains.chain_in_use',
      `This chain cannot be deleted while ${d.en} sit on its links; move them to other links first.`,
      `该产业链的环节上还有 ${d.zh}，请先调整到其他环节后再删除。`,
    );
  },
};
