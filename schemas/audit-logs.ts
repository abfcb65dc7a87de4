import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { AUDIT_OUTCOMES, AUDIT_RESOURCE_TYPES } from './values.js';

/** Who touched which record, when: the highest-volume table in a real EHR. */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    actorId: uuid('actor_id').notNull(),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    patientId: uuid('patient_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    outcome: text('outcome').notNull(),
  },
  (t) => [
    checkIn('audit_logs_resource_type_check', t.resourceType, AUDIT_RESOURCE_TYPES),
    checkIn('audit_logs_outcome_check', t.outcome, AUDIT_OUTCOMES),
  ],
);
