import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldError } from '../domain/errors.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { RegisteredRoute } from './http/access.js';
import { registerAccessHook } from './http/access-hook.js';
import { AppError, httpErrors } from './http/errors.js';
import { registerActivitiesRoutes } from './modules/activities/activities.routes.js';
import { createActivitiesService } from './modules/activities/activities.service.js';
import { registerAgreementsRoutes } from './modules/agreements/agreements.routes.js';
import { createAgreementsService } from './modules/agreements/agreements.service.js';
import { createAuditRepository } from './modules/audit/audit.repository.js';
import { registerAuditRoutes } from './modules/audit/audit.routes.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { bulletinRenderers } from './modules/bulletins/bulletins.render.js';
import { registerBulletinsRoutes } from './modules/bulletins/bulletins.routes.js';
import { createBulletinsService } from './modules/bulletins/bulletins.service.js';
import { registerCapitalRoutes } from './modules/capital/capital.routes.js';
import { createCapitalService } from './modules/capital/capital.service.js';
import { registerChainsRoutes } from './modules/chains/chains.routes.js';
import { createChainsService } from './modules/chains/chains.service.js';
import { registerCityComparisonRoutes } from './modules/city-comparison/city-comparison.routes.js';
import { createCityComparisonService } from './modules/city-comparison/city-comparison.service.js';
import { registerCommitmentsRoutes } from './modules/commitments/commitments.routes.js';
import { createCommitmentsService } from './modules/commitments/commitments.service.js';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { createDashboardService } from './modules/dashboard/dashboard.service.js';
import { registerEnterprisesRoutes } from './modules/enterprises/enterprises.routes.js';
import { createEnterprisesService } from './modules/enterprises/enterprises.service.js';
import { registerHealthRoutes } from './modules/health/health.routes.js';
import { registerImportsRoutes } from './modules/imports/imports.routes.js';
import { createImportsService } from './modules/imports/imports.service.js';
import { registerInboxRoutes } from './modules/inbox/inbox.routes.js';
import { createInboxService } from './modules/inbox/inbox.service.js';
import { createConflictsService } from './modules/leads/conflicts.service.js';
import { createLeadFiles, registerLeadFilesRoutes } from './modules/leads/lead-files.js';
import { createLeadSettingsService } from './modules/leads/lead-settings.js';
import { registerLeadsRoutes } from './modules/leads/leads.routes.js';
import { createLeadsService } from './modules/leads/leads.service.js';
import { registerNetworkRoutes } from './modules/network/network.routes.js';
import { createNetworkService } from './modules/network/network.service.js';
import { registerNetworkSourcesRoutes } from './modules/network-sources/sources.routes.js';
import { createSourcesService } from './modules/network-sources/sources.service.js';
import { registerNotificationsRoutes } from './modules/notifications/notifications.routes.js';
import { createNotificationsService } from './modules/notifications/notifications.service.js';
import { createOrganizationRepository } from './modules/organization/organization.repository.js';
import { registerOrganizationRoutes } from './modules/organization/organization.routes.js';
import { createOrganizationService } from './modules/organization/organization.service.js';
import { registerPortalRoutes } from './modules/portal/portal.routes.js';
import { createPortalService } from './modules/portal/portal.service.js';
import { registerPreReviewsRoutes } from './modules/pre-reviews/pre-reviews.routes.js';
import { createPreReviewsService } from './modules/pre-reviews/pre-reviews.service.js';
import { registerProblemsRoutes } from './modules/problems/problems.routes.js';
import { createProblemsService } from './modules/problems/problems.service.js';
import { registerProceduresRoutes } from './modules/procedures/procedures.routes.js';
import { createProceduresService } from './modules/procedures/procedures.service.js';
import { registerProjectTeamRoutes } from './modules/project-team/project-team.routes.js';
import { createProjectTeamService } from './modules/project-team/project-team.service.js';
import { createAttachmentsService } from './modules/projects/attachments.service.js';
import { createProjectTimeline, registerProjectTimelineRoutes } from './modules/projects/project-timeline.js';
import { registerProjectsRoutes } from './modules/projects/projects.routes.js';
import { createProjectsService } from './modules/projects/projects.service.js';
import { registerPromotionEventsRoutes } from './modules/promotion-events/promotion-events.routes.js';
import { createPromotionEventsService } from './modules/promotion-events/promotion-events.service.js';
import { createLandingSettingsService } from './modules/reminders/landing-settings.js';
import { registerRemindersRoutes } from './modules/reminders/reminders.routes.js';
import { registerSavedViewsRoutes } from './modules/saved-views/saved-views.routes.js';
import { createSavedViewsService } from './modules/saved-views/saved-views.service.js';
import { registerSchemesRoutes } from './modules/schemes/schemes.routes.js';
import { createSchemesService } from './modules/schemes/schemes.service.js';
import { registerSearchRoutes } from './modules/search/search.routes.js';
import { createSearchService } from './modules/search/search.service.js';
import { createSecurityPolicyRepository } from './modules/security-policy/security-policy.repository.js';
import { registerSecurityPolicyRoutes } from './modules/security-policy/security-policy.routes.js';
import { registerSetupRoutes } from './modules/setup/setup.routes.js';
import { createSetupService } from './modules/setup/setup.service.js';
import { registerSupervisionRoutes } from './modules/supervision/supervision.routes.js';
import { createSupervisionService } from './modules/supervision/supervision.service.js';
import { createTargetImport } from './modules/target-enterprises/target-enterprises.import.js';
import { registerTargetEnterprisesRoutes } from './modules/target-enterprises/target-enterprises.routes.js';
import { createTargetEnterprisesService } from './modules/target-enterprises/target-enterprises.service.js';
import { registerTargetsRoutes } from './modules/targets/targets.routes.js';
import { createTargetsService } from './modules/targets/targets.service.js';
import { createUsersRepository } from './modules/users/users.repository.js';
import { registerUsersRoutes } from './modules/users/users.routes.js';
import { createUsersService } from './modules/users/users.service.js';

