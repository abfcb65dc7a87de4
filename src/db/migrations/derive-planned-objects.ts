import { splitStatements } from './read-migrations.js';

export const PLANNED_OBJECT_KINDS = ['schema', 'relation', 'function', 'policy', 'constraint', 'trigger', 'role'] as const;
export type PlannedObjectKind = (typeof PLANNED_OBJECT_KINDS)[number];

/** An object a migration creates, as named in its SQL. */
export interface PlannedObject {
  readonly kind: PlannedObjectKind;
  /** What the migration makes, for messages: "table", "index", "primary key index", "function"... */
  readonly label: string;
  /** Schema of the object (of its table for policies, constraints and triggers); empty for roles. */
  readonly schema: string;
  readonly name: string;
  /** The table a policy, constraint, trigger or index belongs to. */
  readonly table?: string;
  /** Created with IF NOT EXISTS (or a guarded DO block): an existing one is reused, not an error. */
  readonly reused: boolean;
  /** Tag of the migration that creates it. */
  readonly migration: string;
  /** The statement drops the object rather than creating it (a later statement may create it again). */
  readonly dropped?: boolean;
}

/** Identity of an object in its namespace: relations and functions by schema, policies, constraints and triggers by table. */
export function plannedObjectKey(object: PlannedObject): string {
  const table = object.kind === 'policy' || object.kind === 'constraint' || object.kind === 'trigger' ? `${object.table}.` : '';
  return `${object.kind} ${object.schema}.${table}${object.name}`;
}

/**
 * The objects that must not exist before `objects` (in statement order) run: everything created,
 * except what an earlier statement drops first (that one is medseed's own, replaced on purpose).
 */
export function objectsToCreate(objects: readonly PlannedObject[]): PlannedObject[] {
  const dropped = new Set<string>();
  const creating: PlannedObject[] = [];
  for (const object of objects) {
    if (object.dropped) dropped.add(plannedObjectKey(object));
    else if (!dropped.has(plannedObjectKey(object))) creating.push(object);
  }
  return creating;
}

