import os from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../../config.js';
import { loadAuditKey } from '../../db/bootstrap.js';
import { withCliDatabase } from '../../db/cli-database.js';
import { createAuditRepository } from '../audit/audit.repository.js';
import { generateOneTimePassword, hashPassword } from '../auth/password-hasher.js';

// `npm run admin:reset-password -- USERNAME`: the recovery path for the three security accounts, whose
// passwords no web user may reset (三员分立). Needs a shell on the server; the reset is audited.
const username = process.argv[2];
if (!username) {
  process.stderr.write('Usage: npm run admin:reset-password -- USERNAME\n');
  process.exit(64);
}
const config = loadConfig();
withCliDatabase(config, async (db) => {
  const oneTime = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTime);
  const at = new Date();
  const audit = createAuditRepository({ db, hmacKey: loadAuditKey(config), now: () => at });
  const found = await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'unitId', 'districtId'])
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    if (!user) return false;
    await trx
      .updateTable('users')
      .set({
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: at,
        unlockedAt: at,
        status: 'active',
        updatedAt: at,
      })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('userId', '=', user.id).execute();
    await audit.append(
      trx,
      {
        userId: null,
        username: `cli:${os.userInfo().username}`,
        roles: [],
        unitId: null,
        districtId: user.districtId,
        ip: 'local',
        requestId: null,
      },
      {
        action: 'users.reset_password',
        objectType: 'user',
        objectId: user.id,
        result: 'success',
        detail: 'server command line',
      },
    );
    return true;
  });
  if (!found) {
    process.stderr.write(`No account named ${username}.\n`);
    return 1;
  }
  process.stdout.write(`One-time password for ${username} (must be changed at sign-in): ${oneTime}\n`);
  return 0;
})
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  });
