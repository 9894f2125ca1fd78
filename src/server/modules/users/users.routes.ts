import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isSecurityRole, ROLE_LABELS, ROLES } from '../../../domain/access/roles.js';
import {
  createUserInput,
  setSecurityRoleInput,
  updateUserInput,
  userSchema,
} from '../../../domain/accounts/accounts.schemas.js';
import { actorOf, authOf } from '../../http/request-context.js';
import type { UsersService } from './users.service.js';

const userIdParams = z.object({ userId: z.string().uuid() });

export function registerUsersRoutes(app: FastifyInstance, service: UsersService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/roles',
    {
      config: { access: { permission: 'authenticated' } },
      schema: {
        tags: ['users'],
        summary: 'Roles with their labels',
        response: {
          200: z.array(
            z.object({ role: z.enum(ROLES), zh: z.string(), en: z.string(), security: z.boolean() }),
          ),
        },
      },
    },
    async () => ROLES.map((role) => ({ role, ...ROLE_LABELS[role], security: isSecurityRole(role) })),
  );

  r.get(
    '/api/users',
    {
      config: { access: { permission: 'users.read' } },
      schema: {
        tags: ['users'],
        summary: 'Accounts within the caller’s reach',
        querystring: z.object({
          unitId: z.string().uuid().optional(),
          q: z.string().trim().max(64).optional(),
          role: z.enum(ROLES).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(userSchema), total: z.number().int() }) },
      },
    },
    async (req) => service.list(authOf(req).user, req.query),
  );

  r.get(
    '/api/users/:userId',
    {
      config: { access: { permission: 'users.read' } },
      schema: {
        tags: ['users'],
        summary: 'One account',
        params: userIdParams,
        response: { 200: userSchema },
      },
    },
    async (req) => service.get(authOf(req).user, req.params.userId),
  );

  r.post(
    '/api/users',
    {
      config: { access: { permission: 'users.manage' }, action: 'users.create' },
      schema: {
        tags: ['users'],
        summary: 'Create an account; returns its one-time password (shown once)',
        body: createUserInput,
        response: { 201: z.object({ user: userSchema, oneTimePassword: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.create(authOf(req).user, actorOf(req), req.body)),
  );

  r.patch(
    '/api/users/:userId',
    {
      config: { access: { permission: 'users.manage' }, action: 'users.update' },
      schema: {
        tags: ['users'],
        summary: 'Edit name, unit or business roles',
        params: userIdParams,
        body: updateUserInput,
        response: { 200: userSchema },
      },
    },
    async (req) => service.update(authOf(req).user, actorOf(req), req.params.userId, req.body),
  );

  for (const [path, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    r.post(
      `/api/users/:userId/${path}`,
      {
        config: { access: { permission: 'users.manage' }, action: `users.${path}` },
        schema: {
          tags: ['users'],
          summary: `${path === 'disable' ? 'Disable (ends its sessions)' : 'Enable'} an account`,
          params: userIdParams,
          response: { 200: userSchema },
        },
      },
      async (req) => service.setStatus(authOf(req).user, actorOf(req), req.params.userId, status),
    );
  }

  r.post(
    '/api/users/:userId/unlock',
    {
      config: { access: { permission: 'users.manage' }, action: 'users.unlock' },
      schema: {
        tags: ['users'],
        summary: 'Clear a sign-in lockout',
        params: userIdParams,
        response: { 200: userSchema },
      },
    },
    async (req) => service.unlock(authOf(req).user, actorOf(req), req.params.userId),
  );

  r.post(
    '/api/users/:userId/reset-password',
    {
      config: { access: { permission: 'users.manage' }, action: 'users.reset_password' },
      schema: {
        tags: ['users'],
        summary: 'Issue a one-time password',
        params: userIdParams,
        response: { 200: z.object({ oneTimePassword: z.string() }) },
      },
    },
    async (req) => service.resetPassword(authOf(req).user, actorOf(req), req.params.userId),
  );

  r.put(
    '/api/users/:userId/security-role',
    {
      config: { access: { permission: 'roles.manage_security' }, action: 'users.set_security_role' },
      schema: {
        tags: ['users'],
        summary: 'Grant or remove a 三员 role',
        params: userIdParams,
        body: setSecurityRoleInput,
        response: { 200: userSchema },
      },
    },
    async (req) => service.setSecurityRole(authOf(req).user, actorOf(req), req.params.userId, req.body.role),
  );
}
