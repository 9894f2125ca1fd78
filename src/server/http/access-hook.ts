import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasPermission } from '../../domain/access/permissions.js';
import type { AuditRepository } from '../modules/audit/audit.repository.js';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { RegisteredRoute, RouteAccess } from './access.js';
import { httpErrors } from './errors.js';
import { actorOf } from './request-context.js';

export const SESSION_COOKIE = 'zs_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** A cross-site form or script cannot set Origin to ours; browsers send it on every POST. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

/**
 * The one gate every /api request passes: registry check at start-up, then per request session → declared
 * access → CSRF. Denied and failed writes are audited here; successful writes are audited by their service
 * inside their own transaction.
 */
export function registerAccessHook(
  app: FastifyInstance,
  deps: { auth: AuthService; audit: AuditRepository; registry: RegisteredRoute[] },
): void {
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access (config.access).`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      deps.registry.push({ method, url: route.url, access, action: route.config?.action });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access as RouteAccess | undefined;
    if (!request.url.startsWith('/api/')) return;
    if (!access) return; // unknown /api path: the 404 handler answers
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.auth = await deps.auth.resolveSession(token);
    if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) throw httpErrors.csrf();
    if ('public' in access) return;
    const auth = request.auth;
    if (!auth) throw httpErrors.unauthenticated();
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, auth.csrfToken)) throw httpErrors.csrf();
    }
    if ((auth.user.mustChangePassword || auth.user.passwordExpired) && !access.duringPasswordChange) {
      throw httpErrors.passwordChangeRequired();
    }
    if (access.permission !== 'authenticated' && !hasPermission(auth.user.roles, access.permission)) {
      throw httpErrors.forbidden();
    }
  });

  // A refused or failed write leaves a trace too (its business transaction, if any, rolled back). Written
  // before the answer leaves, so a client that saw the refusal can find it in the log.
  app.addHook('onSend', async (request, reply, payload) => {
    if (SAFE_METHODS.has(request.method) || reply.statusCode < 400) return payload;
    const config = request.routeOptions.config;
    if (!config?.access || 'public' in config.access) return payload; // login audits itself; setup is pre-account
    const result = reply.statusCode === 401 || reply.statusCode === 403 ? 'denied' : 'failure';
    try {
      await deps.audit.appendStandalone(actorOf(request), {
        action: config.action ?? `${request.method} ${request.routeOptions.url}`,
        objectType: null,
        objectId:
          (request.params as Record<string, string> | undefined)?.[
            Object.keys(request.params ?? {})[0] ?? ''
          ] ?? null,
        result,
        detail: `HTTP ${reply.statusCode}`,
      });
    } catch (err) {
      request.log.error({ err }, 'audit of a refused request failed');
    }
    return payload;
  });
}
