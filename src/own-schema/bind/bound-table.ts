import type { TargetColumn, TargetTable } from '../catalog/target-catalog.js';
import type { MappedValue } from '../mapping/define-mapping.js';
import type { EntityName } from '../mapping/entities.js';
import type { Conversion } from './value-conversion.js';

/** Where a written column's value comes from. */
export type ColumnSource =
  | { readonly kind: 'field'; readonly field: string; readonly conversion: Conversion; readonly values?: Readonly<Record<string, MappedValue>> }
  | { readonly kind: 'constant'; readonly value: MappedValue }
  | { readonly kind: 'compute'; readonly compute: (row: any) => MappedValue };

export interface BoundColumn {
  readonly column: TargetColumn;
  /** undefined: left to the database (default, identity, generated, trigger or NULL) */
  readonly source?: ColumnSource;
  /** Why, in words: "explicit", "same name as patient.birthDate", "synonym dob of birthDate", "has a default"... */
  readonly why: string;
}

export interface BoundTable {
  readonly table: TargetTable;
  readonly entity: EntityName;
  /** The mapping's row filter, if any. */
  readonly where?: (row: any) => boolean;
  /** Values a declarative `where` lets through, by field: the only ones a value map must cover. */
  readonly whereValues?: Readonly<Record<string, ReadonlySet<string>>>;
  /** Every column of the table, in table order. */
  readonly columns: readonly BoundColumn[];
}

/** Something in the mapping or the schema that stops a load, with where it is and how to fix it. */
export interface BindingProblem {
  readonly table: string;
  readonly column?: string;
  readonly message: string;
  readonly fix: string;
}

export const writtenColumns = (bound: BoundTable) => bound.columns.filter((c) => c.source !== undefined);
