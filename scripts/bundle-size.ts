import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

// npx tsx scripts/bundle-size.ts [build-dir] [--route features/x/XPage.tsx]… [--budget-kb 500]
//
// Issue 6's speed goal: the JavaScript a route needs before it can paint stays ≤ 500 KB gzipped. Builds the web
// app into a temporary folder (or reads a build folder given as an argument; it must have been built with the
// current src/web/vite.config.ts, which writes .vite/manifest.json) and adds up, from the manifest, the gzipped
// JS each route loads up front: the entry chunk and its static imports, plus the lazy route module's chunk and
// its static imports. What a page itself loads later (its charts, behind a dynamic import) is shown apart.
// Routes measured: the bare shell, `/` (home page), every dashboard page (features/dashboard/*Page.tsx), else
// the projects list; `--route` adds more (a source path relative to src/web, as the router's lazy import names
// it). Fails (exit 1) when the shell, `/` or a dashboard page exceeds the budget (the others are only reported),
// or when chunks import each other in a cycle: a cycle between chunks is how an init-order bug ("Cannot access
// … before initialization") comes back.
// Sizes are in kB of 1000 bytes, gzip level 9, as Vite's own build report prints them.

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    route: { type: 'string', multiple: true, default: [] },
    'budget-kb': { type: 'string', default: '500' },
  },
});
const budgetKb = Number(values['budget-kb']);

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

async function buildInto(outDir: string): Promise<void> {
  const configFile = path.resolve(import.meta.dirname, '../src/web/vite.config.ts');
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

async function main(): Promise<number> {
  let dir = positionals[0] ? path.resolve(positionals[0]) : undefined;
  if (!dir) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-size-'));
    process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
    console.log(`Building the web app into ${tmp} (removed afterwards) …`);
    await buildInto(tmp);
    dir = tmp;
  }
  const manifestPath = path.join(dir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestPath)) {
    console.error(
      `${manifestPath} is missing: build with the current src/web/vite.config.ts (build.manifest).`,
    );
    return 2;
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;

  const gzipped = new Map<string, number>();
  const gz = (file: string): number => {
    let size = gzipped.get(file);
    if (size === undefined) {
      size = gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
      gzipped.set(file, size);
    }
    return size;
  };
  const chunk = (key: string): ManifestChunk => {
    const c = manifest[key];
    if (!c) throw new Error(`manifest has no ${key}`);
    return c;
  };
  // A chunk and everything it imports statically: what the browser must fetch and run before it.
  const closure = (keys: string[], into = new Set<string>()): Set<string> => {
    for (const key of keys) {
      if (into.has(key)) continue;
      into.add(key);
      closure(chunk(key).imports ?? [], into);
    }
    return into;
  };
  const jsKb = (keys: Iterable<string>): number => {
    let bytes = 0;
    for (const key of keys) if (chunk(key).file.endsWith('.js')) bytes += gz(chunk(key).file);
    return bytes / 1000;
  };

  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('manifest has no entry');
  const shell = closure([entryKey]);

  const routes: { label: string; key: string | null; enforced: boolean }[] = [
    { label: 'shell (entry only)', key: null, enforced: true },
  ];
  const add = (label: string, key: string, enforced: boolean) => {
    if (manifest[key]) routes.push({ label, key, enforced });
    else console.warn(`(no chunk for ${key}: not a lazily loaded module in this build)`);
  };
  add('/', 'features/home/HomePage.tsx', true);
  const dashboards = Object.keys(manifest).filter((k) => /^features\/dashboard\/[^/]+Page\.tsx$/.test(k));
  for (const key of dashboards) add(`dashboard: ${path.basename(key, '.tsx')}`, key, true);
  if (dashboards.length === 0) add('/projects', 'features/projects/ProjectsListPage.tsx', false);
  for (const key of values.route ?? []) add(key, key, false);

  console.log(`\nInitial JS per route, gzipped (budget ${budgetKb} kB)\n`);
  let over = false;
  for (const { label, key, enforced } of routes) {
    const initial = key ? closure([key], new Set(shell)) : shell;
    const kb = jsKb(initial);
    // What the route's own code pulls in afterwards through dynamic imports (its charts, say).
    const later = new Set<string>();
    for (const k of initial) {
      if (!shell.has(k)) for (const dyn of chunk(k).dynamicImports ?? []) closure([dyn], later);
    }
    for (const k of initial) later.delete(k);
    const laterNote = later.size > 0 ? `   + ${jsKb(later).toFixed(1)} kB loaded lazily by the page` : '';
    const flag = kb <= budgetKb ? '' : enforced ? '  OVER BUDGET' : '  (over budget; not enforced)';
    if (kb > budgetKb && enforced) over = true;
    console.log(`${kb.toFixed(1).padStart(8)} kB  ${label}  (${initial.size} chunks)${laterNote}${flag}`);
  }
  const biggest = [...shell]
    .map((k) => ({ file: chunk(k).file, kb: jsKb([k]) }))
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 3);
  console.log(
    `\nLargest chunks of the shell: ${biggest.map((b) => `${b.file} ${b.kb.toFixed(1)} kB`).join(', ')}`,
  );

  const cycles = findCycles(manifest);
  for (const cycle of cycles) console.error(`Chunks import each other in a cycle: ${cycle.join(' → ')}`);
  if (over) console.error(`\nA route's initial JS exceeds ${budgetKb} kB gzipped.`);
  return over || cycles.length > 0 ? 1 : 0;
}

// Static-import cycles between chunks (depth-first search, each cycle reported once by its back edge).
function findCycles(manifest: Manifest): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (key: string) => {
    state.set(key, 'open');
    stack.push(key);
    for (const next of manifest[key]?.imports ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of Object.keys(manifest)) if (!state.has(key)) visit(key);
  return cycles;
}

process.exitCode = await main();
