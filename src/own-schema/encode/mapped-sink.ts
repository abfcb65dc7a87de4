import { escapeCopyField, COPY_NULL } from '../../encoders/copy-text.js';
import type { RowSink, RowsByTable } from '../../generators/row-types.js';
import { ByteBuilder } from '../../runner/byte-builder.js';
import { writtenColumns, type BoundTable } from '../bind/bound-table.js';
import { ENTITY_TABLES } from '../mapping/entities.js';
import { createCellText } from './target-cell-text.js';

/** One chunk of the user's tables: COPY text and row count per target table. */
export interface MappedChunk {
  readonly data: Record<string, Uint8Array>;
  readonly rows: Record<string, number>;
}

interface TargetWriter {
  readonly name: string;
  readonly where?: (row: object) => boolean;
  readonly cells: readonly ((row: Record<string, unknown>) => string | null)[];
  readonly out: ByteBuilder;
  rows: number;
}

const sizes = new Map<string, number>();

/**
 * A RowSink that writes each generated row into every target table its entity feeds (filtered by
 * the mapping's `where`), as COPY text in the target's column order. Fed the very rows the
 * reference schema receives, so the same seed gives the same target bytes for any chunking.
 */
export function createMappedSink(tables: readonly BoundTable[]): RowSink & { take(): MappedChunk } {
  const byReference = new Map<string, TargetWriter[]>();
  const writers: TargetWriter[] = [];
  for (const bound of tables) {
    const writer: TargetWriter = {
      name: bound.table.name,
      ...(bound.where ? { where: bound.where } : {}),
      cells: writtenColumns(bound).map((column) => createCellText(bound.table.name, column)),
      out: new ByteBuilder(sizes.get(bound.table.name)),
      rows: 0,
    };
    writers.push(writer);
    const reference = ENTITY_TABLES[bound.entity];
    byReference.set(reference, [...(byReference.get(reference) ?? []), writer]);
  }
  return {
    push<T extends keyof RowsByTable>(table: T, row: RowsByTable[T]) {
      const targets = byReference.get(table);
      if (!targets) return;
      for (const target of targets) {
        if (target.where && !target.where(row)) continue;
        const cells = target.cells;
        for (let i = 0; i < cells.length; i++) {
          if (i > 0) target.out.byte(0x09);
          const text = cells[i]!(row as Record<string, unknown>);
          target.out.text(text === null ? COPY_NULL : escapeCopyField(text));
        }
        target.out.byte(0x0a);
        target.rows++;
      }
    },
    take() {
      const data: Record<string, Uint8Array> = {};
      const rows: Record<string, number> = {};
      for (const writer of writers) {
        data[writer.name] = writer.out.take();
        sizes.set(writer.name, writer.out.nextSize);
        rows[writer.name] = writer.rows;
        writer.rows = 0;
      }
      return { data, rows };
    },
  };
}
