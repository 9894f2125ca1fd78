import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test/test-app.js';

let t: TestApp;
let webDist: string;

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-web-'));
  fs.writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>招商调度</title><div id="root"></div>',
  );
  t = await buildTestApp({ webDist });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('the HTTP surface', () => {
  it('reports health with the database kind and version', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', version: 'test', database: { kind: 'embedded' } });
    expect(Number.parseInt(res.json().database.serverVersion, 10)).toBeGreaterThanOrEqual(15);
  });

  it('publishes an OpenAPI document that lists the routes', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/units', '/api/users/{userId}', '/api/auth/login', '/api/audit']),
    );
    expect(doc.paths['/api/units'].post.requestBody).toBeDefined();
  });

  it('sends the security headers on pages and API answers', async () => {
    for (const url of ['/', '/api/health']) {
      const h = (await t.app.inject({ url })).headers;
      const csp = String(h['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('same-origin');
      expect(h['x-request-id']).toBeTruthy();
    }
  });

  it('serves the web app for client-side routes and JSON errors for unknown API paths', async () => {
    const page = await t.app.inject({ url: '/org/units' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('招商调度');
    const api = await t.app.inject({ url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toMatchObject({ code: 'route.not_found' });
    expect(api.json().error.messageZh).toBeTruthy();
    const post = await t.app.inject({ method: 'POST', url: '/org/units', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('route.not_found');
  });

  it('answers a malformed JSON body with a readable 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
  });
});
