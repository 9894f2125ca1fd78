import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DataScope } from '../../../domain/access/scope.js';
import { diffFields } from '../../../domain/audit/audit.schemas.js';
import { chinaToday } from '../../../domain/dates.js';
import type {
  CalendarItem,
  CreateEventInput,
  EventDetail,
  EventListQuery,
  EventOutcome,
  EventSummary,
  EventView,
  MeetingInput,
  MeetingLeadInput,
  MeetingView,
  TaskDoneInput,
  TaskInput,
  TaskListQuery,
  TaskView,
  UpdateEventInput,
  UpdateMeetingInput,
  UpdateTaskInput,
} from '../../../domain/network/events.schemas.js';
import { perUnit } from '../../../domain/network/events.schemas.js';
import type { Stage } from '../../../domain/projects/stages.js';
import { searchTextOf } from '../../../domain/search/search-text.js';
import type { DB, PromotionEventsTable } from '../../db/schema.js';
import { inScope } from '../../db/scope-filter.js';
import { matchesSearch } from '../../db/search-filter.js';
import type { AuditActor, AuditRepository } from '../audit/audit.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { LeadsService } from '../leads/leads.service.js';
import { outcomesBy } from '../network/outcomes.js';
import { activeUnitInScope } from '../organization/unit-in-scope.js';
import { eventReadable, eventWritable } from './event-access.js';
import { eventsErrors } from './promotion-events.errors.js';

type Q = Kysely<DB> | Transaction<DB>;
type EventRow = Selectable<PromotionEventsTable> & { unitName: string; writable: boolean };

/** Who calls: the route checked the permission; rows still need to be in scope. */
export interface EventCaller {
  user: SessionUser;
  scope: DataScope;
  canWrite: boolean;
}

const EVENT_FIELDS = [
  'kind',
  'name',
  'startsOn',
  'endsOn',
  'place',
  'organiser',
  'participantUnitIds',
  'leaders',
  'participants',
  'costYuan',
  'personDays',
  'summary',
] as const;
const MEETING_FIELDS = ['enterpriseId', 'metOn', 'contactPerson', 'notes'] as const;
const TASK_FIELDS = ['title', 'ownerUnitId', 'ownerName', 'dueOn', 'note'] as const;

const pick = <T extends Record<string, unknown>>(r: T, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]]));

