import type { RowsByTable } from '../../generators/row-types.js';

/**
 * medseed's entities, as a mapping names them, and the reference table whose rows carry each one.
 * A mapping binds these rows' fields (their drizzle names: `orgId`, `birthDate`...) to the user's
 * columns; the rows are exactly what the reference schema would receive, so determinism and prefix
 * stability carry over to any target schema.
 */
export const ENTITY_TABLES = {
  organization: 'organizations',
  provider: 'providers',
  patient: 'patients',
  careTeamMember: 'care_team_members',
  encounter: 'encounters',
  timelineEvent: 'timeline_events',
  document: 'documents',
  task: 'tasks',
  auditEntry: 'audit_logs',
} as const satisfies Record<string, keyof RowsByTable>;

export type EntityName = keyof typeof ENTITY_TABLES;
export const ENTITY_NAMES = Object.keys(ENTITY_TABLES) as EntityName[];

/** The row an entity binding reads from. */
export type EntityRow<E extends EntityName> = RowsByTable[(typeof ENTITY_TABLES)[E]];
