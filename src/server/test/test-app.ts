import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { createTestClock, type TestClock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { RegisteredRoute } from '../http/access.js';
import { createTestDatabase } from './test-db.js';

export const TEST_PASSWORD = 'Fastener#Park2026';
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  clock: TestClock;
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

/** The real app on a real PostgreSQL database of its own, with a clock the test moves. */
export async function buildTestApp(opts: { webDist?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = createTestClock();
  const { app, routes } = await buildApp({
    db: database.db,
    databaseKind: 'embedded',
    auditHmacKey: TEST_AUDIT_KEY,
    clock,
    version: 'test',
    webDist: opts.webDist,
  });
  await app.ready();
  return {
    app,
    db: database.db,
    clock,
    routes,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function setupPlatform(
  app: FastifyInstance,
  opts: { loadDemo?: boolean; password?: string } = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: {
      cityName: '滏川市',
      districtName: '洺水区',
      admin: { username: 'sysadmin', displayName: '系统管理员', password: opts.password ?? TEST_PASSWORD },
      loadDemo: opts.loadDemo ?? false,
    },
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return res.json() as {
    securityAdminUsername: string;
    auditorUsername: string;
    demo: { units: number; users: number; enterprises: number; projects: number } | null;
  };
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
  ip = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
}

export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await login(app, username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'zs_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `zs_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

/** An authenticated request as a browser would send it (cookie + CSRF header on writes). */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: string,
  url: string,
  payload?: unknown,
) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/**
 * A multipart upload as the browser sends it: text fields first (a project file's `kind`), then one file.
 */
export function uploadFile(
  app: FastifyInstance,
  session: Session,
  url: string,
  file: { filename: string; content: Buffer | string; contentType?: string; fields?: Record<string, string> },
) {
  const boundary = '----zs-test-boundary';
  const fieldParts = Object.entries(file.fields ?? {}).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(fieldParts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/pdf'}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

/** Changes a forced-change password so the account can be used. */
export async function activate(
  app: FastifyInstance,
  username: string,
  oneTime: string,
  next = TEST_PASSWORD,
): Promise<Session> {
  const s = await loginAs(app, username, oneTime);
  const r = await call(app, s, 'POST', '/api/auth/change-password', {
    currentPassword: oneTime,
    newPassword: next,
  });
  if (r.statusCode !== 204) throw new Error(`change-password failed: ${r.statusCode} ${r.body}`);
  return s;
}
