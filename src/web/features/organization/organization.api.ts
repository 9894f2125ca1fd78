import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  CreateUnitInput,
  Region,
  Unit,
  UpdateUnitInput,
} from '../../../domain/organization/organization.schemas.js';
import { api } from '../../app/api.js';
import { queryClient } from '../../app/query-client.js';

export const organizationKeys = {
  all: ['organization'] as const,
  regions: ['organization', 'regions'] as const,
  units: (params: UnitsParams) => ['organization', 'units', params] as const,
};

export interface UnitsParams {
  districtId?: string;
  includeInactive?: boolean;
}

export interface CreateDistrictInput {
  cityId: string;
  name: string;
  code?: string | null;
}

export function useRegions() {
  return useQuery({ queryKey: organizationKeys.regions, queryFn: () => api.get<Region[]>('/api/regions') });
}

export function useUnits(params: UnitsParams, enabled = true) {
  return useQuery({
    queryKey: organizationKeys.units(params),
    queryFn: () =>
      api.get<Unit[]>('/api/units', {
        districtId: params.districtId,
        includeInactive: params.includeInactive ? 'true' : undefined,
      }),
    enabled,
  });
}

// Unit names appear in the user list too.
const invalidateOrganization = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['users'] }),
  ]);

export function useCreateDistrict() {
  return useMutation({
    mutationFn: (input: CreateDistrictInput) => api.post<Region>('/api/regions', input),
    onSuccess: invalidateOrganization,
  });
}

export function useCreateUnit() {
  return useMutation({
    mutationFn: (input: CreateUnitInput) => api.post<Unit>('/api/units', input),
    onSuccess: invalidateOrganization,
  });
}

export function useUpdateUnit() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateUnitInput }) =>
      api.patch<Unit>(`/api/units/${id}`, patch),
    onSuccess: invalidateOrganization,
  });
}