// An identifier as written in SQL: "Quoted" keeps its case, bare folds to lower case.
const IDENT = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)`;
const QUALIFIED = String.raw`(${IDENT}(?:\.${IDENT})?)`;

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1) : identifier.toLowerCase();
}

/** Splits schema.name; unqualified names mean public, because migrations run with search_path = public. */
function qualify(written: string): { schema: string; name: string } {
  const parts = written.match(new RegExp(IDENT, 'g'))!.map(unquote);
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { schema: 'public', name: parts[0]! };
}

const PATTERNS: readonly {
  readonly regex: RegExp;
  readonly make: (match: RegExpExecArray, migration: string) => PlannedObject[];
}[] = [
  {
    regex: new RegExp(String.raw`^CREATE SCHEMA (IF NOT EXISTS )?(${IDENT})`, 'i'),
    make: (m, migration) => [{ kind: 'schema', label: 'schema', schema: unquote(m[2]!), name: unquote(m[2]!), reused: !!m[1], migration }],
  },
  {
    regex: new RegExp(String.raw`^CREATE (?:UNLOGGED )?TABLE (IF NOT EXISTS )?${QUALIFIED}\s*\(([\s\S]*)\)`, 'i'),
    make: (m, migration) => {
      const { schema, name } = qualify(m[2]!);
      const reused = !!m[1];
      const objects: PlannedObject[] = [{ kind: 'relation', label: 'table', schema, name, reused, migration }];
      // Implicit relations take names in the same namespace: a renamed user table keeps "<old>_pkey".
      if (/PRIMARY KEY/i.test(m[3]!)) {
        objects.push({ kind: 'relation', label: 'primary key index', schema, name: `${name}_pkey`, table: name, reused, migration });
      }
      for (const column of m[3]!.matchAll(new RegExp(String.raw`(?:^|[(,])\s*(${IDENT})\s[^,]*?\b(?:GENERATED (?:ALWAYS|BY DEFAULT) AS IDENTITY|serial|bigserial)\b`, 'gi'))) {
        objects.push({ kind: 'relation', label: 'sequence', schema, name: `${name}_${unquote(column[1]!)}_seq`, table: name, reused, migration });
      }
      return objects;
    },
  },
  {
    regex: new RegExp(String.raw`^CREATE (?:MATERIALIZED )?(VIEW|SEQUENCE) (IF NOT EXISTS )?${QUALIFIED}`, 'i'),
    make: (m, migration) => [{ kind: 'relation', label: m[1]!.toLowerCase(), ...qualify(m[3]!), reused: !!m[2], migration }],
  },
  {
    regex: new RegExp(String.raw`^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(IF NOT EXISTS )?(${IDENT}) ON (?:ONLY )?${QUALIFIED}`, 'i'),
    make: (m, migration) => {
      const table = qualify(m[3]!);
      return [{ kind: 'relation', label: 'index', schema: table.schema, name: unquote(m[2]!), table: table.name, reused: !!m[1], migration }];
    },
  },
  {
    // OR REPLACE would silently replace a user's function of the same name: still a conflict.
    regex: new RegExp(String.raw`^CREATE (?:OR REPLACE )?FUNCTION ${QUALIFIED}\s*\(`, 'i'),
    make: (m, migration) => [{ kind: 'function', label: 'function', ...qualify(m[1]!), reused: false, migration }],
  },
  {
    regex: new RegExp(String.raw`^CREATE POLICY (${IDENT}) ON ${QUALIFIED}`, 'i'),
    make: (m, migration) => {
      const table = qualify(m[2]!);
      return [{ kind: 'policy', label: 'policy', schema: table.schema, name: unquote(m[1]!), table: table.name, reused: false, migration }];
    },
  },
  {
    // Every ADD or DROP CONSTRAINT clause, in order (0005 drops a check and adds it back).
    regex: new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${QUALIFIED}\s([\s\S]*)`, 'i'),
    make: (m, migration) => {
      const table = qualify(m[1]!);
      return [...m[2]!.matchAll(new RegExp(String.raw`\b(ADD|DROP) CONSTRAINT (IF EXISTS )?(${IDENT})`, 'gi'))].map((clause) => ({
        kind: 'constraint' as const,
        label: 'constraint',
        schema: table.schema,
        name: unquote(clause[3]!),
        table: table.name,
        reused: false,
        migration,
        ...(clause[1]!.toUpperCase() === 'DROP' && { dropped: true }),
      }));
    },
  },
  {
    regex: new RegExp(String.raw`^DROP (TABLE|INDEX|VIEW|MATERIALIZED VIEW|SEQUENCE|FUNCTION) (?:CONCURRENTLY )?(?:IF EXISTS )?${QUALIFIED}`, 'i'),
    make: (m, migration) => [
      {
        kind: m[1]!.toUpperCase() === 'FUNCTION' ? ('function' as const) : ('relation' as const),
        label: m[1]!.toLowerCase(),
        ...qualify(m[2]!),
        reused: false,
        migration,
        dropped: true,
      },
    ],
  },
  {
    // OR REPLACE would silently replace a user's trigger of the same name on the table: still a conflict.
    regex: new RegExp(String.raw`^CREATE (?:OR REPLACE )?(?:CONSTRAINT )?TRIGGER (${IDENT})\s[\s\S]*?\bON ${QUALIFIED}`, 'i'),
    make: (m, migration) => {
      const table = qualify(m[2]!);
      return [{ kind: 'trigger', label: 'trigger', schema: table.schema, name: unquote(m[1]!), table: table.name, reused: false, migration }];
    },
  },
  {
    regex: new RegExp(String.raw`^DROP TRIGGER (?:IF EXISTS )?(${IDENT}) ON ${QUALIFIED}`, 'i'),
    make: (m, migration) => {
      const table = qualify(m[2]!);
      return [{ kind: 'trigger', label: 'trigger', schema: table.schema, name: unquote(m[1]!), table: table.name, reused: false, migration, dropped: true }];
    },
  },
  {
    regex: new RegExp(String.raw`^DROP POLICY (?:IF EXISTS )?(${IDENT}) ON ${QUALIFIED}`, 'i'),
    make: (m, migration) => {
      const table = qualify(m[2]!);
      return [{ kind: 'policy', label: 'policy', schema: table.schema, name: unquote(m[1]!), table: table.name, reused: false, migration, dropped: true }];
    },
  },
  {
    // Extensions are only ever created with IF NOT EXISTS: an existing one is reused.
    regex: /^CREATE EXTENSION IF NOT EXISTS /i,
    make: () => [],
  },
  {
    // Roles are collected below, wherever they appear.
    regex: /^CREATE ROLE /i,
    make: () => [],
  },
];

/**
 * Lists the objects a migration's SQL creates (and drops), read from its statements, so the conflict
 * check never needs a second hand-written list. Roles are found anywhere (0001 creates them inside
 * a DO block, each guarded by a pg_roles check). Statements it cannot classify are returned in
 * `unrecognized`, so a new kind of CREATE fails a test instead of slipping past the check.
 */
export function derivePlannedObjects(sql: string, migration: string): { objects: PlannedObject[]; unrecognized: string[] } {
  const objects: PlannedObject[] = [];
  const unrecognized: string[] = [];
  for (const statement of splitStatements(sql)) {
    const pattern = PATTERNS.map((p) => ({ p, match: p.regex.exec(statement) })).find(({ match }) => match);
    if (pattern) objects.push(...pattern.p.make(pattern.match!, migration));
    else if (/^CREATE\b/i.test(statement)) unrecognized.push(statement.split('\n')[0]!);
    for (const role of statement.matchAll(new RegExp(String.raw`\bCREATE ROLE (${IDENT})`, 'gi'))) {
      const guarded = /IF NOT EXISTS \(SELECT 1 FROM pg_roles/i.test(statement);
      objects.push({ kind: 'role', label: 'role', schema: '', name: unquote(role[1]!), reused: guarded, migration });
    }
  }
  return { objects, unrecognized };
}