export interface AppDeps {
  db: Database;
  databaseKind: 'embedded' | 'external';
  auditHmacKey: string;
  clock: Clock;
  version: string;
  trustProxy?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Built web app to serve (dist/web); omitted in API tests. */
  webDist?: string;
}

const zhCN = z.locales.zhCN();

function zodFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (fields[key]) continue;
    const zh = zhCN.localeError?.(issue as never);
    const messageZh = typeof zh === 'string' ? zh : (zh?.message ?? issue.message);
    fields[key] = { message: issue.message, messageZh };
  }
  return fields;
}

/** The composition root: plain function calls wire repositories → services → routes. */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const now = () => deps.clock.now();
  const db = deps.db;
  const audit = createAuditRepository({ db, hmacKey: deps.auditHmacKey, now });
  const policies = createSecurityPolicyRepository({ db });
  const auth = createAuthService({ db, audit, policies, now });
  const orgRepo = createOrganizationRepository({ db });
  const organization = createOrganizationService({ db, repo: orgRepo, audit, now });
  const users = createUsersService({
    db,
    repo: createUsersRepository({ db }),
    org: orgRepo,
    auth,
    policies,
    audit,
    now,
  });
  const setup = createSetupService({ db, audit, policies, now });
  const enterprises = createEnterprisesService({ db, audit, now });
  const projects = createProjectsService({ db, audit, now });
  const attachments = createAttachmentsService({ db, audit, projects, now });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> tags; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    // Only meaningful over HTTPS; browsers ignore it on plain HTTP.
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '招商调度 Zhaoshang Dispatch API', version: deps.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zs_session' } } },
    },
    transform: jsonSchemaTransform,
  });

  const registry: RegisteredRoute[] = [];
  registerAccessHook(app, { auth, audit, registry });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((err, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.status).send(err.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // The provider flattens each zod issue into { keyword, instancePath, message, params }; rebuild it.
      const issues = err.validation.map((v) => ({
        ...v.params,
        code: v.keyword,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message,
      })) as unknown as z.core.$ZodIssue[];
      return reply.code(400).send(httpErrors.validation(zodFieldErrors(issues)).toBody());
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode === 413) {
      return reply
        .code(413)
        .send(
          new AppError(
            413,
            'request.too_large',
            'The request body is too large.',
            '提交的内容过大。',
          ).toBody(),
        );
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply
        .code(e.statusCode)
        .send(
          new AppError(
            e.statusCode,
            'request.invalid',
            `The request could not be read: ${e.message}`,
            '请求格式有误。',
          ).toBody(),
        );
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .send(
        new AppError(
          500,
          'internal.error',
          `Something went wrong on the server (request ${request.id}).`,
          `服务器出错（请求编号 ${request.id}），请稍后重试或联系管理员。`,
        ).toBody(),
      );
  });

  registerHealthRoutes(app, { db, version: deps.version, databaseKind: deps.databaseKind });
  registerSetupRoutes(app, setup);
  registerAuthRoutes(app, auth);
  registerOrganizationRoutes(app, organization);
  registerUsersRoutes(app, users);
  registerSecurityPolicyRoutes(app, { db, policies, audit, now });
  registerAuditRoutes(app, audit);
  registerEnterprisesRoutes(app, enterprises);
  registerProjectsRoutes(app, projects, attachments);
  registerProjectTimelineRoutes(app, createProjectTimeline({ db, projects }));
  registerSearchRoutes(app, createSearchService({ db }));
  const leads = createLeadsService({ db, audit, enterprises, now });
  registerLeadsRoutes(
    app,
    leads,
    createLeadSettingsService({ db, audit, now }),
    createConflictsService({ db, audit, now }),
  );
  registerLeadFilesRoutes(app, createLeadFiles({ db, audit, leads, now }));
  registerActivitiesRoutes(app, createActivitiesService({ db, audit, projects, now }));
  registerNetworkRoutes(app, createNetworkService({ db }));
  registerNetworkSourcesRoutes(app, createSourcesService({ db, audit, now }));
  const targetEnterprises = createTargetEnterprisesService({ db, audit, enterprises, now });
  registerTargetEnterprisesRoutes(
    app,
    targetEnterprises,
    createTargetImport({ db, audit, targets: targetEnterprises, now }),
  );
  registerChainsRoutes(app, createChainsService({ db, audit, now }));
  registerPromotionEventsRoutes(app, createPromotionEventsService({ db, audit, leads, now }));
  registerImportsRoutes(
    app,
    createImportsService({ db, audit, now, onError: (err) => app.log.error({ err }, 'import check failed') }),
  );
  registerCapitalRoutes(app, createCapitalService({ db, audit, projects, now }));
  registerAgreementsRoutes(app, createAgreementsService({ db, audit, projects, now }));
  registerCommitmentsRoutes(app, createCommitmentsService({ db, audit, now }));
  registerProjectTeamRoutes(app, createProjectTeamService({ db, audit, now }));
  registerProceduresRoutes(app, createProceduresService({ db, audit, projects, now }));
  registerPreReviewsRoutes(app, createPreReviewsService({ db, audit, projects, now }));
  registerSavedViewsRoutes(app, createSavedViewsService({ db, audit, now }));
  registerBulletinsRoutes(app, createBulletinsService({ db, audit, now, render: bulletinRenderers }));
  registerTargetsRoutes(app, createTargetsService({ db, audit, now }), db);
  registerSchemesRoutes(app, createSchemesService({ db, audit, now }));
  registerCityComparisonRoutes(app, createCityComparisonService({ db, audit, now }));
  registerDashboardRoutes(app, createDashboardService({ db, now }));
  registerProblemsRoutes(app, createProblemsService({ db, audit, now }));
  registerPortalRoutes(app, createPortalService({ db, audit, now }));
  registerSupervisionRoutes(app, createSupervisionService({ db, audit, now }));
  registerInboxRoutes(app, createInboxService({ db, now }));
  registerNotificationsRoutes(app, createNotificationsService({ db, audit, now }));
  registerRemindersRoutes(app, {
    db,
    audit,
    now,
    settings: createLandingSettingsService({ db, audit, now }),
  });
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.setNotFoundHandler((request, reply) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/');
    if (!isPage || !deps.webDist) {
      return reply
        .code(404)
        .send(
          new AppError(
            404,
            'route.not_found',
            `No such endpoint: ${request.method} ${request.url.split('?')[0]}`,
            '接口不存在。',
          ).toBody(),
        );
    }
    // The web app routes on the client: every other GET gets index.html.
    return reply.sendFile('index.html');
  });

  if (deps.webDist) {
    if (!fs.existsSync(path.join(deps.webDist, 'index.html'))) {
      throw new Error(
        `The web app is not built (${deps.webDist}/index.html missing): run npm run build:web.`,
      );
    }
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: false, index: ['index.html'] });
  }

  return { app, routes: registry };
}
