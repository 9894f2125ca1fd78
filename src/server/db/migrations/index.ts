import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_pipeline.js';
import * as m0003 from './0003_search_text.js';
import * as m0004 from './0004_activities.js';
import * as m0005 from './0005_leads_money_agreements.js';
import * as m0006 from './0006_import_batches.js';
import * as m0008 from './0008_list_indexes.js';
import * as m0009 from './0009_credit_resolution_shares.js';
import * as m0010 from './0010_leads_list_indexes.js';
import * as m0011 from './0011_assessment.js';
import * as m0012 from './0012_network.js';
import * as m0013 from './0013_target_search_text.js';
import * as m0014 from './0014_landing.js';
import * as m0015 from './0015_commitments_open.js';

// Numbered migrations, listed explicitly (no directory scanning: works the same under tsx and in a bundle).
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_pipeline': m0002,
  '0003_search_text': m0003,
  '0004_activities': m0004,
  '0005_leads_money_agreements': m0005,
  '0006_import_batches': m0006,
  '0008_list_indexes': m0008,
  '0009_credit_resolution_shares': m0009,
  '0010_leads_list_indexes': m0010,
  '0011_assessment': m0011,
  '0012_network': m0012,
  '0013_target_search_text': m0013,
  '0014_landing': m0014,
  '0015_commitments_open': m0015,
};
