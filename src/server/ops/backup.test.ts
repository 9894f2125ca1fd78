import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { systemClock } from '../clock.js';
import { type Config, loadConfig, VERSION } from '../config.js';
import { loadAuditKey, type OpenedDatabase, openDatabase } from '../db/bootstrap.js';
import { type AuditActor, createAuditRepository } from '../modules/audit/audit.repository.js';
import { call, loginAs, setupPlatform } from '../test/test-app.js';
import { BackupVerificationError, SigningKey, TRAILER_SIZE } from './archive.js';
import { backup } from './backup.js';
import { checkIndexes, cleanEnv, dumpPublicTables, runTs, sequenceValues } from './ops-test-helpers.js';
import { RestoreTargetError, restore } from './restore.js';

// Real embedded PostgreSQL clusters in temporary DATA_DIRs, with fsync on (as in production).

const noop = () => {};
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-backup-test-'));
const keyFile = path.join(root, 'backup.key');
const key = new SigningKey(crypto.randomBytes(32).toString('hex'));

let sourceConfig: Config;
let source: OpenedDatabase;
let app: FastifyInstance;
let auditKey: string;
let districtId: string;
let fullBackup: string;
const toClose: OpenedDatabase[] = [];

function configFor(dir: string): Config {
  return loadConfig({ DATA_DIR: dir });
}

async function openRestored(dir: string): Promise<OpenedDatabase> {
  const opened = await openDatabase(configFor(dir), noop);
  toClose.push(opened);
  return opened;
}

beforeAll(async () => {
  fs.writeFileSync(keyFile, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  sourceConfig = configFor(path.join(root, 'source'));
  source = await openDatabase(sourceConfig, noop);
  auditKey = loadAuditKey(sourceConfig);
  ({ app } = await buildApp({
    db: source.db,
    databaseKind: 'embedded',
    auditHmacKey: auditKey,
    clock: systemClock,
    version: VERSION,
  }));
  await app.ready();
  await setupPlatform(app);
  const s = await loginAs(app, 'sysadmin');
  const regions = (await call(app, s, 'GET', '/api/regions')).json() as { id: string; kind: string }[];
  districtId = regions.find((r) => r.kind === 'district')!.id;
  for (let i = 0; i < 40; i++) {
    const r = await call(app, s, 'POST', '/api/units', {
      districtId,
      name: `招商单位${i}「测试」`,
      kind: i % 2 ? 'park' : 'town',
      code: i % 3 ? null : `130${String(100 + i).padStart(3, '0')}`,
      sortOrder: i,
    });
    expect(r.statusCode).toBe(201);
  }
  const units = (await call(app, s, 'GET', `/api/units?districtId=${districtId}`)).json() as { id: string }[];
  for (let i = 0; i < 5; i++) {
    const r = await call(app, s, 'POST', '/api/users', {
      username: `worker${i}`,
      displayName: `工作人员${i}`,
      unitId: units[i]!.id,
      roles: ['unit_reporter'],
    });
    expect(r.statusCode).toBe(201);
  }
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'wrong' } });
}, 120_000);

afterAll(async () => {
  for (const o of toClose) await o.close().catch(noop);
  await app?.close().catch(noop);
  await source?.close().catch(noop);
  fs.rmSync(root, { recursive: true, force: true });
});

