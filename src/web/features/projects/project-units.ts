import { resolveScope } from '../../../domain/access/scope.js';
import { type CurrentUser, useCurrentUser } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { useRegions, useUnits } from '../organization/organization.api.js';
import { type UnitOptions, unitOptions } from '../users/unit-options.js';
import { usersMessages } from '../users/users.messages.js';

/** The center (and leaders) read the whole district; everyone else only their own unit. */
export function hasDistrictScope(user: CurrentUser): boolean {
  return (
    resolveScope({
      roles: user.roles,
      unitId: user.unit.id,
      districtId: user.district.id,
      cityId: user.city?.id ?? null,
    }).kind === 'district'
  );
}

/**
 * Units to pick in the project pages. A unit user gets only their own (the select is then locked); the district
 * gets every unit, inactive ones labelled (and, for entering a project, disabled).
 */
export function useProjectUnits(): {
  districtScope: boolean;
  filterOptions: UnitOptions;
  formOptions: UnitOptions;
} {
  const user = useCurrentUser();
  const t = useT(usersMessages);
  const districtScope = hasDistrictScope(user);
  const units = useUnits({ includeInactive: true }, districtScope);
  const regions = useRegions();
  if (!districtScope) {
    const own = [{ value: user.unit.id, label: user.unit.name }];
    return { districtScope, filterOptions: own, formOptions: own };
  }
  const all = units.data ?? [];
  const make = (disableInactive: boolean) =>
    unitOptions(all, regions.data ?? [], { inactiveSuffix: t.inactiveUnit, disableInactive });
  return { districtScope, filterOptions: make(false), formOptions: make(true) };
}

/** Every active unit of the caller's district: cooperating units may be any of them, whoever enters the project. */
export function useCooperatingUnitOptions(): UnitOptions {
  const units = useUnits({});
  return (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
}

/** Unit names for ids, from the same cached unit list (an id the caller cannot resolve shows as itself). */
export function useUnitNames(ids: string[]): string[] {
  const units = useUnits({ includeInactive: true });
  const byId = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  return ids.map((id) => byId.get(id) ?? id);
}
