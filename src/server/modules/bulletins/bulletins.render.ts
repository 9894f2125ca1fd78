import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';
import type { BulletinRenderers } from './bulletins.service.js';

// The renderers of render/docx.ts and render/xlsx.ts, loaded on first use (they pull in the document
// libraries, which API start-up does not need).
export const bulletinRenderers: BulletinRenderers = {
  async docx(snapshot: BulletinSnapshot) {
    return (await import('./render/docx.js')).renderBulletinDocx(snapshot);
  },
  async xlsx(snapshot: BulletinSnapshot) {
    return (await import('./render/xlsx.js')).renderBulletinXlsx(snapshot);
  },
};
