import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { permissionsOf } from '../../../domain/access/permissions.js';
import { changePasswordInput, loginInput, meSchema } from '../../../domain/accounts/accounts.schemas.js';
import { SESSION_COOKIE } from '../../http/access-hook.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { AuthContext, AuthService } from './auth.service.js';

export function presentMe(auth: AuthContext) {
  const u = auth.user;
  return {
    user: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      mustChangePassword: u.mustChangePassword,
      passwordExpired: u.passwordExpired,
      unit: { id: u.unitId, name: u.unitName, kind: u.unitKind },
      district: { id: u.districtId, name: u.districtName },
      city: u.cityId && u.cityName ? { id: u.cityId, name: u.cityName } : null,
      permissions: [...permissionsOf(u.roles)].sort(),
      passwordPolicy: u.passwordPolicy,
    },
    csrfToken: auth.csrfToken,
  };
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    expires,
  });
}

export function registerAuthRoutes(app: FastifyInstance, service: AuthService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { access: { public: true }, action: 'auth.login' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginInput,
        response: { 200: meSchema },
      },
    },
    async (req, reply) => {
      const { token, auth, absoluteExpiry } = await service.login({
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
        previousToken: req.cookies[SESSION_COOKIE],
      });
      setSessionCookie(req, reply, token, absoluteExpiry);
      return presentMe(auth);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: { permission: 'authenticated', duringPasswordChange: true }, action: 'auth.logout' },
      schema: { tags: ['auth'], summary: 'End the session' },
    },
    async (req, reply) => {
      await service.logout(authOf(req), actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: { permission: 'authenticated', duringPasswordChange: true } },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token',
        response: { 200: meSchema },
      },
    },
    async (req) => presentMe(authOf(req)),
  );

  r.post(
    '/api/auth/change-password',
    {
      config: {
        access: { permission: 'authenticated', duringPasswordChange: true },
        action: 'auth.change_password',
      },
      schema: { tags: ['auth'], summary: 'Change one’s own password', body: changePasswordInput },
    },
    async (req, reply) => {
      await service.changePassword(authOf(req), actorOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send();
    },
  );
}
