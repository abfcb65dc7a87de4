import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { CARE_TEAM_ROLES } from './values.js';

/** Which provider is on which patient's care team: the basis of the clinician RLS policy. */
export const careTeamMembers = pgTable(
  'care_team_members',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    role: text('role').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true, mode: 'string' }).notNull(),
    // null while the membership is current; the care-team policy only honours current members
    periodEnd: timestamp('period_end', { withTimezone: true, mode: 'string' }),
  },
  (t) => [checkIn('care_team_members_role_check', t.role, CARE_TEAM_ROLES)],
);
