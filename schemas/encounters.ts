import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { ENCOUNTER_CLASSES, ENCOUNTER_STATUSES } from './values.js';

/** Visits and stays: office, emergency, inpatient and virtual. */
export const encounters = pgTable(
  'encounters',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    class: text('class').notNull(),
    status: text('status').notNull(),
    reasonCode: text('reason_code'),
    reasonDisplay: text('reason_display'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    checkIn('encounters_class_check', t.class, ENCOUNTER_CLASSES),
    checkIn('encounters_status_check', t.status, ENCOUNTER_STATUSES),
  ],
);
