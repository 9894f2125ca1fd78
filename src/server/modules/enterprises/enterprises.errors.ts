import { AppError, httpErrors } from '../../http/errors.js';

const field = (message: string, messageZh: string) => ({ message, messageZh });

export const enterprisesErrors = {
  notFound: () => httpErrors.notFound('Enterprise', '企业', 'enterprises.not_found'),
  invalidCreditCode: (messageEn: string, messageZh: string) =>
    new AppError(400, 'enterprises.invalid_credit_code', messageEn, messageZh, {
      creditCode: field(messageEn, messageZh),
    }),
  unknownRegion: () =>
    new AppError(
      400,
      'enterprises.unknown_region',
      'The origin is not a GB/T 2260 province, city or county code.',
      '来源地不是有效的行政区划代码（GB/T 2260）。',
      {
        originRegionCode: field(
          'Not a GB/T 2260 province, city or county code.',
          '不是有效的省、市或区县行政区划代码。',
        ),
      },
    ),
  twoOrigins: () =>
    new AppError(
      400,
      'enterprises.two_origins',
      'An enterprise comes from a place in China or from a foreign country, not both.',
      '来源地只能是国内省市或境外国家之一。',
      {
        originCountry: field(
          'Choose a Chinese origin or a country, not both.',
          '国内来源地与境外国家只能填一个。',
        ),
      },
    ),
  stale: () =>
    new AppError(
      409,
      'enterprises.version_conflict',
      'Someone saved this enterprise after you opened it; reload and apply your change again.',
      '该企业信息已被他人修改，请刷新后重新填写您的修改。',
    ),
  duplicate: (other: { id: string; name: string }, by: 'creditCode' | 'name') =>
    new AppError(
      409,
      'enterprises.duplicate',
      `Another enterprise already has this ${by === 'creditCode' ? 'credit code' : 'name'}: ${other.name}.`,
      `已有企业使用相同的${by === 'creditCode' ? '统一社会信用代码' : '名称'}：${other.name}。`,
      {
        [by]: field(
          `Already used by ${other.name} (${other.id}).`,
          `已被“${other.name}”使用，请勿重复建档。`,
        ),
      },
    ),
  editDenied: () =>
    new AppError(
      403,
      'enterprises.edit_denied',
      'Only the center and the units that work with this enterprise (a lead or project) may edit it.',
      '只有投促中心和与该企业有线索或项目往来的单位可以修改企业信息。',
    ),
};
