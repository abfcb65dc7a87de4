import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { SEXES } from './values.js';

/** Patients of an organization; MRN is unique within the organization. */
export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    mrn: text('mrn').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex').notNull(),
    phone: text('phone'),
    email: text('email'),
    addressLine: text('address_line'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [checkIn('patients_sex_check', t.sex, SEXES)],
);
