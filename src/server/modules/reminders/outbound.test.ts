import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNotification, buildUser } from '../../test/fixtures.js';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { deliverOutbound } from './outbound.js';
import { createWebhookAdapter, SIGNATURE_HEADER, signatureOf } from './webhook-adapter.js';

// The outbox posted to a gateway on a loopback server: signed JSON, retries then failed, and two deliverers
// running together send each message once.

const SECRET = 'outbound-test-secret-0123456789';
let t: TestApp;
let server: http.Server;
let url: string;
let status = 200;
const received: { id: string; valid: boolean; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const sig = String(req.headers[SIGNATURE_HEADER] ?? '');
      const expected = signatureOf(raw, SECRET);
      const valid =
        sig.length === expected.length && crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ id: String(body.id), valid, body });
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t?.close();
});

const AT = new Date('2026-11-28T02:00:00Z');

async function queue(n: number) {
  const user = await buildUser(t.db, { username: `gw${crypto.randomBytes(3).toString('hex')}` });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const note = await buildNotification(t.db, { userId: user.id });
    const row = await t.db
      .insertInto('outboundMessages')
      .values({
        districtId: user.districtId,
        notificationId: note.id,
        channel: 'wecom',
        recipientUserId: user.id,
        recipient: user.username,
        title: `提醒 ${i}`,
        body: '正文',
        link: '/landing/problems',
        nextAttemptAt: AT,
        sentAt: null,
        lastError: null,
        createdAt: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return { user, ids };
}

const statusOf = (id: string) =>
  t.db
    .selectFrom('outboundMessages')
    .select(['status', 'attempts', 'nextAttemptAt', 'lastError'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('outbound webhook', () => {
  it('posts each pending message as signed JSON and marks it sent', async () => {
    status = 200;
    received.length = 0;
    const { user, ids } = await queue(2);
    const res = await deliverOutbound(t.db, AT, createWebhookAdapter({ url, secret: SECRET }));
    expect(res.sent).toBe(2);
    expect(received.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(received.every((r) => r.valid)).toBe(true);
    expect(received[0]?.body).toMatchObject({
      channel: 'wecom',
      recipient: user.username,
      link: '/landing/problems',
    });
    expect((await statusOf(ids[0]!)).status).toBe('sent');
    // Nothing left to send.
    expect((await deliverOutbound(t.db, AT, createWebhookAdapter({ url, secret: SECRET }))).sent).toBe(0);
  });

  it('retries a refused message after a wait, then marks it failed', async () => {
    status = 503;
    const { ids } = await queue(1);
    const adapter = createWebhookAdapter({ url, secret: SECRET });
    const id = ids[0]!;
    expect((await deliverOutbound(t.db, AT, adapter, { maxAttempts: 3 })).retried).toBe(1);
    const first = await statusOf(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'gateway answered 503' });
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(AT.getTime());
    // Not due again yet.
    expect((await deliverOutbound(t.db, AT, adapter, { maxAttempts: 3 })).retried).toBe(0);
    const later = new Date(AT.getTime() + 3600_000);
    await deliverOutbound(t.db, later, adapter, { maxAttempts: 3 });
    expect(await statusOf(id)).toMatchObject({ status: 'pending', attempts: 2 });
    const res = await deliverOutbound(t.db, new Date(later.getTime() + 3600_000), adapter, {
      maxAttempts: 3,
    });
    expect(res.failed).toBe(1);
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('leaves messages pending when no webhook is configured', async () => {
    const { ids } = await queue(1);
    const res = await deliverOutbound(t.db, AT, createWebhookAdapter({ url: undefined, secret: undefined }));
    expect(res.notConfigured).toBe(true);
    expect(await statusOf(ids[0]!)).toMatchObject({ status: 'pending', attempts: 0 });
    await t.db.updateTable('outboundMessages').set({ status: 'failed' }).where('id', '=', ids[0]!).execute();
  });

  it('sends each message once when two deliverers run together', async () => {
    status = 200;
    received.length = 0;
    const { ids } = await queue(30);
    const adapter = createWebhookAdapter({ url, secret: SECRET });
    const [a, b] = await Promise.all([
      deliverOutbound(t.db, AT, adapter),
      deliverOutbound(t.db, AT, adapter),
    ]);
    expect(a.sent + b.sent).toBe(30);
    const got = received.map((r) => r.id);
    expect(got).toHaveLength(30);
    expect(new Set(got)).toEqual(new Set(ids));
  });
});
