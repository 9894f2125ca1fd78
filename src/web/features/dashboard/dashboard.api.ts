import { useQuery } from '@tanstack/react-query';
import { resolveScope } from '../../../domain/access/scope.js';
import type { DistrictDashboard, UnitDashboard } from '../../../domain/dashboard/dashboard.schemas.js';
import { api } from '../../app/api.js';
import { useCurrentUser } from '../../app/auth.js';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  district: () => ['dashboard', 'district'] as const,
  unit: (unitId: string | null) => ['dashboard', 'unit', unitId] as const,
};

/** The district dashboard; the 大屏 passes a refetch interval so it refreshes itself. */
export function useDistrictDashboard(refetchInterval?: number) {
  return useQuery({
    queryKey: dashboardKeys.district(),
    queryFn: () => api.get<DistrictDashboard>('/api/dashboard'),
    refetchInterval,
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
