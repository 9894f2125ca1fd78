import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';
import type { BulletinRenderers } from './bulletins.service.js';

// The renderers of render/docx.ts and render/xlsx.ts, loaded on first use (they pull in the document
// libraries, which API start-up does not need).
const DOCX = './render/docx.js';
const XLSX = './render/xlsx.js';

export const bulletinRenderers: BulletinRenderers = {
  async docx(snapshot: BulletinSnapshot) {
    const m = (await import(DOCX)) as { renderBulletinDocx(s: BulletinSnapshot): Promise<Buffer> };
    return m.renderBulletinDocx(snapshot);
  },
  async xlsx(snapshot: BulletinSnapshot) {
    const m = (await import(XLSX)) as { renderBulletinXlsx(s: BulletinSnapshot): Promise<Buffer> };
    return m.renderBulletinXlsx(snapshot);
  },
};
