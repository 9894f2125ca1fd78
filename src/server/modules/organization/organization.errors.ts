import { AppError, httpErrors } from '../../http/errors.js';

export const organizationErrors = {
  unitNotFound: () => httpErrors.notFound('Unit', '单位', 'organization.unit_not_found'),
  districtNotFound: () => httpErrors.notFound('District', '县区', 'organization.district_not_found'),
  cityNotFound: () => httpErrors.notFound('City', '市', 'organization.city_not_found'),
  duplicateUnitName: (name: string) =>
    httpErrors.conflict(
      'organization.duplicate_unit_name',
      `A unit named "${name}" already exists in this district.`,
      `本县区已有名为“${name}”的单位。`,
      { name: { message: 'Already used in this district.', messageZh: '本县区已有同名单位。' } },
    ),
  duplicateDistrictName: (name: string) =>
    httpErrors.conflict(
      'organization.duplicate_district_name',
      `A district named "${name}" already exists in this city.`,
      `本市已有名为“${name}”的县区。`,
      { name: { message: 'Already used in this city.', messageZh: '本市已有同名县区。' } },
    ),
  unitHasActiveUsers: (n: number) =>
    new AppError(
      409,
      'organization.unit_has_active_users',
      `This unit still has ${n} active account(s); move or disable them before deactivating it.`,
      `该单位仍有 ${n} 个启用的账户，请先调整或停用后再停用单位。`,
    ),
};
