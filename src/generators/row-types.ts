import type * as schema from '../../schemas/index.js';
import type { CODE_SYSTEMS } from '../../schemas/values.js';

// Row shapes come from the drizzle tables, so a generator that forgets or misnames a column
// does not compile.
export type OrganizationRow = typeof schema.organizations.$inferInsert;
export type ProviderRow = typeof schema.providers.$inferInsert;
export type PatientRow = typeof schema.patients.$inferInsert;
export type CareTeamMemberRow = typeof schema.careTeamMembers.$inferInsert;
export type EncounterRow = typeof schema.encounters.$inferInsert;
export type TimelineEventRow = typeof schema.timelineEvents.$inferInsert;
// A document's search vector is required: it derives from its title and body (src/text-search).
export type DocumentRow = Omit<typeof schema.documents.$inferInsert, 'searchVector'> & { searchVector: string };
export type TaskRow = typeof schema.tasks.$inferInsert;
export type AuditLogRow = typeof schema.auditLogs.$inferInsert;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

export interface RowsByTable {
  organizations: OrganizationRow;
  providers: ProviderRow;
  patients: PatientRow;
  care_team_members: CareTeamMemberRow;
  encounters: EncounterRow;
  timeline_events: TimelineEventRow;
  documents: DocumentRow;
  tasks: TaskRow;
  audit_logs: AuditLogRow;
}

/** Where generators put rows. Implementations encode them; generators never see the output target. */
export interface RowSink {
  push<T extends keyof RowsByTable>(table: T, row: RowsByTable[T]): void;
}
