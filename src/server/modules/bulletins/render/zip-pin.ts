import JSZip from 'jszip';

// Office files are zip packages, and both docx and exceljs stamp them with "now": every zip entry's date and
// docProps/core.xml's created/modified. A published bulletin must render to the same bytes every time, so the
// package is rewritten with every date pinned to the 成文日期 and the entries in a fixed order.

export interface PinOptions {
  /** ISO date every date in the package is set to. */
  day: string;
  mimeType: string;
  /** Parts to replace (name → new text), e.g. a fuller font table. */
  replace?: Record<string, string>;
}

export async function pinPackage(buffer: Buffer, opts: PinOptions): Promise<Buffer> {
  const source = await JSZip.loadAsync(buffer);
  const stamp = `${opts.day}T00:00:00Z`;
  // JSZip writes DOS times in local time; noon UTC keeps the day whatever the server's zone.
  const date = new Date(`${opts.day}T12:00:00Z`);
  const out = new JSZip();
  // [Content_Types].xml first, as Office itself writes it; the rest by name.
  const names = Object.keys(source.files)
    .filter((n) => !source.files[n]?.dir)
    .sort((a, b) =>
      a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
  for (const name of names) {
    const entry = source.file(name);
    if (!entry) continue;
    let data: string | Uint8Array;
    if (opts.replace?.[name] !== undefined) {
      data = opts.replace[name];
    } else if (name === 'docProps/core.xml') {
      data = (await entry.async('string')).replace(
        /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        `$1${stamp}$3`,
      );
    } else {
      data = await entry.async('uint8array');
    }
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    mimeType: opts.mimeType,
    platform: 'DOS',
  });
}
