import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../../schemas/index.js';
import * as values from '../../../schemas/values.js';
import { ENTITY_NAMES, type EntityName } from './entities.js';

/** One field of an entity row: its drizzle key, the reference column's SQL type, and the values it can take. */
export interface EntityField {
  readonly name: string;
  /** The reference schema's SQL type: uuid, text, date, timestamp with time zone, numeric, jsonb, integer, boolean, text[], tsvector. */
  readonly sqlType: string;
  readonly nullable: boolean;
  /** Every value the generator can put here, for status-like fields (checked against enums and CHECKs). */
  readonly values?: readonly string[];
  /** The entity whose id this field holds (orgId -> organization), for uuid reference fields. */
  readonly references?: EntityName;
}

const TABLES: Record<EntityName, PgTable> = {
  organization: schema.organizations,
  provider: schema.providers,
  patient: schema.patients,
  careTeamMember: schema.careTeamMembers,
  encounter: schema.encounters,
  timelineEvent: schema.timelineEvents,
  document: schema.documents,
  task: schema.tasks,
  auditEntry: schema.auditLogs,
};

// The reference schema's CHECK lists, by entity field (schemas/values.ts).
const VALUE_SETS: Partial<Record<EntityName, Record<string, readonly string[]>>> = {
  organization: { tier: values.ORG_TIERS },
  provider: { role: values.PROVIDER_ROLES },
  patient: { sex: values.SEXES },
  careTeamMember: { role: values.CARE_TEAM_ROLES },
  encounter: { class: values.ENCOUNTER_CLASSES, status: values.ENCOUNTER_STATUSES },
  timelineEvent: { category: values.EVENT_CATEGORIES, codeSystem: values.CODE_SYSTEMS, status: values.EVENT_STATUSES },
  document: { status: values.DOCUMENT_STATUSES },
  task: { status: values.TASK_STATUSES, priority: values.TASK_PRIORITIES },
  auditEntry: { resourceType: values.AUDIT_RESOURCE_TYPES, outcome: values.AUDIT_OUTCOMES },
};

// uuid fields that point at another entity. Providers are the users of the reference schema, so
// every "who" field (author, assignee, actor, recorder) holds a provider's id.
const REFERENCES: Record<string, EntityName> = {
  orgId: 'organization',
  patientId: 'patient',
  providerId: 'provider',
  encounterId: 'encounter',
  authorId: 'provider',
  assigneeId: 'provider',
  creatorId: 'provider',
  actorId: 'provider',
  recordedBy: 'provider',
  attendingProviderId: 'provider',
  primaryProviderId: 'provider',
};

function fieldsOf(entity: EntityName): EntityField[] {
  const table = TABLES[entity];
  const byColumn = new Map(Object.entries(table as unknown as Record<string, unknown>).map(([key, column]) => [column, key]));
  return getTableConfig(table).columns.map((column) => {
    const name = byColumn.get(column)!;
    const sqlType = column.getSQLType();
    const set = VALUE_SETS[entity]?.[name];
    const references = sqlType === 'uuid' && name !== 'id' ? REFERENCES[name] : undefined;
    return { name, sqlType, nullable: !column.notNull, ...(set ? { values: set } : {}), ...(references ? { references } : {}) };
  });
}

export const ENTITY_FIELDS: Readonly<Record<EntityName, readonly EntityField[]>> = Object.fromEntries(
  ENTITY_NAMES.map((entity) => [entity, fieldsOf(entity)]),
) as Record<EntityName, EntityField[]>;

export function entityField(entity: EntityName, name: string): EntityField | undefined {
  return ENTITY_FIELDS[entity].find((field) => field.name === name);
}
