import type { Region, Unit } from '../../../domain/organization/organization.schemas.js';

export interface UnitOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export type UnitOptions = (UnitOption | { label: string; options: UnitOption[] })[];

/**
 * Units for a Select: grouped by district when there are several; inactive units are labelled, and
 * disabled unless `keepId` is the one a user already belongs to.
 */
export function unitOptions(
  units: Unit[],
  regions: Region[],
  opts: { inactiveSuffix: string; disableInactive: boolean; keepId?: string },
): UnitOptions {
  const sorted = [...units].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const toOption = (u: Unit): UnitOption => ({
    value: u.id,
    label: u.active ? u.name : `${u.name}${opts.inactiveSuffix}`,
    disabled: opts.disableInactive && !u.active && u.id !== opts.keepId,
  });
  const districtIds = [...new Set(sorted.map((u) => u.districtId))];
  if (districtIds.length <= 1) return sorted.map(toOption);
  return districtIds.map((id) => ({
    label: regions.find((r) => r.id === id)?.name ?? id,
    options: sorted.filter((u) => u.districtId === id).map(toOption),
  }));
}
