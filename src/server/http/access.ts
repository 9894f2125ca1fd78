import type { Permission } from '../../domain/access/permissions.js';

/**
 * Every route under /api declares who may call it, where it is defined (route `config.access`).
 * - `public`: no session needed (health, setup, login)
 * - `permission`: a signed-in user holding that permission ('authenticated' = any signed-in user)
 * `duringPasswordChange` lets a user who must change their password still reach the route.
 * A route without a declaration makes the app refuse to start; the access-matrix test walks this registry.
 */
export type RouteAccess =
  | { public: true }
  | { permission: Permission | 'authenticated'; duringPasswordChange?: boolean };

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** Name written to the audit log for this write, e.g. `units.create`. */
  action?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    action?: string;
  }
}
