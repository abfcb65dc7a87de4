import type { EntityName, EntityRow } from './entities.js';

/** A value written to a column: what a COPY cell can hold (null = SQL NULL). */
export type MappedValue = string | number | boolean | bigint | null | readonly MappedValue[] | { readonly [key: string]: unknown };

/**
 * Where one column's value comes from:
 * - `'birthDate'`                          the entity row's field, as is;
 * - `{ field: 'sex', values: { female: 'F', male: 'M' } }`  the field through a value map (every
 *   value the field can take must be mapped; checked before loading);
 * - `{ constant: 'active' }`                the same value in every row;
 * - `{ compute: (row) => ... }`             a pure function of the entity row (deterministic by
 *   construction: it sees only the row);
 * - `{ omit: true }`                       leave the column to the database (default, identity,
 *   trigger or NULL), even where automatic binding would fill it.
 */
export type ColumnBinding<E extends EntityName> =
  | (keyof EntityRow<E> & string)
  | { readonly field: keyof EntityRow<E> & string; readonly values?: Readonly<Record<string, MappedValue>> }
  | { readonly constant: MappedValue }
  | { readonly compute: (row: EntityRow<E>) => MappedValue }
  | { readonly omit: true };

export interface TableMapping<E extends EntityName = EntityName> {
  /** The entity whose rows become this table's rows, one row each. */
  readonly entity: E;
  /**
   * Only the entity rows that pass: `{ category: ['vital', 'lab'] }` (a row passes when each named
   * field holds one of the listed values; medseed then knows which values reach the table, so a
   * value map need only cover those), or any function of the row, `(event) => event.unit !== null`.
   */
  readonly where?: ((row: EntityRow<E>) => boolean) | { readonly [K in keyof EntityRow<E>]?: readonly EntityRow<E>[K][] };
  /** Columns bound explicitly; every other column is bound automatically (see `mapping explain`). */
  readonly columns?: { readonly [column: string]: ColumnBinding<E> };
}

/** Entity-typed table mapping: `table('patient', {...})` checks field names against the entity. */
export function table<E extends EntityName>(entity: E, mapping: Omit<TableMapping<E>, 'entity'> = {}): TableMapping<E> {
  return { entity, ...mapping };
}

export interface Mapping {
  /** The schema holding the tables (default `public`). */
  readonly schema?: string;
  /** Target table name -> what fills it. Tables not named here are never touched. */
  readonly tables: { readonly [table: string]: TableMapping<any> };
}

/** Identity function that gives a mapping file its types (as drizzle-kit's defineConfig does). */
export function defineMapping<M extends Mapping>(mapping: M): M {
  return mapping;
}

/** A column binding with its entity erased: how the binder reads a mapping. */
export type AnyColumnBinding =
  | string
  | { readonly field: string; readonly values?: Readonly<Record<string, MappedValue>> }
  | { readonly constant: MappedValue }
  | { readonly compute: (row: any) => MappedValue }
  | { readonly omit: true };
