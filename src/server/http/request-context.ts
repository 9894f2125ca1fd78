import type { FastifyRequest } from 'fastify';
import { type DataScope, resolveScope } from '../../domain/access/scope.js';
import type { AuditActor } from '../modules/audit/audit.repository.js';
import { type AuthContext, actorFrom } from '../modules/auth/auth.service.js';
import { httpErrors } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export function actorOf(request: FastifyRequest): AuditActor {
  return actorFrom(request.auth?.user ?? null, request.ip, request.id);
}

/** The signed-in user; routes behind a permission can rely on it (the access hook ran first). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw httpErrors.unauthenticated();
  return request.auth;
}

/** The one place business modules get the caller's data scope from. */
export function scopeOf(request: FastifyRequest): DataScope {
  const user = authOf(request).user;
  return resolveScope({
    roles: user.roles,
    unitId: user.unitId,
    districtId: user.districtId,
    cityId: user.cityId,
  });
}
