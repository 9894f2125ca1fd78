import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../domain/access/permissions.js';
import {
  calendarItemSchema,
  calendarQuery,
  createEventInput,
  eventDetailSchema,
  eventListQuery,
  eventSchema,
  eventSummarySchema,
  meetingInput,
  meetingLeadInput,
  meetingSchema,
  taskDoneInput,
  taskInput,
  taskListQuery,
  taskSchema,
  updateEventInput,
  updateMeetingInput,
  updateTaskInput,
} from '../../../domain/network/events.schemas.js';
import { actorOf, authOf, scopeOf } from '../../http/request-context.js';
import type { EventCaller, PromotionEventsService } from './promotion-events.service.js';

const eventParams = z.object({ eventId: z.string().uuid() });
const meetingParams = eventParams.extend({ meetingId: z.string().uuid() });
const taskParams = eventParams.extend({ taskId: z.string().uuid() });
const tags = ['promotion-events'];

function callerOf(req: FastifyRequest): EventCaller {
  const user = authOf(req).user;
  return { user, scope: scopeOf(req), canWrite: hasPermission(user.roles, 'pipeline.write') };
}

export function registerPromotionEventsRoutes(app: FastifyInstance, service: PromotionEventsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { permission: 'pipeline.read' as const } };
  const write = (action: string) => ({ access: { permission: 'pipeline.write' as const }, action });

  r.get(
    '/api/promotion-events',
    {
      config: read,
      schema: {
        tags,
        summary: 'Events the caller reads (organised by or with their unit), newest first, with their counts',
        querystring: eventListQuery,
        response: { 200: z.object({ items: z.array(eventSummarySchema), total: z.number().int() }) },
      },
    },
    async (req) => service.list(callerOf(req), req.query),
  );

  r.get(
    '/api/promotion-events/calendar',
    {
      config: read,
      schema: {
        tags,
        summary: 'The events overlapping a month, for the calendar',
        querystring: calendarQuery,
        response: { 200: z.array(calendarItemSchema) },
      },
    },
    async (req) => service.calendar(callerOf(req), req.query),
  );

  r.get(
    '/api/promotion-events/tasks',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Follow-up tasks (紧盯不放) across the events the caller reads; open / overdue only on request',
        querystring: taskListQuery,
        response: { 200: z.array(taskSchema) },
      },
    },
    async (req) => service.listTasks(callerOf(req), req.query),
  );

  r.post(
    '/api/promotion-events',
    {
      config: write('promotion_events.create'),
      schema: { tags, summary: 'Record an event', body: createEventInput, response: { 201: eventSchema } },
    },
    async (req, reply) => reply.code(201).send(await service.create(callerOf(req), actorOf(req), req.body)),
  );

  r.get(
    '/api/promotion-events/:eventId',
    {
      config: read,
      schema: {
        tags,
        summary: 'An event with whom it met, its follow-up tasks and what it produced for what it cost',
        params: eventParams,
        response: { 200: eventDetailSchema },
      },
    },
    async (req) => service.detail(callerOf(req), req.params.eventId),
  );

  r.patch(
    '/api/promotion-events/:eventId',
    {
      config: write('promotion_events.update'),
      schema: {
        tags,
        summary: 'Edit an event (with the version you loaded)',
        params: eventParams,
        body: updateEventInput,
        response: { 200: eventSchema },
      },
    },
    async (req) => service.update(callerOf(req), actorOf(req), req.params.eventId, req.body),
  );

  r.delete(
    '/api/promotion-events/:eventId',
    {
      config: write('promotion_events.delete'),
      schema: { tags, summary: 'Delete an event nothing is credited to', params: eventParams },
    },
    async (req, reply) => {
      await service.remove(callerOf(req), actorOf(req), req.params.eventId);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/promotion-events/:eventId/meetings',
    {
      config: write('promotion_events.meeting_create'),
      schema: {
        tags,
        summary: 'Record an enterprise met at the event',
        params: eventParams,
        body: meetingInput,
        response: { 201: meetingSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.addMeeting(callerOf(req), actorOf(req), req.params.eventId, req.body)),
  );

  r.patch(
    '/api/promotion-events/:eventId/meetings/:meetingId',
    {
      config: write('promotion_events.meeting_update'),
      schema: {
        tags,
        summary: 'Edit a meeting',
        params: meetingParams,
        body: updateMeetingInput,
        response: { 200: meetingSchema },
      },
    },
    async (req) =>
      service.updateMeeting(callerOf(req), actorOf(req), req.params.eventId, req.params.meetingId, req.body),
  );

  r.delete(
    '/api/promotion-events/:eventId/meetings/:meetingId',
    {
      config: write('promotion_events.meeting_delete'),
      schema: { tags, summary: 'Remove a meeting (a lead made from it stays)', params: meetingParams },
    },
    async (req, reply) => {
      await service.removeMeeting(callerOf(req), actorOf(req), req.params.eventId, req.params.meetingId);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/promotion-events/:eventId/meetings/:meetingId/lead',
    {
      config: write('promotion_events.meeting_lead'),
      schema: {
        tags,
        summary: '转为线索: create a lead credited to the event from a meeting',
        params: meetingParams,
        body: meetingLeadInput,
        response: {
          201: z.object({
            lead: z.object({ id: z.string().uuid(), title: z.string() }),
            meeting: meetingSchema,
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.meetingToLead(
            callerOf(req),
            actorOf(req),
            req.params.eventId,
            req.params.meetingId,
            req.body,
          ),
        ),
  );

  r.post(
    '/api/promotion-events/:eventId/tasks',
    {
      config: write('promotion_events.task_create'),
      schema: {
        tags,
        summary: 'Add a follow-up task with an owner unit and a due date',
        params: eventParams,
        body: taskInput,
        response: { 201: taskSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addTask(callerOf(req), actorOf(req), req.params.eventId, req.body)),
  );

  r.patch(
    '/api/promotion-events/:eventId/tasks/:taskId',
    {
      config: write('promotion_events.task_update'),
      schema: {
        tags,
        summary: 'Edit a follow-up task',
        params: taskParams,
        body: updateTaskInput,
        response: { 200: taskSchema },
      },
    },
    async (req) =>
      service.updateTask(callerOf(req), actorOf(req), req.params.eventId, req.params.taskId, req.body),
  );

  r.post(
    '/api/promotion-events/:eventId/tasks/:taskId/done',
    {
      config: write('promotion_events.task_done'),
      schema: {
        tags,
        summary: 'Mark a follow-up task done (or open again); the owner unit may too',
        params: taskParams,
        body: taskDoneInput,
        response: { 200: taskSchema },
      },
    },
    async (req) =>
      service.setTaskDone(callerOf(req), actorOf(req), req.params.eventId, req.params.taskId, req.body),
  );

  r.delete(
    '/api/promotion-events/:eventId/tasks/:taskId',
    {
      config: write('promotion_events.task_delete'),
      schema: { tags, summary: 'Remove a follow-up task', params: taskParams },
    },
    async (req, reply) => {
      await service.removeTask(callerOf(req), actorOf(req), req.params.eventId, req.params.taskId);
      return reply.code(204).send();
    },
  );
}
