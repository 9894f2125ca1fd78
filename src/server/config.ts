import path from 'node:path';
import { z } from 'zod';

// Environment parsed once, here. Everything else receives a Config.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AUDIT_HMAC_KEY: z.string().min(32).optional(),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOW_UNSAFE_DURABILITY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WEB_DIST: z.string().default('./dist/web'),
  REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  OUTBOUND_WEBHOOK_URL: z.string().url().optional(),
  OUTBOUND_WEBHOOK_SECRET: z.string().min(16).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  auditHmacKey: string | undefined;
  trustProxy: boolean;
  logLevel: string;
  /** Only tests may run PostgreSQL without fsync / synchronous_commit. */
  allowUnsafeDurability: boolean;
  webDist: string;
  version: string;
  /** How often each server tries the reminder job (0 = never; then run it from cron: npm run reminders). */
  reminderIntervalMinutes: number;
  /** Where outbound messages (email, SMS, 企业微信) are posted; unset = they stay pending. */
  outboundWebhookUrl: string | undefined;
  /** Signs each post (HMAC-SHA256 of the body) so the gateway can tell it came from us. */
  outboundWebhookSecret: string | undefined;
}

export const VERSION = '0.1.0';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    auditHmacKey: e.AUDIT_HMAC_KEY,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    allowUnsafeDurability: e.ALLOW_UNSAFE_DURABILITY,
    webDist: path.resolve(e.WEB_DIST),
    version: VERSION,
    reminderIntervalMinutes: e.REMINDER_INTERVAL_MINUTES,
    outboundWebhookUrl: e.OUTBOUND_WEBHOOK_URL,
    outboundWebhookSecret: e.OUTBOUND_WEBHOOK_SECRET,
  };
}
