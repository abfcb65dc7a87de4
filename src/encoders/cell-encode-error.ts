import type { ColumnKind } from './column-kind.js';

export interface CellEncodeErrorOptions {
  readonly column?: number;
  readonly kind?: ColumnKind;
  readonly cause?: unknown;
}

/**
 * A cell that cannot be encoded so PostgreSQL would print it back byte for byte.
 * `rule` says what was expected and what came; the row encoders add the column.
 *
 * @example new CellEncodeError('expected a safe integer, got 1.5', { column: 3, kind: 'int' }).message
 * // 'column 3 (int): expected a safe integer, got 1.5'
 */
export class CellEncodeError extends TypeError {
  override readonly name = 'CellEncodeError';
  readonly rule: string;
  readonly column: number | undefined;
  readonly kind: ColumnKind | undefined;

  constructor(rule: string, options: CellEncodeErrorOptions = {}) {
    super(prefix(options) + rule, options.cause === undefined ? undefined : { cause: options.cause });
    this.rule = rule;
    this.column = options.column;
    this.kind = options.kind;
  }
}

function prefix({ column, kind }: CellEncodeErrorOptions): string {
  if (column !== undefined) return kind === undefined ? `column ${column}: ` : `column ${column} (${kind}): `;
  return kind === undefined ? '' : `${kind}: `;
}

/** Re-throws an error from one cell naming its column; other errors pass through unchanged. */
export function locateCellError(error: unknown, column: number, kind: ColumnKind | undefined): unknown {
  if (!(error instanceof CellEncodeError) || error.column !== undefined) return error;
  return new CellEncodeError(error.rule, { column, kind, cause: error });
}

/** A short, printable description of any value for error messages. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length}`;
      return `an object (${Object.getPrototypeOf(value)?.constructor?.name ?? 'null prototype'})`;
    default:
      return `a ${typeof value}`;
  }
}