export function createPromotionEventsService(deps: {
  db: Kysely<DB>;
  audit: AuditRepository;
  leads: LeadsService;
  now: () => Date;
}) {
  const { db, audit, leads, now } = deps;
  const today = () => chinaToday(now());

  // ---- reading ---------------------------------------------------------------------------------------------

  function base(q: Q, scope: DataScope) {
    return q
      .selectFrom('promotionEvents as pe')
      .innerJoin('units as un', 'un.id', 'pe.unitId')
      .selectAll('pe')
      .select(['un.name as unitName', eventWritable(scope).as('writable')])
      .where(eventReadable(scope));
  }

  async function find(q: Q, scope: DataScope, id: string): Promise<EventRow> {
    const row = await base(q, scope).where('pe.id', '=', id).executeTakeFirst();
    if (!row) throw eventsErrors.notFound();
    return row as EventRow;
  }

  /** The event, locked, for a caller who may change it; `version` when the edit carries the one loaded. */
  async function findWritable(trx: Transaction<DB>, c: EventCaller, id: string, version?: number) {
    const row = await find(trx, c.scope, id);
    if (!c.canWrite || !row.writable) throw eventsErrors.readOnly();
    await trx.selectFrom('promotionEvents').select('id').where('id', '=', id).forUpdate().execute();
    const current = await find(trx, c.scope, id);
    if (version !== undefined && current.version !== version) throw eventsErrors.stale(current.version);
    return current;
  }

  async function present(q: Q, r: EventRow, canWrite: boolean): Promise<EventView> {
    const units =
      r.participantUnitIds.length === 0
        ? []
        : await q
            .selectFrom('units')
            .select(['id', 'name', 'sortOrder'])
            .where('id', 'in', r.participantUnitIds)
            .orderBy('sortOrder')
            .orderBy('name')
            .execute();
    return {
      id: r.id,
      districtId: r.districtId,
      unitId: r.unitId,
      unitName: r.unitName,
      kind: r.kind,
      name: r.name,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      place: r.place,
      organiser: r.organiser,
      participantUnitIds: r.participantUnitIds,
      participantUnits: units.map((u) => ({ id: u.id, name: u.name })),
      leaders: r.leaders,
      participants: r.participants,
      costYuan: r.costYuan,
      personDays: r.personDays,
      summary: r.summary,
      writable: canWrite && r.writable,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  function listWhere(f: Partial<EventListQuery>) {
    const c = [sql<boolean>`true`];
    if (f.q) c.push(matchesSearch('pe.search_text', f.q));
    if (f.kind) c.push(sql<boolean>`pe.kind = ${f.kind}`);
    // Overlap, not containment: a trip that began on 30 April is an April and a May event.
    if (f.from) c.push(sql<boolean>`pe.ends_on >= ${f.from}::date`);
    if (f.to) c.push(sql<boolean>`pe.starts_on <= ${f.to}::date`);
    if (f.unitId)
      c.push(sql<boolean>`(pe.unit_id = ${f.unitId} or ${f.unitId}::uuid = any(pe.participant_unit_ids))`);
    if (f.led) c.push(sql<boolean>`cardinality(pe.leaders) > 0`);
    return sql<boolean>`(${sql.join(c, sql` and `)})`;
  }

  async function list(c: EventCaller, f: EventListQuery): Promise<{ items: EventSummary[]; total: number }> {
    const d = today();
    const where = listWhere(f);
    const [rows, total] = await Promise.all([
      base(db, c.scope)
        .where(where)
        .select([
          sql<number>`(select count(*) from event_meetings m where m.event_id = pe.id)::int`.as(
            'meetingCount',
          ),
          sql<number>`(select count(*) from leads l where l.event_id = pe.id and ${inScope(c.scope, {
            district: 'l.district_id',
            unit: 'l.unit_id',
          })})::int`.as('leadCount'),
          sql<number>`(select count(*) from event_tasks t where t.event_id = pe.id and t.done_on is null)::int`.as(
            'openTasks',
          ),
          sql<number>`(select count(*) from event_tasks t where t.event_id = pe.id and t.done_on is null
                         and t.due_on < ${d}::date)::int`.as('overdueTasks'),
        ])
        .orderBy('pe.startsOn', 'desc')
        .orderBy('pe.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      db
        .selectFrom('promotionEvents as pe')
        .where(eventReadable(c.scope))
        .where(where)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        place: r.place,
        unitId: r.unitId,
        unitName: r.unitName,
        participantUnitIds: r.participantUnitIds,
        leaders: r.leaders,
        meetings: r.meetingCount,
        leads: r.leadCount,
        openTasks: r.openTasks,
        overdueTasks: r.overdueTasks,
      })),
    };
  }

  /** The events overlapping a month, compact, for the calendar (a month holds a few dozen at most). */
  async function calendar(c: EventCaller, q: { month: string; unitId?: string }): Promise<CalendarItem[]> {
    const [y, m] = q.month.split('-').map(Number) as [number, number];
    const first = `${q.month}-01`;
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const rows = await base(db, c.scope)
      .where(listWhere({ from: first, to: last, unitId: q.unitId }))
      .orderBy('pe.startsOn')
      .orderBy('pe.name')
      .limit(500)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      unitName: r.unitName,
      led: r.leaders.length > 0,
    }));
  }

  async function meetingsOf(q: Q, scope: DataScope, eventId: string): Promise<MeetingView[]> {
    const rows = await q
      .selectFrom('eventMeetings as m')
      .innerJoin('enterprises as e', 'e.id', 'm.enterpriseId')
      .leftJoin('leads as l', (j) =>
        j.onRef('l.id', '=', 'm.leadId').on(inScope(scope, { district: 'l.district_id', unit: 'l.unit_id' })),
      )
      .select([
        'm.id',
        'm.eventId',
        'm.enterpriseId',
        'e.name as enterpriseName',
        'm.metOn',
        'm.contactPerson',
        'm.notes',
        'm.leadId',
        'l.title as leadTitle',
        'l.status as leadStatus',
      ])
      .where('m.eventId', '=', eventId)
      .orderBy('m.metOn')
      .orderBy('m.createdAt')
      .execute();
    return rows.map((r) => ({ ...r, leadTitle: r.leadTitle ?? null, leadStatus: r.leadStatus ?? null }));
  }

  function taskQuery(q: Q, c: EventCaller) {
    const d = today();
    return q
      .selectFrom('eventTasks as t')
      .innerJoin('promotionEvents as pe', 'pe.id', 't.eventId')
      .innerJoin('units as ou', 'ou.id', 't.ownerUnitId')
      .select([
        't.id',
        't.eventId',
        'pe.name as eventName',
        't.title',
        't.ownerUnitId',
        'ou.name as ownerUnitName',
        't.ownerName',
        't.dueOn',
        't.doneOn',
        't.note',
        sql<boolean>`(t.done_on is null and t.due_on < ${d}::date)`.as('overdue'),
        sql<boolean>`(${c.canWrite} and (${eventWritable(c.scope)} or ${inScope(c.scope, {
          district: 't.district_id',
          unit: 't.owner_unit_id',
        })}))`.as('canComplete'),
      ])
      .where(eventReadable(c.scope));
  }

  async function tasksOf(q: Q, c: EventCaller, eventId: string): Promise<TaskView[]> {
    return taskQuery(q, c)
      .where('t.eventId', '=', eventId)
      .orderBy('t.dueOn')
      .orderBy('t.createdAt')
      .execute();
  }

  /** Open (or all) follow-up tasks across the events the caller reads, soonest due first. */
  async function listTasks(c: EventCaller, f: TaskListQuery): Promise<TaskView[]> {
    let q = taskQuery(db, c);
    if (f.open === 'true') q = q.where('t.doneOn', 'is', null);
    if (f.open === 'false') q = q.where('t.doneOn', 'is not', null);
    if (f.overdue) q = q.where('t.doneOn', 'is', null).where('t.dueOn', '<', today());
    return q.orderBy('t.dueOn').orderBy('pe.name').orderBy('t.id').limit(f.limit).execute();
  }

  /**
   * What the event produced. The counts are outcomesBy's (by event) over [first day of the event, today]:
   * credit is explicit (event_id), and an event can only produce what comes after it starts — a meeting (and
   * the lead made from it) is dated on or after the first day, and signings, landings and starts are counted
   * whenever they happen after it, however long the follow-up takes. The lists show every lead and project
   * credited to the event within the caller's scope (a lead dated before the event, credited by hand, is
   * listed but not counted).
   */
  async function outcome(q: Q, scope: DataScope, e: EventRow): Promise<EventOutcome> {
    const d = today();
    const from = e.startsOn;
    // A future event has produced nothing yet: an empty window on its first day. (ISO dates compare as text.)
    const to = [from, d].sort()[1]!;
    const [figures] = await outcomesBy(db, scope, { by: 'event', from, to, keys: [e.id] });
    const [leadRows, projectRows] = await Promise.all([
      q
        .selectFrom('leads as l')
        .innerJoin('enterprises as en', 'en.id', 'l.enterpriseId')
        .innerJoin('units as un', 'un.id', 'l.unitId')
        .select([
          'l.id',
          'l.title',
          'en.name as enterpriseName',
          'un.name as unitName',
          'l.status',
          'l.receivedOn',
        ])
        .where('l.eventId', '=', e.id)
        .where(inScope(scope, { district: 'l.district_id', unit: 'l.unit_id' }))
        .orderBy('l.receivedOn')
        .orderBy('l.id')
        .execute(),
      q
        .selectFrom('projects as p')
        .innerJoin('units as un', 'un.id', 'p.unitId')
        .select(['p.id', 'p.name', 'un.name as unitName', 'p.stage', 'p.signingDate', 'p.signedAmountYuan'])
        .where('p.eventId', '=', e.id)
        .where(inScope(scope, { district: 'p.district_id', unit: 'p.unit_id' }))
        .orderBy('p.signingDate')
        .orderBy('p.name')
        .execute(),
    ]);
    const projects = projectRows.map((p) => ({
      ...p,
      stage: p.stage as Stage,
      signedAtEvent:
        p.stage !== 'withdrawn' &&
        p.signingDate !== null &&
        p.signingDate >= e.startsOn &&
        p.signingDate <= e.endsOn,
    }));
    const atEvent = projects.filter((p) => p.signedAtEvent);
    const f = figures!;
    const cost = e.costYuan === null ? null : BigInt(e.costYuan);
    return {
      from,
      to,
      figures: f,
      leads: leadRows,
      projects,
      signingsAtEvent: {
        count: atEvent.length,
        amountYuan: atEvent.reduce((s, p) => s + BigInt(p.signedAmountYuan ?? '0'), 0n).toString(),
      },
      cost: {
        costYuan: e.costYuan,
        personDays: e.personDays,
        wanPerLead: perUnit(cost, f.leads, 2, 10_000n),
        wanPerSigned: perUnit(cost, f.signed, 2, 10_000n),
        daysPerLead: perUnit(e.personDays === null ? null : BigInt(e.personDays), f.leads, 1),
      },
    };
  }

  async function detail(c: EventCaller, id: string): Promise<EventDetail> {
    const row = await find(db, c.scope, id);
    const [event, meetings, tasks, out] = await Promise.all([
      present(db, row, c.canWrite),
      meetingsOf(db, c.scope, id),
      tasksOf(db, c, id),
      outcome(db, c.scope, row),
    ]);
    return { event, meetings, tasks, outcome: out };
  }

  // ---- checks ----------------------------------------------------------------------------------------------

  async function organisingUnit(q: Q, scope: DataScope, unitId: string) {
    const unit = await activeUnitInScope(q, scope, unitId);
    if (!unit) throw eventsErrors.unitInvalid();
    return unit;
  }

  async function unitsOfDistrict(q: Q, districtId: string, ids: readonly string[]) {
    if (ids.length === 0) return true;
    const found = await q
      .selectFrom('units')
      .select('id')
      .where('id', 'in', [...new Set(ids)])
      .where('districtId', '=', districtId)
      .where('active', '=', true)
      .execute();
    return found.length === new Set(ids).size;
  }

  async function checkParticipants(q: Q, districtId: string, ownUnit: string, ids: readonly string[]) {
    if (!(await unitsOfDistrict(q, districtId, ids))) throw eventsErrors.participantInvalid();
    // The organiser is not its own participant; duplicates collapse.
    return [...new Set(ids)].filter((u) => u !== ownUnit);
  }

  async function enterpriseIn(q: Q, districtId: string, enterpriseId: string) {
    const e = await q
      .selectFrom('enterprises')
      .select('id')
      .where('id', '=', enterpriseId)
      .where('districtId', '=', districtId)
      .executeTakeFirst();
    if (!e) throw eventsErrors.enterpriseInvalid();
  }

  function checkMetOn(e: { startsOn: string }, metOn: string) {
    const d = today();
    if (metOn < e.startsOn || metOn > d) throw eventsErrors.metOnInvalid(e.startsOn, d);
  }

  // ---- event writes ----------------------------------------------------------------------------------------

  async function create(c: EventCaller, actor: AuditActor, input: CreateEventInput): Promise<EventView> {
    return db.transaction().execute(async (trx) => {
      const unit = await organisingUnit(trx, c.scope, input.unitId);
      const participantUnitIds = await checkParticipants(
        trx,
        unit.districtId,
        unit.id,
        input.participantUnitIds,
      );
      const at = now();
      const { unitId, ...fields } = input;
      const values = { ...fields, participantUnitIds };
      const row = await trx
        .insertInto('promotionEvents')
        .values({
          ...values,
          unitId,
          districtId: unit.districtId,
          searchText: searchTextOf(fields.name),
          createdBy: c.user.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'promotion_events.create',
        objectType: 'promotion_event',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { unitId, ...values }),
      });
      return present(trx, await find(trx, c.scope, row.id), c.canWrite);
    });
  }

  async function update(c: EventCaller, actor: AuditActor, id: string, patch: UpdateEventInput) {
    return db.transaction().execute(async (trx) => {
      const before = await findWritable(trx, c, id, patch.version);
      const { version: _v, ...fields } = patch;
      const startsOn = fields.startsOn ?? before.startsOn;
      const endsOn = fields.endsOn ?? before.endsOn;
      if (endsOn < startsOn) throw eventsErrors.datesOrder();
      if (fields.participantUnitIds) {
        fields.participantUnitIds = await checkParticipants(
          trx,
          before.districtId,
          before.unitId,
          fields.participantUnitIds,
        );
      }
      const changes = diffFields(pick(before, EVENT_FIELDS), pick({ ...before, ...fields }, EVENT_FIELDS));
      if (Object.keys(changes).length > 0) {
        await trx
          .updateTable('promotionEvents')
          .set({
            ...fields,
            ...(fields.name ? { searchText: searchTextOf(fields.name) } : {}),
            version: before.version + 1,
            updatedAt: now(),
          })
          .where('id', '=', id)
          .execute();
        await audit.append(trx, actor, {
          action: 'promotion_events.update',
          objectType: 'promotion_event',
          objectId: id,
          result: 'success',
          changes,
        });
      }
      return present(trx, await find(trx, c.scope, id), c.canWrite);
    });
  }

  /** The owner may delete an event while no lead or project anywhere is credited to it (credit is history). */
  async function remove(c: EventCaller, actor: AuditActor, id: string) {
    await db.transaction().execute(async (trx) => {
      const before = await findWritable(trx, c, id);
      const [l, p] = await Promise.all([
        trx
          .selectFrom('leads')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('eventId', '=', id)
          .executeTakeFirstOrThrow(),
        trx
          .selectFrom('projects')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('eventId', '=', id)
          .executeTakeFirstOrThrow(),
      ]);
      if (Number(l.n) > 0 || Number(p.n) > 0) throw eventsErrors.hasCredit(Number(l.n), Number(p.n));
      await trx.deleteFrom('promotionEvents').where('id', '=', id).execute();
      await audit.append(trx, actor, {
        action: 'promotion_events.delete',
        objectType: 'promotion_event',
        objectId: id,
        result: 'success',
        changes: diffFields(pick(before, ['unitId', ...EVENT_FIELDS]), null),
      });
    });
  }

  // ---- meetings --------------------------------------------------------------------------------------------

  async function findMeeting(q: Q, eventId: string, meetingId: string, lock = false) {
    let query = q
      .selectFrom('eventMeetings')
      .selectAll()
      .where('id', '=', meetingId)
      .where('eventId', '=', eventId);
    if (lock) query = query.forUpdate();
    const m = await query.executeTakeFirst();
    if (!m) throw eventsErrors.meetingNotFound();
    return m;
  }

  async function meetingView(q: Q, scope: DataScope, eventId: string, meetingId: string) {
    return (await meetingsOf(q, scope, eventId)).find((m) => m.id === meetingId)!;
  }

  async function addMeeting(c: EventCaller, actor: AuditActor, eventId: string, input: MeetingInput) {
    return db.transaction().execute(async (trx) => {
      const e = await findWritable(trx, c, eventId);
      await enterpriseIn(trx, e.districtId, input.enterpriseId);
      checkMetOn(e, input.metOn);
      const row = await trx
        .insertInto('eventMeetings')
        .values({ ...input, districtId: e.districtId, eventId, createdBy: c.user.id, createdAt: now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'promotion_events.meeting_create',
        objectType: 'event_meeting',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { eventId, ...input }),
      });
      return meetingView(trx, c.scope, eventId, row.id);
    });
  }

  async function updateMeeting(
    c: EventCaller,
    actor: AuditActor,
    eventId: string,
    meetingId: string,
    patch: UpdateMeetingInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const e = await findWritable(trx, c, eventId);
      const before = await findMeeting(trx, eventId, meetingId, true);
      if (patch.enterpriseId) await enterpriseIn(trx, e.districtId, patch.enterpriseId);
      if (patch.metOn) checkMetOn(e, patch.metOn);
      const changes = diffFields(pick(before, MEETING_FIELDS), pick({ ...before, ...patch }, MEETING_FIELDS));
      if (Object.keys(changes).length > 0) {
        await trx.updateTable('eventMeetings').set(patch).where('id', '=', meetingId).execute();
        await audit.append(trx, actor, {
          action: 'promotion_events.meeting_update',
          objectType: 'event_meeting',
          objectId: meetingId,
          result: 'success',
          changes,
        });
      }
      return meetingView(trx, c.scope, eventId, meetingId);
    });
  }

  /** Removing a meeting keeps the lead made from it (and its credit to the event). */
  async function removeMeeting(c: EventCaller, actor: AuditActor, eventId: string, meetingId: string) {
    await db.transaction().execute(async (trx) => {
      await findWritable(trx, c, eventId);
      const before = await findMeeting(trx, eventId, meetingId, true);
      await trx.deleteFrom('eventMeetings').where('id', '=', meetingId).execute();
      await audit.append(trx, actor, {
        action: 'promotion_events.meeting_delete',
        objectType: 'event_meeting',
        objectId: meetingId,
        result: 'success',
        changes: diffFields(pick(before, ['eventId', 'leadId', ...MEETING_FIELDS]), null),
      });
    });
  }

  /**
   * 转为线索: one step from a meeting to a lead credited to the event (channel 'event', the meeting's enterprise
   * and date, its notes as the intention), through the leads service's own create — its unit, date and
   * enterprise rules and its audit row apply unchanged. The meeting then points at the lead.
   */
  async function meetingToLead(
    c: EventCaller,
    actor: AuditActor,
    eventId: string,
    meetingId: string,
    input: MeetingLeadInput,
  ) {
    const e = await find(db, c.scope, eventId);
    if (!c.canWrite || !e.writable) throw eventsErrors.readOnly();
    const m = await findMeeting(db, eventId, meetingId);
    if (m.leadId) throw eventsErrors.meetingHasLead();
    // The lead and the meeting's link to it are one change: claiming the meeting happens inside the lead's
    // transaction, so a meeting claimed meanwhile (another click) leaves no second, unlinked lead behind.
    const lead = await leads.create(
      c,
      actor,
      {
        unitId: input.unitId ?? e.unitId,
        enterpriseId: m.enterpriseId,
        title: input.title,
        channel: 'event',
        receivedOn: m.metOn,
        referrer: null,
        intention: m.notes,
        intendedAmountYuan: input.intendedAmountYuan,
        industryDivision: null,
        chain: null,
        siteNeeds: null,
        supportAsked: null,
        referralSourceId: null,
        eventId,
        chainLinkId: null,
        shared: false,
      },
      async (trx, leadId) => {
        const claimed = await trx
          .updateTable('eventMeetings')
          .set({ leadId })
          .where('id', '=', meetingId)
          .where('leadId', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!claimed) throw eventsErrors.meetingHasLead();
        await audit.append(trx, actor, {
          action: 'promotion_events.meeting_lead',
          objectType: 'event_meeting',
          objectId: meetingId,
          result: 'success',
          changes: diffFields({ leadId: null }, { leadId }),
        });
      },
    );
    return {
      lead: { id: lead.id, title: lead.title },
      meeting: await meetingView(db, c.scope, eventId, meetingId),
    };
  }

  // ---- tasks -----------------------------------------------------------------------------------------------

  async function findTask(q: Q, eventId: string, taskId: string) {
    const t = await q
      .selectFrom('eventTasks')
      .selectAll()
      .where('id', '=', taskId)
      .where('eventId', '=', eventId)
      .forUpdate()
      .executeTakeFirst();
    if (!t) throw eventsErrors.taskNotFound();
    return t;
  }

  async function taskView(q: Q, c: EventCaller, eventId: string, taskId: string) {
    return (await tasksOf(q, c, eventId)).find((t) => t.id === taskId)!;
  }

  async function checkOwner(q: Q, districtId: string, ownerUnitId: string) {
    if (!(await unitsOfDistrict(q, districtId, [ownerUnitId]))) throw eventsErrors.ownerInvalid();
  }

  async function addTask(c: EventCaller, actor: AuditActor, eventId: string, input: TaskInput) {
    return db.transaction().execute(async (trx) => {
      const e = await findWritable(trx, c, eventId);
      await checkOwner(trx, e.districtId, input.ownerUnitId);
      const at = now();
      const row = await trx
        .insertInto('eventTasks')
        .values({
          ...input,
          districtId: e.districtId,
          eventId,
          createdBy: c.user.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, actor, {
        action: 'promotion_events.task_create',
        objectType: 'event_task',
        objectId: row.id,
        result: 'success',
        changes: diffFields(null, { eventId, ...input }),
      });
      return taskView(trx, c, eventId, row.id);
    });
  }

  async function updateTask(
    c: EventCaller,
    actor: AuditActor,
    eventId: string,
    taskId: string,
    patch: UpdateTaskInput,
  ) {
    return db.transaction().execute(async (trx) => {
      const e = await findWritable(trx, c, eventId);
      const before = await findTask(trx, eventId, taskId);
      if (patch.ownerUnitId) await checkOwner(trx, e.districtId, patch.ownerUnitId);
      const changes = diffFields(pick(before, TASK_FIELDS), pick({ ...before, ...patch }, TASK_FIELDS));
      if (Object.keys(changes).length > 0) {
        await trx
          .updateTable('eventTasks')
          .set({ ...patch, updatedAt: now() })
          .where('id', '=', taskId)
          .execute();
        await audit.append(trx, actor, {
          action: 'promotion_events.task_update',
          objectType: 'event_task',
          objectId: taskId,
          result: 'success',
          changes,
        });
      }
      return taskView(trx, c, eventId, taskId);
    });
  }

  /** Done (or open again): the event's writers, and the unit that owns the task (紧盯不放 is its job). */
  async function setTaskDone(
    c: EventCaller,
    actor: AuditActor,
    eventId: string,
    taskId: string,
    input: TaskDoneInput,
  ) {
    return db.transaction().execute(async (trx) => {
      await find(trx, c.scope, eventId);
      const before = await findTask(trx, eventId, taskId);
      const view = await taskView(trx, c, eventId, taskId);
      if (!view.canComplete) throw eventsErrors.cannotComplete();
      const d = today();
      const on = input.done ? (input.on ?? d) : null;
      if (on && on > d) throw eventsErrors.doneOnInvalid(d);
      if (on !== before.doneOn) {
        await trx
          .updateTable('eventTasks')
          .set({ doneOn: on, updatedAt: now() })
          .where('id', '=', taskId)
          .execute();
        await audit.append(trx, actor, {
          action: 'promotion_events.task_done',
          objectType: 'event_task',
          objectId: taskId,
          result: 'success',
          changes: diffFields({ doneOn: before.doneOn }, { doneOn: on }),
        });
      }
      return taskView(trx, c, eventId, taskId);
    });
  }

  async function removeTask(c: EventCaller, actor: AuditActor, eventId: string, taskId: string) {
    await db.transaction().execute(async (trx) => {
      await findWritable(trx, c, eventId);
      const before = await findTask(trx, eventId, taskId);
      await trx.deleteFrom('eventTasks').where('id', '=', taskId).execute();
      await audit.append(trx, actor, {
        action: 'promotion_events.task_delete',
        objectType: 'event_task',
        objectId: taskId,
        result: 'success',
        changes: diffFields(pick(before, ['eventId', 'doneOn', ...TASK_FIELDS]), null),
      });
    });
  }

  return {
    list,
    calendar,
    detail,
    create,
    update,
    remove,
    addMeeting,
    updateMeeting,
    removeMeeting,
    meetingToLead,
    listTasks,
    addTask,
    updateTask,
    setTaskDone,
    removeTask,
  };
}

export type PromotionEventsService = ReturnType<typeof createPromotionEventsService>;
