import { jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { CODE_SYSTEMS, EVENT_CATEGORIES, EVENT_STATUSES } from './values.js';

/** The clinical timeline: vitals, labs, diagnoses, medications, procedures, immunizations, allergies. */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    encounterId: uuid('encounter_id'),
    category: text('category').notNull(),
    codeSystem: text('code_system').notNull(),
    code: text('code').notNull(),
    display: text('display').notNull(),
    valueNumeric: numeric('value_numeric'),
    valueText: text('value_text'),
    unit: text('unit'),
    status: text('status').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by'),
    payload: jsonb('payload').notNull(),
  },
  (t) => [
    checkIn('timeline_events_category_check', t.category, EVENT_CATEGORIES),
    checkIn('timeline_events_code_system_check', t.codeSystem, CODE_SYSTEMS),
    checkIn('timeline_events_status_check', t.status, EVENT_STATUSES),
  ],
);
