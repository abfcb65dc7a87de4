import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { PROVIDER_ROLES } from './values.js';

/** Clinicians and staff of an organization; the users whose access RLS decides. */
export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    npi: text('npi').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    role: text('role').notNull(),
    specialty: text('specialty').notNull(),
    email: text('email').notNull(),
    isOrgAdmin: boolean('is_org_admin').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [checkIn('providers_role_check', t.role, PROVIDER_ROLES)],
);
