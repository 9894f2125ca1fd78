import { type Kysely, sql, type Transaction } from 'kysely';
import { type DataScope, scopeDistricts } from '../../../domain/access/scope.js';
import { coverageOf, emptyCounts, type LinkCounts } from '../../../domain/network/chain-coverage.js';
import type {
  ChainDetail,
  ChainGap,
  ChainInput,
  ChainLinkNode,
  ChainPatch,
  ChainSummary,
  LinkEnterprise,
  LinkEnterpriseInput,
  LinkInput,
  LinkPatch,
} from '../../../domain/network/chains.schemas.js';
import type { ChainSegment } from '../../../domain/network/network-codes.js';
import type { Stage } from '../../../domain/projects/stages.js';
import type { DB } from '../../db/schema.js';
import { inScope, inScopeOrShared } from '../../db/scope-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { chainsErrors, type LinkReferences } from './chains.errors.js';

// The district's industrial chains (产业链) and their coverage. Everyone in the district reads the chains, the
// enterprises placed on links and the district-wide (全区) counts of leads, projects and targets per link: that
// is what coverage is made of. The leads and projects LISTED on a link are the caller's own scope, and a target's
// plan opens only within scope. Only the center edits chains (pipeline.coordinate, checked by the route).

interface LinkRow {
  id: string;
  chainId: string;
  parentId: string | null;
  name: string;
  segment: ChainSegment;
  description: string | null;
  sortOrder: number;
}

