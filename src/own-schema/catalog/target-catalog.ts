/**
 * What medseed knows about the user's tables, read from PostgreSQL's catalog (any ORM, or none).
 * Names are the database's own (case preserved, unquoted here; quote with quoteIdent when writing SQL).
 */
export interface TargetColumn {
  readonly name: string;
  /** format_type(): `uuid`, `bigint`, `text`, `timestamp with time zone`, `character varying(20)`, `public.visit_status`... */
  readonly type: string;
  /** The base type's name after resolving domains and arrays' element type: `int8`, `uuid`, `text`, `timestamptz`, an enum's name... */
  readonly baseType: string;
  /** 'b' base, 'e' enum, 'd' domain (resolved into baseType), 'c' composite, 'r' range... (pg_type.typtype of the base type) */
  readonly typeCategory: string;
  readonly isArray: boolean;
  readonly notNull: boolean;
  /** pg_get_expr of the default, or undefined */
  readonly default?: string;
  /** 'always' | 'by default' for identity columns */
  readonly identity?: 'always' | 'by default';
  /** true for GENERATED ALWAYS AS (...) STORED */
  readonly generated: boolean;
  /** Labels in order, for an enum-typed column (or array of enum). */
  readonly enumValues?: readonly string[];
  /** Values a CHECK constraint on this column alone allows (`col IN (...)`, `col = ANY (ARRAY[...])`), when it has that shape. */
  readonly allowedValues?: readonly string[];
  /** The serial/identity sequence that feeds it (schema-qualified), to setval after the load. */
  readonly sequence?: string;
}

export interface TargetForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refSchema: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly deferrable: boolean;
}

export interface TargetCheck {
  readonly name: string;
  /** pg_get_constraintdef */
  readonly definition: string;
  readonly columns: readonly string[];
}

export interface TargetIndex {
  readonly name: string;
  /** pg_get_indexdef: what re-creates it */
  readonly definition: string;
  /** Backs a primary key, unique or exclusion constraint (dropping it means dropping the constraint). */
  readonly constraint?: string;
}

export interface TargetTrigger {
  readonly name: string;
  readonly definition: string;
  readonly enabled: boolean;
}

export interface TargetPolicy {
  readonly name: string;
  readonly command: string;
  readonly roles: readonly string[];
  readonly using?: string;
  readonly withCheck?: string;
}

export interface TargetTable {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly TargetColumn[];
  readonly primaryKey: readonly string[];
  readonly uniques: readonly (readonly string[])[];
  readonly foreignKeys: readonly TargetForeignKey[];
  readonly checks: readonly TargetCheck[];
  readonly indexes: readonly TargetIndex[];
  readonly triggers: readonly TargetTrigger[];
  readonly rowSecurity: { readonly enabled: boolean; readonly forced: boolean; readonly policies: readonly TargetPolicy[] };
}

export interface TargetCatalog {
  readonly schema: string;
  readonly tables: ReadonlyMap<string, TargetTable>;
}