describe('backup and restore (embedded PostgreSQL)', () => {
  it('backs up the running platform, restores it into an empty DATA_DIR, and every table is identical', async () => {
    fullBackup = path.join(root, 'full.zsb');
    // Files next to the database (attachments) travel too; backups and backup.key stay behind.
    const attachment = crypto.randomBytes(600_000);
    fs.mkdirSync(path.join(sourceConfig.dataDir, 'attachments', '2026'), { recursive: true });
    fs.writeFileSync(path.join(sourceConfig.dataDir, 'attachments', '2026', '合同.pdf'), attachment);
    fs.writeFileSync(path.join(sourceConfig.dataDir, 'old.zsb'), 'an earlier backup');
    fs.writeFileSync(
      path.join(sourceConfig.dataDir, 'backup.key'),
      `${crypto.randomBytes(32).toString('hex')}\n`,
    );
    const r = await backup({
      dataDir: sourceConfig.dataDir,
      out: fullBackup,
      key,
      platformVersion: VERSION,
    });
    expect(r.source.kind).toBe('embedded');
    expect(fs.statSync(fullBackup).size).toBe(r.size);
    expect(fs.existsSync(`${fullBackup}.partial`)).toBe(false);

    const target = path.join(root, 'restored-full');
    const rr = await restore({ file: fullBackup, dataDir: target, key });
    expect(rr.audit).toMatchObject({ ok: true });
    expect(fs.readFileSync(path.join(target, 'audit-hmac.key'), 'utf8')).toBe(
      fs.readFileSync(path.join(sourceConfig.dataDir, 'audit-hmac.key'), 'utf8'),
    );
    expect(fs.existsSync(path.join(target, 'backup.key'))).toBe(false);
    expect(fs.existsSync(path.join(target, 'old.zsb'))).toBe(false);
    expect(fs.readFileSync(path.join(target, 'attachments', '2026', '合同.pdf')).equals(attachment)).toBe(
      true,
    );
    expect(fs.existsSync(path.join(target, 'pg', 'postmaster.pid'))).toBe(false);

    const restored = await openRestored(target);
    const [a, b] = [await dumpPublicTables(source.db), await dumpPublicTables(restored.db)];
    expect(b.map((t) => t.table)).toEqual(a.map((t) => t.table));
    for (let i = 0; i < a.length; i++) expect(b[i]!.rows, a[i]!.table).toEqual(a[i]!.rows);
    const [sa, sb] = [await sequenceValues(source.db), await sequenceValues(restored.db)];
    for (const [name, v] of sa) expect(sb.get(name)!, name).toBeGreaterThanOrEqual(v);

    const verify = await createAuditRepository({
      db: restored.db,
      hmacKey: loadAuditKey(configFor(target)),
      now: () => new Date(),
    }).verify();
    expect(verify.ok).toBe(true);
    const rows = a.reduce((n, t) => n + t.rows.length, 0);
    const auditRows = a.find((t) => t.table === 'audit_log')!.rows.length;
    expect(verify.checked).toBe(auditRows);
    expect(auditRows).toBeGreaterThan(40);
    console.log(
      `round trip: ${a.length} tables, ${rows} rows compared (audit_log ${auditRows}, chain verified); ` +
        `backup ${r.size} bytes, ${r.entries} entries in ${r.durationMs} ms; restore ${rr.durationMs} ms`,
    );
  });

  it('restores a backup taken under concurrent writes: every row committed before it started is there', async () => {
    const audit = createAuditRepository({ db: source.db, hmacKey: auditKey, now: () => new Date() });
    const actor: AuditActor = {
      userId: null,
      username: 'backup-test',
      roles: [],
      unitId: null,
      districtId,
      ip: '127.0.0.1',
      requestId: null,
    };
    const attempted = new Set<string>();
    const committed = new Set<string>();
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const name = `并发${n++}`;
        attempted.add(name);
        await source.db.transaction().execute(async (trx) => {
          const now = new Date();
          await trx
            .insertInto('units')
            .values({ districtId, name, kind: 'team', createdAt: now, updatedAt: now })
            .execute();
          await audit.append(trx, actor, {
            action: 'units.create',
            objectType: 'unit',
            objectId: name,
            result: 'success',
          });
        });
        committed.add(name);
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    await new Promise((r) => setTimeout(r, 300));

    let committedBefore = new Set<string>();
    let committedAtStop = new Set<string>();
    let attemptedAtStop = new Set<string>();
    const file = path.join(root, 'concurrent.zsb');
    try {
      await backup({
        dataDir: sourceConfig.dataDir,
        out: file,
        key,
        platformVersion: VERSION,
        hooks: {
          beforeBackupStart: () => {
            committedBefore = new Set(committed);
          },
          afterBackupStop: () => {
            committedAtStop = new Set(committed);
            attemptedAtStop = new Set(attempted);
          },
        },
      });
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      stop = true;
      await Promise.all(writers);
    }

    const target = path.join(root, 'restored-concurrent');
    const rr = await restore({ file, dataDir: target, key });
    expect(rr.audit).toMatchObject({ ok: true });
    const restored = await openRestored(target);
    const names = new Set(
      (await restored.db.selectFrom('units').select('name').where('name', 'like', '并发%').execute()).map(
        (u) => u.name,
      ),
    );
    const missing = [...committedBefore].filter((x) => !names.has(x));
    const unexpected = [...names].filter((x) => !attemptedAtStop.has(x));
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(committedAtStop.size).toBeGreaterThan(committedBefore.size); // writes did run during the copy
    const indexes = await checkIndexes(restored.db);
    const auditCount = await restored.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('username', '=', 'backup-test')
      .executeTakeFirstOrThrow();
    expect(Number(auditCount.n)).toBe(names.size); // each unit's audit row came with it, no more, no less
    console.log(
      `concurrent: committed before pg_backup_start ${committedBefore.size}, at pg_backup_stop ` +
        `${committedAtStop.size} (attempted ${attemptedAtStop.size}), total committed ${committed.size}; ` +
        `restored ${names.size} rows, 0 missing; audit chain ${rr.audit?.checked} entries OK; ` +
        `${indexes} btree indexes pass amcheck`,
    );
  });

  it('refuses a damaged, truncated, re-signed or wrongly keyed file and writes nothing', async () => {
    const good = fs.readFileSync(fullBackup);
    const target = path.join(root, 'refused');
    const variants: { name: string; bytes: Buffer; key?: SigningKey; message: RegExp }[] = [];

    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    variants.push({ name: 'flipped', bytes: flipped, message: /is damaged/ });
    variants.push({ name: 'truncated', bytes: good.subarray(0, good.length - 1000), message: /truncated/ });
    variants.push({ name: 'short-trailer', bytes: good.subarray(0, good.length - 40), message: /truncated/ });
    // Altered, with its checksum recomputed by someone without the key.
    const resigned = Buffer.from(flipped);
    const body = resigned.subarray(0, resigned.length - TRAILER_SIZE);
    crypto
      .createHash('sha256')
      .update(body)
      .digest()
      .copy(resigned, resigned.length - TRAILER_SIZE + 8);
    variants.push({ name: 'resigned', bytes: resigned, message: /altered after it was signed/ });
    variants.push({
      name: 'wrong-key',
      bytes: good,
      key: new SigningKey(crypto.randomBytes(32).toString('hex')),
      message: /different backup key/,
    });

    for (const v of variants) {
      const file = path.join(root, `${v.name}.zsb`);
      fs.writeFileSync(file, v.bytes);
      const err = await restore({ file, dataDir: target, key: v.key ?? key }).catch((e: unknown) => e);
      expect(err, v.name).toBeInstanceOf(BackupVerificationError);
      expect((err as Error).message, v.name).toMatch(v.message);
      expect(fs.existsSync(target), v.name).toBe(false);
    }

    // A DATA_DIR that is not empty is refused before the file is even read.
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'mine');
    await expect(restore({ file: fullBackup, dataDir: target, key })).rejects.toBeInstanceOf(
      RestoreTargetError,
    );
    expect(fs.readdirSync(target)).toEqual(['keep.txt']);
    fs.rmSync(target, { recursive: true });

    // The CLI: exit status 3, a clear message, nothing written.
    fs.writeFileSync(keyFile, `${crypto.randomBytes(32).toString('hex')}\n`);
    const wrong = await runTs(
      'src/server/ops/restore.cli.ts',
      [path.join(root, 'flipped.zsb'), '--key-file', keyFile],
      cleanEnv({ DATA_DIR: target }),
    );
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/Refused: .*is damaged/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('backs up a stopped platform with the CLI, and the restored copy opens with the same data', async () => {
    await app.close();
    const before = await dumpPublicTables(source.db);
    await source.close();
    const keyText = crypto.randomBytes(32).toString('hex');
    const file = path.join(root, 'offline.zsb');
    const res = await runTs(
      'src/server/ops/backup.cli.ts',
      ['--out', file],
      cleanEnv({ DATA_DIR: sourceConfig.dataDir, BACKUP_KEY: keyText }),
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Backup written: .*offline\.zsb/);
    expect(res.stdout).toMatch(/sha256 {4}[0-9a-f]{64}/);
    expect(res.stderr).toMatch(/not running: starting its PostgreSQL/);
    expect(fs.existsSync(path.join(sourceConfig.dataDir, 'server.lock'))).toBe(false);
    expect(fs.existsSync(path.join(sourceConfig.dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const check = await runTs(
      'src/server/ops/restore.cli.ts',
      [file, '--check'],
      cleanEnv({ BACKUP_KEY: keyText }),
    );
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/Backup OK/);

    const target = path.join(root, 'restored-offline');
    const rr = await restore({ file, dataDir: target, key: new SigningKey(keyText) });
    expect(rr.audit).toMatchObject({ ok: true });
    const restored = await openRestored(target);
    const after = await dumpPublicTables(restored.db);
    expect(after).toEqual(before);
    const r = await sql<{ n: string }>`select count(*)::text as n from units`.execute(restored.db);
    expect(Number(r.rows[0]!.n)).toBeGreaterThan(40);
  });
});
