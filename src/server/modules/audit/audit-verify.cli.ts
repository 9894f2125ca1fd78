import { loadConfig } from '../../config.js';
import { loadAuditKey } from '../../db/bootstrap.js';
import { withCliDatabase } from '../../db/cli-database.js';
import { createAuditRepository } from './audit.repository.js';

// `npm run audit:verify`: walks the audit log's HMAC chain; exit 0 when intact, 2 at the first broken row.
const config = loadConfig();
withCliDatabase(config, async (db) => {
  const audit = createAuditRepository({ db, hmacKey: loadAuditKey(config), now: () => new Date() });
  const r = await audit.verify();
  if (r.ok) {
    process.stdout.write(`Audit log intact: ${r.checked} rows checked.\n`);
    return 0;
  }
  process.stdout.write(
    `Audit log BROKEN at row ${r.firstBrokenId} (${r.reason}); ${r.checked} rows before it check out.\n`,
  );
  return 2;
})
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  });
