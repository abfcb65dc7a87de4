import { customType, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { checkIn } from './check-in.js';
import { DOCUMENT_STATUSES } from './values.js';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** Clinical notes with a stored full-text search vector. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    encounterId: uuid('encounter_id'),
    authorId: uuid('author_id').notNull(),
    typeCode: text('type_code').notNull(),
    typeDisplay: text('type_display').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    // Equal to to_tsvector('english', title || ' ' || body): medseed computes it for the rows it
    // loads (src/text-search), and the trigger of migration 0006 for rows written without one or
    // whose title or body changes. `medseed verify` checks every row.
    searchVector: tsvector('search_vector'),
  },
  (t) => [checkIn('documents_status_check', t.status, DOCUMENT_STATUSES)],
);
