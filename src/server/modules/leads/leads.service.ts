import {
  type Kysely,
  type RawBuilder,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import { type DataScope, scopeDistricts } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import { leadClocks } from '../../../domain/leads/lead-clocks.js';
import {
  type ConvertLeadInput,
  type CreateLeadInput,
  LEAD_STATUS_LABELS,
  type LeadChannel,
  type LeadClockKind,
  type LeadEventKind,
  type LeadListQuery,
  type LeadNoteInput,
  type LeadSort,
  type LeadStatus,
  type LeadView,
  type RespondLeadInput,
  SCREENING_DIMENSIONS,
  type ScreeningScores,
  type ScreenLeadInput,
  type ShareLeadInput,
  type UpdateLeadInput,
} from '../../../domain/leads/leads.schemas.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, LeadsTable } from '../../db/schema.js';
import { inScope, inScopeOrShared } from '../../db/scope-filter.js';
import { matchesSearch } from '../../db/search-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { EnterprisesService } from '../enterprises/enterprises.service.js';
import { assertRecordLinks, recordLinkLabels } from '../network-sources/record-links.js';
import { activeUnitInScope } from '../organization/unit-in-scope.js';
import { markTargetConverted } from '../target-enterprises/target-conversion.js';
import { leadsErrors } from './leads.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
type Row = Selectable<LeadsTable> & {
  unitName: string;
  enterpriseName: string;
  respondDays: number;
  screenDays: number;
  feedbackDays: number;
  reportIntervalDays: number;
  inOwnScope: boolean;
  referralSourceName: string | null;
  eventName: string | null;
  chainLinkLabel: string | null;
};

export type LeadFilter = LeadListQuery;
const EXPORT_LIMIT = 100_000;

const EDITABLE = [
  'title',
  'enterpriseId',
  'channel',
  'referrer',
  'intention',
  'intendedAmountYuan',
  'industryDivision',
  'chain',
  'siteNeeds',
  'supportAsked',
  'receivedOn',
  'referralSourceId',
  'eventId',
  'chainLinkId',
] as const;

/** Who may act on leads at all (the route checks the permission; rows still need to be in scope). */
export interface LeadCaller {
  user: SessionUser;
  scope: DataScope;
  canWrite: boolean;
}

const SORTS: Record<LeadSort, [string, 'asc' | 'desc']> = {
  receivedOn: ['l.receivedOn', 'asc'],
  '-receivedOn': ['l.receivedOn', 'desc'],
  updatedAt: ['l.updatedAt', 'asc'],
  '-updatedAt': ['l.updatedAt', 'desc'],
  title: ['l.title', 'asc'],
};

/** The same rule as domain/leads/lead-clocks.ts, in SQL, so the list can filter and count overdue leads. */
export function overdueSql(kind: LeadClockKind | 'any', today: string) {
  const d = sql`${today}::date`;
  const open = sql`l.status in ('new', 'following')`;
  const cond: Record<LeadClockKind, ReturnType<typeof sql>> = {
    respond: sql`(${open} and l.responded_on is null and l.received_on + coalesce(ds.lead_respond_days, 1) < ${d})`,
    screen: sql`(${open} and l.screened_on is null and l.received_on + coalesce(ds.lead_screen_days, 3) < ${d})`,
    feedback: sql`(${open} and l.fed_back_on is null and l.received_on + coalesce(ds.lead_feedback_days, 7) < ${d})`,
    report: sql`(l.status = 'following' and greatest(coalesce(l.screened_on, l.received_on), l.last_reported_on) + coalesce(ds.lead_report_interval_days, 14) < ${d})`,
  };
  if (kind === 'any') {
    return sql<boolean>`(${cond.respond} or ${cond.screen} or ${cond.feedback} or ${cond.report})`;
  }
  return sql<boolean>`${cond[kind]}`;
}

function screeningTotal(s: ScreeningScores): number {
  return SCREENING_DIMENSIONS.reduce((n, d) => n + s[d], 0);
}

export function createLeadsService({
  db,
  audit,
  enterprises,
  now,
}: {
  db: Kysely<DB>;
  audit: AuditRepository;
  enterprises: EnterprisesService;
  now: () => Date;
}) {
  const today = () => chinaToday(now());

  function present(r: Row, canWrite: boolean): LeadView {
    const settings = {
      respondDays: r.respondDays,
      screenDays: r.screenDays,
      feedbackDays: r.feedbackDays,
      reportIntervalDays: r.reportIntervalDays,
    };
    return {
      id: r.id,
      districtId: r.districtId,
      unitId: r.unitId,
      unitName: r.unitName,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      title: r.title,
      channel: r.channel as LeadChannel,
      referrer: r.referrer,
      intention: r.intention,
      intendedAmountYuan: r.intendedAmountYuan,
      industryDivision: r.industryDivision,
      chain: r.chain,
      siteNeeds: r.siteNeeds,
      supportAsked: r.supportAsked,
      receivedOn: r.receivedOn,
      referralSourceId: r.referralSourceId,
      referralSourceName: r.referralSourceName,
      eventId: r.eventId,
      eventName: r.eventName,
      chainLinkId: r.chainLinkId,
      chainLinkLabel: r.chainLinkLabel,
      status: r.status,
      respondedOn: r.respondedOn,
      fedBackOn: r.fedBackOn,
      lastReportedOn: r.lastReportedOn,
      screeningScores: (r.screeningScores as ScreeningScores | null) ?? null,
      screeningTotal: r.screeningTotal,
      screenedOn: r.screenedOn,
      declineReason: r.declineReason,
      shared: r.shared,
      projectId: r.projectId,
      clocks: leadClocks(r, settings, today()),
      writable: canWrite && r.inOwnScope,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  /** Every lead the caller may read: own scope, plus the district's shared leads. */
  function base(q: Q, scope: DataScope) {
    const links = recordLinkLabels('l');
    return q
      .selectFrom('leads as l')
      .innerJoin('units as un', 'un.id', 'l.unitId')
      .innerJoin('enterprises as e', 'e.id', 'l.enterpriseId')
      .leftJoin('districtSettings as ds', 'ds.districtId', 'l.districtId')
      .selectAll('l')
      .select([
        'un.name as unitName',
        'e.name as enterpriseName',
        sql<number>`coalesce(ds.lead_respond_days, 1)`.as('respondDays'),
        sql<number>`coalesce(ds.lead_screen_days, 3)`.as('screenDays'),
        sql<number>`coalesce(ds.lead_feedback_days, 7)`.as('feedbackDays'),
        sql<number>`coalesce(ds.lead_report_interval_days, 14)`.as('reportIntervalDays'),
        inScope(scope, { district: 'l.district_id', unit: 'l.unit_id' }).as('inOwnScope'),
        links.referralSourceName.as('referralSourceName'),
        links.eventName.as('eventName'),
        links.chainLinkLabel.as('chainLinkLabel'),
      ])
      .where(inScopeOrShared(scope, { district: 'l.district_id', unit: 'l.unit_id', shared: 'l.shared' }));
  }

  async function find(q: Q, scope: DataScope, id: string) {
    const row = await base(q, scope).where('l.id', '=', id).executeTakeFirst();
    if (!row) throw leadsErrors.notFound();
    return row as Row;
  }

  /** A lead the caller may change: in their own scope (a shared lead of another unit is read-only), locked. */
  async function findWritable(trx: Transaction<DB>, scope: DataScope, id: string, version: number) {
    const row = await find(trx, scope, id);
    if (!row.inOwnScope) throw leadsErrors.readOnly();
    await trx.selectFrom('leads').select('id').where('id', '=', id).forUpdate().execute();
    const current = await find(trx, scope, id);
    if (current.version !== version) throw leadsErrors.stale(current.version);
    return current;
  }

  /**
   * The list's filters as SQL on `leads as l` (and `district_settings as ds` for the clocks), shared by the page,
   * its count and the export. The enterprise search is an index condition on leads: `enterprise_id = any(the
   * matching enterprises of the scope's districts)`, found through the enterprises' trigram index, instead of
   * matching every joined enterprise row by row (a lead's enterprise is always of the lead's district).
   */
  function filterWhere(scope: DataScope, f: LeadFilter): RawBuilder<boolean> {
    const c: RawBuilder<boolean>[] = [];
    if (f.status) c.push(sql<boolean>`l.status = ${f.status}`);
    if (f.unitId) c.push(sql<boolean>`l.unit_id = ${f.unitId}`);
    if (f.channel) c.push(sql<boolean>`l.channel = ${f.channel}`);
    if (f.shared) c.push(sql<boolean>`l.shared = ${f.shared === 'true'}`);
    if (f.receivedFrom) c.push(sql<boolean>`l.received_on >= ${f.receivedFrom}`);
    if (f.receivedTo) c.push(sql<boolean>`l.received_on <= ${f.receivedTo}`);
    if (f.referralSourceId) c.push(sql<boolean>`l.referral_source_id = ${f.referralSourceId}`);
    if (f.eventId) c.push(sql<boolean>`l.event_id = ${f.eventId}`);
    if (f.chainLinkId) c.push(sql<boolean>`l.chain_link_id = ${f.chainLinkId}`);
    if (f.overdue) c.push(overdueSql(f.overdue, today()));
    if (f.q) {
      // Found by its own title or its enterprise's name, pinyin, initials or credit code.
      c.push(
        sql<boolean>`(${matchesSearch('l.search_text', f.q)} or l.enterprise_id = any(array(
          select e2.id from enterprises e2
          where e2.district_id = any(${scopeDistricts(scope)}::uuid[]) and ${matchesSearch('e2.search_text', f.q)})))`,
      );
    }
    return c.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(c, sql` and `)})`;
  }

  function filtered(scope: DataScope, f: LeadFilter) {
    return base(db, scope).where(filterWhere(scope, f));
  }

  /**
   * The same rows for counting, without the joins that only feed the displayed columns (every lead has its unit
   * and its enterprise; PostgreSQL drops the settings join unless the overdue filter reads it): a district's
   * count is then an index-only scan instead of a join of every lead with units and enterprises.
   */
  function counted(scope: DataScope, f: LeadFilter) {
    return db
      .selectFrom('leads as l')
      .leftJoin('districtSettings as ds', 'ds.districtId', 'l.districtId')
      .where(inScopeOrShared(scope, { district: 'l.district_id', unit: 'l.unit_id', shared: 'l.shared' }))
      .where(filterWhere(scope, f));
  }

  async function list(c: LeadCaller, f: LeadFilter & { page: number; pageSize: number; sort: LeadSort }) {
    const [col, dir] = SORTS[f.sort];
    const [rows, total] = await Promise.all([
      filtered(c.scope, f)
        .orderBy(col as 'l.receivedOn', dir)
        .orderBy('l.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      counted(c.scope, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: (rows as Row[]).map((r) => present(r, c.canWrite)), total: Number(total.n) };
  }

  async function exportRows(c: LeadCaller, f: LeadFilter) {
    const rows = await filtered(c.scope, f)
      .orderBy('un.sortOrder')
      .orderBy('l.receivedOn', 'desc')
      .limit(EXPORT_LIMIT)
      .execute();
    return (rows as Row[]).map((r) => present(r, c.canWrite));
  }

  async function events(scope: DataScope, id: string) {
    await find(db, scope, id);
    const rows = await db
      .selectFrom('leadEvents as ev')
      .leftJoin('users as u', 'u.id', 'ev.userId')
      .select(['ev.id', 'ev.kind', 'ev.onDate', 'ev.note', 'ev.username', 'u.displayName', 'ev.at'])
      .where('ev.leadId', '=', id)
      .orderBy('ev.id')
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), at: r.at.toISOString() }));
  }

  async function detail(c: LeadCaller, id: string) {
    const row = await find(db, c.scope, id);
    const [history, project] = await Promise.all([
      events(c.scope, id),
      row.projectId
        ? db
            .selectFrom('projects')
            .select(['id', 'name', 'stage'])
            .where('id', '=', row.projectId)
            .executeTakeFirst()
        : undefined,
    ]);
    return { lead: present(row, c.canWrite), events: history, project: project ?? null };
  }

  async function addEvent(
    trx: Transaction<DB>,
    u: SessionUser,
    lead: { id: string; districtId: string },
    kind: LeadEventKind,
    onDate: string,
    note: string | null | undefined,
  ) {
    await trx
      .insertInto('leadEvents')
      .values({
        districtId: lead.districtId,
        leadId: lead.id,
        kind,
        onDate,
        note: note ?? null,
        userId: u.id,
        username: u.username,
        at: now(),
      })
      .execute();
  }

  async function assertUnitWritable(q: Q, scope: DataScope, unitId: string) {
    const unit = await activeUnitInScope(q, scope, unitId);
    if (!unit) throw leadsErrors.unitNotWritable();
    return unit;
  }

  async function enterpriseIn(q: Q, districtId: string, enterpriseId: string) {
    const e = await q
      .selectFrom('enterprises')
      .select(['id', 'name'])
      .where('id', '=', enterpriseId)
      .where('districtId', '=', districtId)
      .executeTakeFirst();
    if (!e) throw leadsErrors.enterpriseNotFound();
    return e;
  }

  function checkDay(lead: { receivedOn: string }, on: string) {
    const t = today();
    if (on < lead.receivedOn || on > t) throw leadsErrors.badDate(lead.receivedOn, t);
  }

  function requireStatus(lead: Row, allowed: LeadStatus[], action: string, actionZh: string) {
    if (!allowed.includes(lead.status)) {
      throw leadsErrors.wrongStatus(action, actionZh, lead.status, LEAD_STATUS_LABELS[lead.status].zh);
    }
  }

  /**
   * `alongside` runs in the lead's own transaction, for a caller whose record must change with the lead or not
   * at all (an event meeting that produced it): if it throws, no lead is created.
   */
  async function create(
    c: LeadCaller,
    actor: AuditActor,
    input: CreateLeadInput,
    alongside?: (trx: Transaction<DB>, leadId: string) => Promise<void>,
  ) {
    const unit = await assertUnitWritable(db, c.scope, input.unitId);
    if (input.receivedOn > today()) throw leadsErrors.receivedInFuture(today());
    // Entering an enterprise by name or credit code links to the one the district already has (no duplicates);
    // it joins the address book even if the lead below is then refused, as entering it directly would.
    const enterpriseId = input.enterpriseId
      ? (await enterpriseIn(db, unit.districtId, input.enterpriseId)).id
      : (await enterprises.create(c.user, actor, input.enterprise!)).enterprise.id;
    await assertRecordLinks(db, 'leads', unit.districtId, input);
    return db.transaction().execute(async (trx) => {
      const at = now();
      const { unitId, enterprise: _e, enterpriseId: _id, ...fields } = input;
      const row = await trx
        .insertInto('leads')
        .values({
          ...fields,
          unitId,
          enterpriseId,
          districtId: unit.districtId,
          status: 'new',
          searchText: searchTextOf(fields.title),
          createdBy: c.user.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning(['id', 'districtId'])
        .executeTakeFirstOrThrow();
      await addEvent(trx, c.user, row, 'created', fields.receivedOn, null);
      if (fields.shared) await addEvent(trx, c.user, row, 'shared', today(), null);
      await audit.append(trx, actor, {
        action: 'leads.create',
        objectType: 'lead',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { ...fields, unitId, enterpriseId }),
      });
      await markTargetConverted(trx, audit, actor, {
        districtId: unit.districtId,
        enterpriseId,
        what: `线索「${fields.title}」`,
        user: c.user,
        at,
      });
      if (alongside) await alongside(trx, row.id);
      return present(await find(trx, c.scope, row.id), c.canWrite);
    });
  }

  async function update(c: LeadCaller, actor: AuditActor, id: string, patch: UpdateLeadInput) {
    return db.transaction().execute(async (trx) => {
      const before = await findWritable(trx, c.scope, id, patch.version);
      requireStatus(before, ['new', 'following', 'declined'], 'edited', '修改');
      if (patch.enterpriseId) await enterpriseIn(trx, before.districtId, patch.enterpriseId);
      await assertRecordLinks(trx, 'leads', before.districtId, patch);
      if (patch.receivedOn && patch.receivedOn > today()) throw leadsErrors.receivedInFuture(today());
      const set = Object.fromEntries(
        EDITABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]),
      );
      await trx
        .updateTable('leads')
        .set({
          ...set,
          ...(patch.title ? { searchText: searchTextOf(patch.title) } : {}),
          version: sql`version + 1`,
          updatedAt: now(),
        })
        .where('id', '=', id)
        .execute();
      const after = await find(trx, c.scope, id);
      const pick = (r: Row) => Object.fromEntries(EDITABLE.map((k) => [k, r[k]]));
      const changes = diffFields(pick(before), pick(after));
      await addEvent(trx, c.user, after, 'updated', today(), Object.keys(changes).join(', ') || null);
      await audit.append(trx, actor, {
        action: 'leads.update',
        objectType: 'lead',
        objectId: id,
        result: 'success',
        changes,
      });
      return present(after, c.canWrite);
    });
  }

  /** One state change of a lead: lock, check version, change, record the event and the audit row together. */
  async function act(
    c: LeadCaller,
    actor: AuditActor,
    id: string,
    version: number,
    action: string,
    step: (
      trx: Transaction<DB>,
      lead: Row,
    ) => Promise<{
      set: Updateable<LeadsTable>;
      event: LeadEventKind;
      on: string;
      note?: string | null | undefined;
      changes: Record<string, { before: unknown; after: unknown }>;
    }>,
  ) {
    return db.transaction().execute(async (trx) => {
      const lead = await findWritable(trx, c.scope, id, version);
      const r = await step(trx, lead);
      await trx
        .updateTable('leads')
        .set({ ...r.set, version: sql`version + 1`, updatedAt: now() })
        .where('id', '=', id)
        .execute();
      await addEvent(trx, c.user, lead, r.event, r.on, r.note);
      await audit.append(trx, actor, {
        action,
        objectType: 'lead',
        objectId: id,
        result: 'success',
        changes: r.changes,
        detail: r.note ?? null,
      });
      return present(await find(trx, c.scope, id), c.canWrite);
    });
  }

  const respond = (c: LeadCaller, actor: AuditActor, id: string, input: RespondLeadInput) =>
    act(c, actor, id, input.version, 'leads.respond', async (_trx, lead) => {
      requireStatus(lead, ['new', 'following'], 'responded to', '响应');
      if (lead.respondedOn) throw leadsErrors.alreadyDone('responded to', '响应');
      checkDay(lead, input.on);
      return {
        set: { respondedOn: input.on },
        event: 'responded',
        on: input.on,
        note: input.note,
        changes: { respondedOn: { before: null, after: input.on } },
      };
    });

  const screen = (c: LeadCaller, actor: AuditActor, id: string, input: ScreenLeadInput) =>
    act(c, actor, id, input.version, 'leads.screen', async (_trx, lead) => {
      requireStatus(lead, ['new'], 'screened', '研判');
      checkDay(lead, input.on);
      const total = screeningTotal(input.scores);
      const status: LeadStatus = input.decision === 'follow' ? 'following' : 'declined';
      const reason = status === 'declined' ? input.declineReason!.trim() : null;
      return {
        set: {
          status,
          screeningScores: JSON.stringify(input.scores),
          screeningTotal: total,
          screenedOn: input.on,
          screenedBy: c.user.id,
          declineReason: reason,
          // Screening a lead is also answering it.
          respondedOn: lead.respondedOn ?? input.on,
        },
        event: 'screened',
        on: input.on,
        note: [`${total}/40`, reason ?? input.note].filter(Boolean).join(' · '),
        changes: {
          status: { before: lead.status, after: status },
          screeningTotal: { before: null, after: total },
          ...(reason ? { declineReason: { before: null, after: reason } } : {}),
        },
      };
    });

  const feedback = (c: LeadCaller, actor: AuditActor, id: string, input: LeadNoteInput) =>
    act(c, actor, id, input.version, 'leads.feedback', async (_trx, lead) => {
      requireStatus(lead, ['new', 'following', 'declined'], 'fed back on', '反馈');
      checkDay(lead, input.on);
      const fedBackOn = lead.fedBackOn ?? input.on;
      return {
        set: { fedBackOn },
        event: 'fed_back',
        on: input.on,
        note: input.note,
        changes: { fedBackOn: { before: lead.fedBackOn, after: fedBackOn } },
      };
    });

  const report = (c: LeadCaller, actor: AuditActor, id: string, input: LeadNoteInput) =>
    act(c, actor, id, input.version, 'leads.report', async (_trx, lead) => {
      requireStatus(
        lead,
        ['following'],
        'reported on (only followed leads are)',
        '报告进展（仅跟进中的线索需要）',
      );
      checkDay(lead, input.on);
      const last = lead.lastReportedOn && lead.lastReportedOn > input.on ? lead.lastReportedOn : input.on;
      return {
        set: { lastReportedOn: last },
        event: 'reported',
        on: input.on,
        note: input.note,
        changes: { lastReportedOn: { before: lead.lastReportedOn, after: last } },
      };
    });

  const share = (c: LeadCaller, actor: AuditActor, id: string, input: ShareLeadInput) =>
    act(c, actor, id, input.version, 'leads.share', async (_trx, lead) => ({
      set: { shared: input.shared },
      event: input.shared ? 'shared' : 'unshared',
      on: today(),
      changes: { shared: { before: lead.shared, after: input.shared } },
    }));

  /**
   * A followed lead becomes a 在谈 project in the same transaction: named after the lead, for the same
   * enterprise, amount, industry, chain and channel, linked both ways. A co-credit already decided for the
   * enterprise applies to the new project at once.
   */
  const convert = (c: LeadCaller, actor: AuditActor, id: string, input: ConvertLeadInput) =>
    act(c, actor, id, input.version, 'leads.convert', async (trx, lead) => {
      requireStatus(
        lead,
        ['following'],
        'converted (screen it and decide to follow first)',
        '转为项目（请先研判并决定跟进）',
      );
      const at = now();
      const name = input.projectName ?? lead.title;
      const project = await trx
        .insertInto('projects')
        .values({
          districtId: lead.districtId,
          unitId: lead.unitId,
          name,
          enterpriseId: lead.enterpriseId,
          industryDivision: lead.industryDivision,
          chain: lead.chain,
          plannedTotalYuan: lead.intendedAmountYuan,
          channel: lead.channel,
          // The credit travels with the lead: a referred lead's project counts for the same source and event.
          referralSourceId: lead.referralSourceId,
          eventId: lead.eventId,
          chainLinkId: lead.chainLinkId,
          leadId: lead.id,
          stage: 'negotiating',
          searchText: searchTextOf(name),
          createdBy: c.user.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('projectStageHistory')
        .values({
          districtId: lead.districtId,
          projectId: project.id,
          fromStage: null,
          toStage: 'negotiating',
          effectiveDate: today(),
          note: `由招商线索转入：${lead.title}`,
          userId: c.user.id,
          username: c.user.username,
          at,
        })
        .execute();
      const resolution = await trx
        .selectFrom('creditResolutions')
        .select(['kind', 'primaryUnitId', 'shares'])
        .where('districtId', '=', lead.districtId)
        .where('enterpriseId', '=', lead.enterpriseId)
        .executeTakeFirst();
      if (resolution) {
        const shares =
          resolution.kind === 'primary'
            ? [{ unitId: resolution.primaryUnitId!, basisPoints: 10_000 }]
            : (resolution.shares ?? []);
        if (shares.length > 0) {
          await trx
            .insertInto('projectCreditShares')
            .values(shares.map((s) => ({ ...s, projectId: project.id, districtId: lead.districtId })))
            .execute();
        }
      }
      await audit.append(trx, actor, {
        action: 'projects.create',
        objectType: 'project',
        objectId: project.id,
        result: 'success',
        changes: diffFields(null, {
          name,
          unitId: lead.unitId,
          enterpriseId: lead.enterpriseId,
          leadId: lead.id,
        }),
      });
      return {
        set: { status: 'converted' as const, projectId: project.id },
        event: 'converted',
        on: today(),
        note: input.note ?? name,
        changes: {
          status: { before: lead.status, after: 'converted' },
          projectId: { before: null, after: project.id },
        },
      };
    });

  /** A lead the caller may read (their own, or shared with the district). */
  const findReadable = (q: Q, scope: DataScope, id: string) => find(q, scope, id);

  /** A lead of the caller's own scope, locked for the transaction: a shared lead of another unit is read-only. */
  async function findOwn(trx: Transaction<DB>, scope: DataScope, id: string) {
    const row = await find(trx, scope, id);
    if (!row.inOwnScope) throw leadsErrors.readOnly();
    await trx.selectFrom('leads').select('id').where('id', '=', id).forUpdate().execute();
    return row;
  }

  return {
    findReadable,
    findOwn,
    list,
    exportRows,
    detail,
    events,
    create,
    update,
    respond,
    screen,
    feedback,
    report,
    share,
    convert,
  };
}
export type LeadsService = ReturnType<typeof createLeadsService>;
