import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { resolveScope } from '../../../domain/access/scope.js';
import type { DistrictDashboard, UnitDashboard } from '../../../domain/dashboard/dashboard.schemas.js';
import { api } from '../../app/api.js';
import { useCurrentUser } from '../../app/auth.js';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  district: (q: DashboardPeriod = {}) => ['dashboard', 'district', q.year ?? null, q.cutoff ?? null] as const,
  unit: (unitId: string | null) => ['dashboard', 'unit', unitId] as const,
};

/** The year and the last day counted (GET /api/dashboard's query); both absent: this year to today. */
export interface DashboardPeriod {
  year?: number;
  cutoff?: string;
}

/** The period in the address (`?year=2025&cutoff=2025-06-30`), as the dashboards' picker writes it. */
export function periodOf(params: URLSearchParams): DashboardPeriod {
  const year = Number(params.get('year'));
  const cutoff = params.get('cutoff') ?? '';
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    cutoff: /^\d{4}-\d{2}-\d{2}$/.test(cutoff) ? cutoff : undefined,
  };
}

/** The district dashboard; the 大屏 passes a refetch interval so it refreshes itself. */
export function useDistrictDashboard(refetchInterval?: number, period: DashboardPeriod = {}) {
  return useQuery({
    queryKey: dashboardKeys.district(period),
    queryFn: () => api.get<DistrictDashboard>('/api/dashboard', { year: period.year, cutoff: period.cutoff }),
    refetchInterval,
    // A new period keeps the old figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** A unit's dashboard: the caller's own unit, or (for the center) the one named. */
export function useUnitDashboard(unitId: string | null) {
  return useQuery({
    queryKey: dashboardKeys.unit(unitId),
    queryFn: () => api.get<UnitDashboard>('/api/dashboard/unit', { unitId }),
  });
}

/** Whether the viewer reads the whole district (center, leaders, supervisors); others get their unit's view. */
export function useDistrictReader(): boolean {
  const user = useCurrentUser();
  return (
    resolveScope({
      roles: user.roles,
      unitId: user.unit.id,
      districtId: user.district.id,
      cityId: user.city?.id ?? null,
    }).kind === 'district'
  );
}
