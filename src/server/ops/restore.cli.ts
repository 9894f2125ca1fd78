import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { BackupVerificationError } from './archive.js';
import { formatBytes } from './backup.js';
import { checkBackup, loadRestoreSigningKey, RestoreTargetError, restore, UsageError } from './restore.js';

const HELP = `Usage: npm run restore -- FILE [--key-file PATH] [--check]

Restores a backup written by \`npm run backup\`. Before writing anything it checks the file's checksum, its
signature and every entry, and refuses a truncated, damaged or altered file, or one signed with another key.

  Embedded (DATABASE_URL not set): into DATA_DIR, which must be empty or absent (nothing is ever
  overwritten). PostgreSQL is started once to replay the WAL to a consistent point, then stopped;
  \`npm start\` with the same DATA_DIR runs the restored platform.
  External (DATABASE_URL set): pg_restore, in one transaction, into that database, which must be empty.
  The audit chain key is written to DATA_DIR/audit-hmac.key if the backup holds it.
  After either, the audit chain is verified on the restored data.

The backup key: BACKUP_KEY, or --key-file PATH: the backup.key of the DATA_DIR where the backup was taken
(without either, DATA_DIR/backup.key if it exists, e.g. for --check on the server itself). Operators must
keep backup.key apart from the backups: a key stored with them proves nothing, and lost with them it
leaves every backup unrestorable.

Options:
  --key-file PATH  the backup signing key (then copied to DATA_DIR/backup.key, so later backups use it)
  --check          verify the file only; restore nothing
  -h, --help       this help

Relative paths are taken from the folder npm was run from.
Environment: DATA_DIR (default ./data), DATABASE_URL, BACKUP_KEY, AUDIT_HMAC_KEY, PG_RESTORE.
Exit status: 0 restored (or verified); 1 failed; 2 wrong usage; 3 the file was refused (truncated,
damaged, altered, or signed with another key) and nothing was written; 4 the target is not empty.
`;

// Ctrl-C (or SIGTERM) stops cleanly between two entries; a second one exits at once.
const interrupt = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write(`${sig}: stopping the restore…\n`);
    interrupt.abort();
  });
}

async function main(): Promise<number> {
  const parse = () =>
    parseArgs({
      options: {
        'key-file': { type: 'string' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`Give exactly one backup FILE.\n\n${HELP}`);
    return 2;
  }
  // `npm run` starts us in the package folder; relative paths mean the folder npm was run from.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const file = path.resolve(cwd, parsed.positionals[0]!);
  const config = loadConfig(process.env);
  const progress = (m: string) => process.stderr.write(`${m}\n`);
  const keyFile = parsed.values['key-file'] && path.resolve(cwd, parsed.values['key-file']);
  const { key, origin } = loadRestoreSigningKey({ keyFile, dataDir: config.dataDir });
  progress(`Backup key: ${origin} (key id ${key.id})`);

  if (parsed.values.check) {
    const r = await checkBackup(file, key);
    process.stdout.write(
      [
        `Backup OK: ${file}`,
        `  taken     ${r.manifest.startedAt} by platform ${r.manifest.platformVersion} ` +
          `(${r.manifest.source.kind} PostgreSQL ${r.manifest.source.serverVersion})`,
        `  size      ${formatBytes(r.size)}, ${r.manifest.entries.length} entries`,
        `  sha256    ${r.sha256}`,
        '',
      ].join('\n'),
    );
    return 0;
  }

  const r = await restore({
    file,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    key,
    keyFile: process.env.BACKUP_KEY ? undefined : keyFile,
    auditHmacKey: config.auditHmacKey,
    progress,
    signal: interrupt.signal,
  });
  const audit = r.audit
    ? r.audit.ok
      ? `chain verified: ${r.audit.checked} entries OK`
      : `CHAIN BROKEN at entry ${r.audit.firstBrokenId} (${r.audit.reason})`
    : 'not verified (see below)';
  process.stdout.write(
    [
      `Restored ${file} into ${r.target}`,
      `  backup    taken ${r.manifest.startedAt} by platform ${r.manifest.platformVersion} ` +
        `(${r.manifest.source.kind} PostgreSQL ${r.manifest.source.serverVersion})`,
      `  written   ${r.files} files, ${formatBytes(r.bytes)}`,
      `  sha256    ${r.sha256}`,
      `  audit     ${audit}`,
      `  duration  ${(r.durationMs / 1000).toFixed(1)} s`,
      ...r.notes.map((n) => `  note      ${n}`),
      config.databaseUrl ? '' : `Start the platform with DATA_DIR=${config.dataDir} npm start`,
      '',
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (interrupt.signal.aborted) {
      process.stderr.write(`Restore interrupted (${message}).\n`);
      process.exitCode = 130;
    } else if (err instanceof BackupVerificationError) {
      process.stderr.write(`Refused: ${message}\n`);
      process.exitCode = 3;
    } else if (err instanceof RestoreTargetError) {
      process.stderr.write(`Refused: ${message}\n`);
      process.exitCode = 4;
    } else if (err instanceof UsageError) {
      process.stderr.write(`${message}\n\nRun npm run restore -- --help for usage.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`Restore failed: ${message}\n`);
      process.exitCode = 1;
    }
  },
);
