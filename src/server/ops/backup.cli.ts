import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { backup, defaultBackupName, formatBytes, loadBackupSigningKey } from './backup.js';

const HELP = `Usage: npm run backup -- [FILE] [--out FILE]

Writes one consistent backup of the platform while it runs: the database (with the audit log), the audit
chain key and the other files of DATA_DIR, into one compressed, checksummed and signed file (default:
zhaoshang-backup-<YYYYMMDD-HHmmss>.zsb in the folder npm was run from). An existing file is never
overwritten.

  Embedded PostgreSQL (DATABASE_URL not set): an online base backup of DATA_DIR/pg and its WAL. If the
  platform is not running, its PostgreSQL is started for the backup and stopped again (the platform
  cannot start during that time).
  External PostgreSQL (DATABASE_URL set): pg_dump --format=custom. pg_dump must be at least the server's
  version (PG_DUMP=/path/to/pg_dump chooses one).

The signing key: BACKUP_KEY (32 characters or more), else DATA_DIR/backup.key, created at the first backup
(mode 0600). A restore needs the same key. Keep a copy of backup.key in a safe place APART from the backups:
without it no backup can be restored, and a key stored next to the backups no longer proves that they were
not altered.

Options:
  -o, --out FILE   where to write the backup (same as the FILE argument)
  -h, --help       this help

Environment: DATA_DIR (default ./data), DATABASE_URL, BACKUP_KEY, PG_DUMP.
Exit status: 0 written; 1 failed (no partial file is left); 2 wrong usage.
`;

// Ctrl-C (or SIGTERM) stops cleanly between two entries; a second one exits at once.
const interrupt = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write(`${sig}: stopping the backup…\n`);
    interrupt.abort();
  });
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
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
  const { positionals } = parsed;
  if (positionals.length > 1 || (positionals.length === 1 && parsed.values.out)) {
    process.stderr.write(`Give the output file once (FILE or --out).\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const progress = (m: string) => process.stderr.write(`${m}\n`);
  const { key, origin, created } = loadBackupSigningKey(config.dataDir);
  if (created) {
    progress(
      `Created the backup signing key ${origin} (key id ${key.id}). Copy it to a safe place apart from the ` +
        'backups: a backup cannot be restored without it.',
    );
  } else {
    progress(`Signing with ${origin} (key id ${key.id})`);
  }
  const r = await backup({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    // `npm run` starts us in the package folder; relative paths mean the folder npm was run from.
    out: path.resolve(
      process.env.INIT_CWD ?? process.cwd(),
      parsed.values.out ?? positionals[0] ?? defaultBackupName(),
    ),
    key,
    platformVersion: config.version,
    progress,
    signal: interrupt.signal,
  });
  const source =
    r.source.kind === 'embedded'
      ? `embedded PostgreSQL ${r.source.serverVersion}, WAL ${r.source.startLsn} … ${r.source.stopLsn}`
      : `external PostgreSQL ${r.source.serverVersion}, database ${r.source.database} (pg_dump ${r.source.pgDumpVersion})`;
  process.stdout.write(
    [
      `Backup written: ${r.file}`,
      `  size      ${formatBytes(r.size)} (${r.entries} entries, ${formatBytes(r.dataBytes)} uncompressed)`,
      `  sha256    ${r.sha256}`,
      `            (of the file without its last 80 bytes; signed with key id ${r.keyId})`,
      `  source    ${source}`,
      `  duration  ${(r.durationMs / 1000).toFixed(1)} s`,
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
    if (interrupt.signal.aborted) {
      process.stderr.write('Backup interrupted: no file was written.\n');
      process.exitCode = 130;
      return;
    }
    process.stderr.write(`Backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