const SEGMENT_ORDER: Record<ChainSegment, number> = {
  upstream: 0,
  midstream: 1,
  downstream: 2,
  supporting: 3,
};
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/** Depth-first order: top-level links by segment, then siblings by sort order and name. */
function treeOrder(links: LinkRow[]): Array<LinkRow & { depth: number }> {
  const ids = new Set(links.map((l) => l.id));
  const kids = new Map<string | null, LinkRow[]>();
  for (const l of links) {
    const parent = l.parentId && ids.has(l.parentId) ? l.parentId : null;
    kids.set(parent, [...(kids.get(parent) ?? []), l]);
  }
  const cmp = (a: LinkRow, b: LinkRow) =>
    SEGMENT_ORDER[a.segment] - SEGMENT_ORDER[b.segment] ||
    a.sortOrder - b.sortOrder ||
    a.name.localeCompare(b.name, 'zh-CN');
  const out: Array<LinkRow & { depth: number }> = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const l of (kids.get(parent) ?? []).sort(cmp)) {
      if (seen.has(l.id)) continue;
      seen.add(l.id);
      out.push({ ...l, depth });
      walk(l.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function createChainsService({
  db,
  audit,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  now: () => Date;
}) {
  /**
   * Chains of the districts with their links, the district-wide counts on each link and the placed
   * enterprises. Withdrawn projects, declined leads (and converted ones: their project counts instead) and
   * targets dropped or converted are not counted.
   */
  async function load(districts: string[], only: { chainId?: string; linkId?: string } = {}) {
    if (districts.length === 0) return null;
    let chainsQ = db
      .selectFrom('chains as c')
      .select(['c.id', 'c.name', 'c.description', 'c.sortOrder'])
      .where('c.districtId', 'in', districts);
    if (only.chainId) chainsQ = chainsQ.where('c.id', '=', only.chainId);
    if (only.linkId) {
      const linkId = only.linkId;
      chainsQ = chainsQ.where((eb) =>
        eb.exists(
          eb
            .selectFrom('chainLinks as l')
            .select('l.id')
            .whereRef('l.chainId', '=', 'c.id')
            .where('l.id', '=', linkId),
        ),
      );
    }
    const chains = await chainsQ.orderBy('c.sortOrder').orderBy('c.name').execute();
    const chainIds = chains.map((c) => c.id);
    if (chainIds.length === 0)
      return {
        chains,
        links: [] as LinkRow[],
        counts: new Map<string, LinkCounts>(),
        enterprises: new Map<string, LinkEnterprise[]>(),
      };

    const inChains = sql<boolean>`cl.chain_id = any(${chainIds}::uuid[])`;
    const [links, enterpriseRows, leadRows, projectRows, targetRows] = await Promise.all([
      db
        .selectFrom('chainLinks')
        .select(['id', 'chainId', 'parentId', 'name', 'segment', 'description', 'sortOrder'])
        .where('chainId', 'in', chainIds)
        .execute(),
      sql<{
        linkId: string;
        enterpriseId: string;
        name: string;
        role: LinkEnterprise['role'];
        note: string | null;
      }>`
        select e.link_id, e.enterprise_id, en.name, e.role, e.note
          from chain_link_enterprises e
          join chain_links cl on cl.id = e.link_id
          join enterprises en on en.id = e.enterprise_id
         where ${inChains}
         order by e.role, en.name`.execute(db),
      sql<{ linkId: string; n: number }>`
        select l.chain_link_id as link_id, count(*)::int as n
          from leads l join chain_links cl on cl.id = l.chain_link_id
         where ${inChains} and l.status in ('new', 'following')
         group by l.chain_link_id`.execute(db),
      sql<{ linkId: string; stage: Stage; n: number }>`
        select p.chain_link_id as link_id, p.stage, count(*)::int as n
          from projects p join chain_links cl on cl.id = p.chain_link_id
         where ${inChains} and p.stage <> 'withdrawn'
         group by p.chain_link_id, p.stage`.execute(db),
      sql<{ linkId: string; n: number }>`
        select t.chain_link_id as link_id, count(*)::int as n
          from target_enterprises t join chain_links cl on cl.id = t.chain_link_id
         where ${inChains} and t.status not in ('converted', 'dropped')
         group by t.chain_link_id`.execute(db),
    ]);

    const counts = new Map<string, LinkCounts>();
    const at = (linkId: string) => {
      let c = counts.get(linkId);
      if (!c) {
        c = emptyCounts();
        counts.set(linkId, c);
      }
      return c;
    };
    const enterprises = new Map<string, LinkEnterprise[]>();
    for (const e of enterpriseRows.rows) {
      const c = at(e.linkId);
      if (e.role === 'chain_leader') c.chainLeaders += 1;
      else c.existing += 1;
      enterprises.set(e.linkId, [
        ...(enterprises.get(e.linkId) ?? []),
        { enterpriseId: e.enterpriseId, name: e.name, role: e.role, note: e.note },
      ]);
    }
    for (const r of leadRows.rows) at(r.linkId).leads += r.n;
    for (const r of targetRows.rows) at(r.linkId).targets += r.n;
    for (const r of projectRows.rows) {
      const c = at(r.linkId);
      if (r.stage in c && r.stage !== 'withdrawn') c[r.stage as Exclude<Stage, 'withdrawn'>] += r.n;
    }
    return { chains, links: links as LinkRow[], counts, enterprises };
  }

  type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

  function summarise(loaded: Loaded, chain: Loaded['chains'][number]) {
    const links = treeOrder(loaded.links.filter((l) => l.chainId === chain.id));
    const cov = coverageOf(
      links.map((l) => ({
        id: l.id,
        parentId: l.parentId,
        counts: loaded.counts.get(l.id) ?? emptyCounts(),
      })),
    );
    const byId = new Map(links.map((l) => [l.id, l]));
    const summary: ChainSummary = {
      id: chain.id,
      name: chain.name,
      description: chain.description,
      sortOrder: chain.sortOrder,
      linkCount: cov.linkCount,
      leafCount: cov.leafCount,
      covered: cov.covered,
      inProgress: cov.inProgress,
      gaps: cov.gaps,
      coverage: cov.coverage,
      gapNames: cov.gapIds.map((id) => byId.get(id)?.name ?? ''),
      chainLeaderNames: [
        ...new Set(
          links.flatMap((l) =>
            (loaded.enterprises.get(l.id) ?? []).filter((e) => e.role === 'chain_leader').map((e) => e.name),
          ),
        ),
      ],
    };
    return { summary, links, cov, byId };
  }

  async function list(scope: DataScope, query: { linkId?: string }): Promise<ChainSummary[]> {
    const loaded = await load(scopeDistricts(scope), { linkId: query.linkId });
    if (!loaded) return [];
    return loaded.chains.map((c) => summarise(loaded, c).summary);
  }

  async function detail(scope: DataScope, chainId: string): Promise<ChainDetail> {
    const loaded = await load(scopeDistricts(scope), { chainId });
    const chain = loaded?.chains[0];
    if (!loaded || !chain) throw chainsErrors.notFound();
    const { summary, links, cov, byId } = summarise(loaded, chain);
    const nodes: ChainLinkNode[] = links.map((l) => {
      const c = cov.links.get(l.id);
      return {
        id: l.id,
        parentId: l.parentId,
        name: l.name,
        segment: l.segment,
        description: l.description,
        sortOrder: l.sortOrder,
        depth: l.depth,
        leaf: c?.leaf ?? true,
        ownState: c?.ownState ?? 'gap',
        state: c?.state ?? 'gap',
        counts: loaded.counts.get(l.id) ?? emptyCounts(),
        enterprises: loaded.enterprises.get(l.id) ?? [],
      };
    });
    const pathOf = (id: string): string => {
      const names: string[] = [];
      let cur = byId.get(id);
      while (cur && names.length < 20) {
        names.unshift(cur.name);
        cur = cur.parentId ? byId.get(cur.parentId) : undefined;
      }
      return names.join(' › ');
    };
    const linkIds = links.map((l) => l.id);
    const noIds = linkIds.length === 0;
    const [candidates, leads, projects] = await Promise.all([
      noIds || cov.gapIds.length === 0
        ? []
        : db
            .selectFrom('targetEnterprises as t')
            .innerJoin('enterprises as e', 'e.id', 't.enterpriseId')
            .innerJoin('units as u', 'u.id', 't.unitId')
            .select([
              't.id',
              't.chainLinkId',
              't.enterpriseId',
              'e.name as enterpriseName',
              't.tags',
              't.priority',
              't.status',
              'u.name as unitName',
              inScope(scope, { district: 't.district_id', unit: 't.unit_id' }).as('visible'),
            ])
            .where('t.chainLinkId', 'in', cov.gapIds)
            .where('t.status', 'not in', ['converted', 'dropped'])
            .orderBy('t.priority')
            .orderBy('e.name')
            .execute(),
      noIds
        ? []
        : db
            .selectFrom('leads as l')
            .innerJoin('units as u', 'u.id', 'l.unitId')
            .select(['l.id', 'l.chainLinkId', 'l.title', 'l.status', 'u.name as unitName', 'l.receivedOn'])
            .where('l.chainLinkId', 'in', linkIds)
            .where('l.status', 'in', ['new', 'following'])
            .where(
              inScopeOrShared(scope, { district: 'l.district_id', unit: 'l.unit_id', shared: 'l.shared' }),
            )
            .orderBy('l.receivedOn', 'desc')
            .limit(500)
            .execute(),
      noIds
        ? []
        : db
            .selectFrom('projects as p')
            .innerJoin('units as u', 'u.id', 'p.unitId')
            .select(['p.id', 'p.chainLinkId', 'p.name', 'p.stage', 'u.name as unitName'])
            .where('p.chainLinkId', 'in', linkIds)
            .where('p.stage', '<>', 'withdrawn')
            .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
            .orderBy('p.updatedAt', 'desc')
            .limit(500)
            .execute(),
    ]);
    const gapList: ChainGap[] = cov.gapIds.map((id) => {
      const l = byId.get(id) as LinkRow;
      return {
        linkId: id,
        name: l.name,
        segment: l.segment,
        path: pathOf(id),
        candidates: candidates
          .filter((c) => c.chainLinkId === id)
          .map((c) => ({
            targetId: c.id,
            enterpriseId: c.enterpriseId,
            enterpriseName: c.enterpriseName,
            tags: c.tags,
            priority: c.priority,
            status: c.status,
            unitName: c.unitName,
            visible: Boolean(c.visible),
          })),
      };
    });
    return {
      ...summary,
      links: nodes,
      gapList,
      leads: leads.map((l) => ({
        id: l.id,
        linkId: l.chainLinkId as string,
        title: l.title,
        status: l.status,
        unitName: l.unitName,
        receivedOn: l.receivedOn,
      })),
      projects: projects.map((p) => ({
        id: p.id,
        linkId: p.chainLinkId as string,
        name: p.name,
        stage: p.stage as Stage,
        unitName: p.unitName,
      })),
    };
  }

  // ------------------------------------------------------------------ the center's edits

  async function chainOf(trx: Transaction<DB>, u: SessionUser, chainId: string) {
    const chain = await trx
      .selectFrom('chains')
      .selectAll()
      .where('id', '=', chainId)
      .where('districtId', '=', u.districtId)
      .forUpdate()
      .executeTakeFirst();
    if (!chain) throw chainsErrors.notFound();
    return chain;
  }

  async function linkOf(trx: Transaction<DB>, chainId: string, linkId: string) {
    const link = await trx
      .selectFrom('chainLinks')
      .selectAll()
      .where('id', '=', linkId)
      .where('chainId', '=', chainId)
      .executeTakeFirst();
    if (!link) throw chainsErrors.linkNotFound();
    return link;
  }

  /** The link and every link below it, for cycle checks and segment moves. */
  async function branchOf(trx: Transaction<DB>, linkId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>`
      with recursive branch(id) as (
        select ${linkId}::uuid
        union
        select cl.id from chain_links cl join branch b on cl.parent_id = b.id
      )
      select id from branch`.execute(trx);
    return rows.rows.map((r) => r.id);
  }

  async function createChain(u: SessionUser, actor: AuditActor, input: ChainInput) {
    try {
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('chains')
          .values({
            districtId: u.districtId,
            name: input.name,
            description: input.description ?? null,
            sortOrder: input.sortOrder ?? 0,
            createdBy: u.id,
            createdAt: now(),
            updatedAt: now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.append(trx, actor, {
          action: 'chains.create',
          objectType: 'chain',
          objectId: row.id,
          result: 'success',
          changes: { name: { before: null, after: input.name } },
        });
        return row.id;
      });
      return detail({ kind: 'district', districtIds: [u.districtId] }, id);
    } catch (err) {
      if (isUniqueViolation(err)) throw chainsErrors.nameTaken(input.name);
      throw err;
    }
  }

  async function updateChain(u: SessionUser, actor: AuditActor, chainId: string, patch: ChainPatch) {
    try {
      await db.transaction().execute(async (trx) => {
        const before = await chainOf(trx, u, chainId);
        const changes: Record<string, { before: unknown; after: unknown }> = {};
        for (const k of ['name', 'description', 'sortOrder'] as const) {
          if (patch[k] !== undefined && patch[k] !== before[k])
            changes[k] = { before: before[k], after: patch[k] };
        }
        await trx
          .updateTable('chains')
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
            updatedAt: now(),
          })
          .where('id', '=', chainId)
          .execute();
        await audit.append(trx, actor, {
          action: 'chains.update',
          objectType: 'chain',
          objectId: chainId,
          result: 'success',
          changes,
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw chainsErrors.nameTaken(patch.name ?? '');
      throw err;
    }
    return detail({ kind: 'district', districtIds: [u.districtId] }, chainId);
  }

  /** Leads, projects and targets on any of the links (withdrawn/declined ones included: they would lose it). */
  async function pipelineRefs(trx: Transaction<DB>, linkIds: string[]) {
    if (linkIds.length === 0) return { leads: 0, projects: 0, targets: 0 };
    const [leads, projects, targets] = await Promise.all(
      (['leads', 'projects', 'targetEnterprises'] as const).map((table) =>
        trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('chainLinkId', 'in', linkIds)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
      ),
    );
    return { leads: leads ?? 0, projects: projects ?? 0, targets: targets ?? 0 };
  }

  async function removeChain(u: SessionUser, actor: AuditActor, chainId: string) {
    await db.transaction().execute(async (trx) => {
      const before = await chainOf(trx, u, chainId);
      const linkIds = (
        await trx.selectFrom('chainLinks').select('id').where('chainId', '=', chainId).execute()
      ).map((l) => l.id);
      // Links and placed enterprises are the chain's own setup and go with it; the pipeline's records would
      // silently lose their placement, so they must be moved first.
      const refs = await pipelineRefs(trx, linkIds);
      if (refs.leads + refs.projects + refs.targets > 0) throw chainsErrors.chainInUse(refs);
      await trx.deleteFrom('chains').where('id', '=', chainId).execute();
      await audit.append(trx, actor, {
        action: 'chains.delete',
        objectType: 'chain',
        objectId: chainId,
        result: 'success',
        changes: { name: { before: before.name, after: null } },
      });
    });
  }

  async function addLink(u: SessionUser, actor: AuditActor, chainId: string, input: LinkInput) {
    const id = await db.transaction().execute(async (trx) => {
      await chainOf(trx, u, chainId);
      let segment = input.segment;
      if (input.parentId) {
        const parent = await trx
          .selectFrom('chainLinks')
          .select(['id', 'segment'])
          .where('id', '=', input.parentId)
          .where('chainId', '=', chainId)
          .executeTakeFirst();
        if (!parent) throw chainsErrors.parentInvalid();
        // A sub-link sits in its parent's segment: a branch is one segment.
        segment = parent.segment;
      }
      const last = await trx
        .selectFrom('chainLinks')
        .select((eb) => eb.fn.max('sortOrder').as('max'))
        .where('chainId', '=', chainId)
        .where((eb) => (input.parentId ? eb('parentId', '=', input.parentId) : eb('parentId', 'is', null)))
        .executeTakeFirst();
      const row = await trx
        .insertInto('chainLinks')
        .values({
          districtId: u.districtId,
          chainId,
          parentId: input.parentId,
          name: input.name,
          segment,
          description: input.description ?? null,
          sortOrder: (last?.max ?? -1) + 1,
          createdAt: now(),
          updatedAt: now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'chains.link_create',
        objectType: 'chain_link',
        objectId: row.id,
        result: 'success',
        changes: {
          name: { before: null, after: input.name },
          segment: { before: null, after: segment },
          parentId: { before: null, after: input.parentId },
        },
      });
      return row.id;
    });
    return { id, chain: await detail({ kind: 'district', districtIds: [u.districtId] }, chainId) };
  }

  async function updateLink(
    u: SessionUser,
    actor: AuditActor,
    chainId: string,
    linkId: string,
    patch: LinkPatch,
  ) {
    await db.transaction().execute(async (trx) => {
      await chainOf(trx, u, chainId);
      const before = await linkOf(trx, chainId, linkId);
      const branch = await branchOf(trx, linkId);
      // A sub-link sits in its parent's segment: under a (new or kept) parent the segment is the parent's,
      // and a top-level link moves to another segment with its whole branch.
      let segment = patch.segment ?? before.segment;
      const parentId = patch.parentId !== undefined ? patch.parentId : before.parentId;
      if (parentId) {
        if (branch.includes(parentId)) throw chainsErrors.parentInvalid();
        const parent = await trx
          .selectFrom('chainLinks')
          .select(['id', 'segment'])
          .where('id', '=', parentId)
          .where('chainId', '=', chainId)
          .executeTakeFirst();
        if (!parent) throw chainsErrors.parentInvalid();
        segment = parent.segment;
      }
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const next = { ...patch, segment };
      for (const k of ['name', 'segment', 'description', 'parentId'] as const) {
        if (next[k] !== undefined && next[k] !== before[k])
          changes[k] = { before: before[k], after: next[k] };
      }
      await trx
        .updateTable('chainLinks')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
          updatedAt: now(),
        })
        .where('id', '=', linkId)
        .execute();
      if (segment !== before.segment) {
        await trx
          .updateTable('chainLinks')
          .set({ segment, updatedAt: now() })
          .where('id', 'in', branch)
          .execute();
      }
      await audit.append(trx, actor, {
        action: 'chains.link_update',
        objectType: 'chain_link',
        objectId: linkId,
        result: 'success',
        changes,
      });
    });
    return detail({ kind: 'district', districtIds: [u.districtId] }, chainId);
  }

  async function reorderLinks(u: SessionUser, actor: AuditActor, chainId: string, ids: string[]) {
    await db.transaction().execute(async (trx) => {
      await chainOf(trx, u, chainId);
      const rows = await trx
        .selectFrom('chainLinks')
        .select(['id', 'parentId'])
        .where('chainId', '=', chainId)
        .where('id', 'in', ids)
        .execute();
      const parents = new Set(rows.map((r) => r.parentId ?? ''));
      if (rows.length !== new Set(ids).size || rows.length !== ids.length || parents.size !== 1) {
        throw chainsErrors.orderInvalid();
      }
      for (const [i, linkId] of ids.entries()) {
        await trx
          .updateTable('chainLinks')
          .set({ sortOrder: i, updatedAt: now() })
          .where('id', '=', linkId)
          .execute();
      }
      await audit.append(trx, actor, {
        action: 'chains.link_reorder',
        objectType: 'chain',
        objectId: chainId,
        result: 'success',
        changes: { order: { before: null, after: ids } },
      });
    });
    return detail({ kind: 'district', districtIds: [u.districtId] }, chainId);
  }

  async function removeLink(u: SessionUser, actor: AuditActor, chainId: string, linkId: string) {
    await db.transaction().execute(async (trx) => {
      await chainOf(trx, u, chainId);
      const before = await linkOf(trx, chainId, linkId);
      // The schema would cascade or null these silently; the center decides where each goes first.
      const [children, enterprises, refs] = await Promise.all([
        trx
          .selectFrom('chainLinks')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('parentId', '=', linkId)
          .executeTakeFirstOrThrow(),
        trx
          .selectFrom('chainLinkEnterprises')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('linkId', '=', linkId)
          .executeTakeFirstOrThrow(),
        pipelineRefs(trx, [linkId]),
      ]);
      const used: LinkReferences = {
        children: Number(children.n),
        enterprises: Number(enterprises.n),
        ...refs,
      };
      if (Object.values(used).some((n) => n > 0)) throw chainsErrors.linkInUse(used);
      await trx.deleteFrom('chainLinks').where('id', '=', linkId).execute();
      await audit.append(trx, actor, {
        action: 'chains.link_delete',
        objectType: 'chain_link',
        objectId: linkId,
        result: 'success',
        changes: { name: { before: before.name, after: null } },
      });
    });
  }

  async function placeEnterprise(
    u: SessionUser,
    actor: AuditActor,
    chainId: string,
    linkId: string,
    enterpriseId: string,
    input: LinkEnterpriseInput,
  ) {
    await db.transaction().execute(async (trx) => {
      await chainOf(trx, u, chainId);
      await linkOf(trx, chainId, linkId);
      const enterprise = await trx
        .selectFrom('enterprises')
        .select('id')
        .where('id', '=', enterpriseId)
        .where('districtId', '=', u.districtId)
        .executeTakeFirst();
      if (!enterprise) throw chainsErrors.enterpriseUnknown();
      const before = await trx
        .selectFrom('chainLinkEnterprises')
        .select(['role', 'note'])
        .where('linkId', '=', linkId)
        .where('enterpriseId', '=', enterpriseId)
        .executeTakeFirst();
      await trx
        .insertInto('chainLinkEnterprises')
        .values({
          districtId: u.districtId,
          linkId,
          enterpriseId,
          role: input.role,
          note: input.note ?? null,
          createdAt: now(),
        })
        .onConflict((oc) =>
          oc.columns(['linkId', 'enterpriseId']).doUpdateSet({ role: input.role, note: input.note ?? null }),
        )
        .execute();
      await audit.append(trx, actor, {
        action: 'chains.enterprise_place',
        objectType: 'chain_link',
        objectId: linkId,
        result: 'success',
        changes: {
          enterpriseId: { before: before ? enterpriseId : null, after: enterpriseId },
          role: { before: before?.role ?? null, after: input.role },
        },
      });
    });
    return detail({ kind: 'district', districtIds: [u.districtId] }, chainId);
  }

  async function removeEnterprise(
    u: SessionUser,
    actor: AuditActor,
    chainId: string,
    linkId: string,
    enterpriseId: string,
  ) {
    await db.transaction().execute(async (trx) => {
      await chainOf(trx, u, chainId);
      await linkOf(trx, chainId, linkId);
      const gone = await trx
        .deleteFrom('chainLinkEnterprises')
        .where('linkId', '=', linkId)
        .where('enterpriseId', '=', enterpriseId)
        .returning('role')
        .executeTakeFirst();
      if (!gone) throw chainsErrors.linkNotFound();
      await audit.append(trx, actor, {
        action: 'chains.enterprise_remove',
        objectType: 'chain_link',
        objectId: linkId,
        result: 'success',
        changes: {
          enterpriseId: { before: enterpriseId, after: null },
          role: { before: gone.role, after: null },
        },
      });
    });
  }

  return {
    list,
    detail,
    createChain,
    updateChain,
    removeChain,
    addLink,
    updateLink,
    reorderLinks,
    removeLink,
    placeEnterprise,
    removeEnterprise,
  };
}

export type ChainsService = ReturnType<typeof createChainsService>;
