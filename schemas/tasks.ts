import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { TASK_PRIORITIES, TASK_STATUSES } from './values.js';

/** EMR work items (inbox): result review, note signing, refills, messages. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    patientId: uuid('patient_id'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(),
    priority: text('priority').notNull(),
    assigneeId: uuid('assignee_id').notNull(),
    creatorId: uuid('creator_id'),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'string' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    checkIn('tasks_status_check', t.status, TASK_STATUSES),
    checkIn('tasks_priority_check', t.priority, TASK_PRIORITIES),
  ],
);
