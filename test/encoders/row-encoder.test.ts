import { describe, expect, it } from 'vitest';
import {
  CellEncodeError,
  createRowEncoder,
  encodeCopyRow,
  encodeCsvRow,
  type ColumnKind,
} from '../../src/encoders/index.js';
import { copyLine, TRICKY_KINDS, TRICKY_ROWS } from './tricky-rows.js';

describe('createRowEncoder', () => {
  const copy = createRowEncoder(TRICKY_KINDS, 'copy');
  const csv = createRowEncoder(TRICKY_KINDS, 'csv');

  it.each(TRICKY_ROWS.map((r) => [r.name, r] as const))('copy: %s', (_name, tricky) => {
    expect(copy(tricky.row)).toBe(copyLine(tricky));
  });

  it.each(TRICKY_ROWS.map((r) => [r.name, r] as const))('csv matches encodeCsvRow: %s', (_name, tricky) => {
    expect(csv(tricky.row)).toBe(encodeCsvRow(tricky.row, TRICKY_KINDS));
  });

  it('matches encodeCopyRow on a mixed row', () => {
    const kinds: ColumnKind[] = ['text', 'text[]', 'jsonb', 'numeric', 'int'];
    const row = ['x\\y\tz', ['a b', null], { k: 'v\n' }, 2.5, 3];
    expect(createRowEncoder(kinds, 'copy')(row)).toBe(encodeCopyRow(row, kinds));
    expect(createRowEncoder(kinds, 'copy')(row)).toBe(
      [String.raw`x\\y\tz`, '{"a b",NULL}', String.raw`{"k": "v\\n"}`, '2.5', '3'].join('\t') + '\n',
    );
  });

  it('is unaffected by later changes to the kinds array', () => {
    const kinds: ColumnKind[] = ['int'];
    const encode = createRowEncoder(kinds, 'copy');
    kinds[0] = 'text';
    expect(encode([5])).toBe('5\n');
  });

  it('encodes zero columns as an empty line', () => {
    expect(createRowEncoder([], 'copy')([])).toBe('\n');
  });

  it('names the column of a bad cell', () => {
    const encode = createRowEncoder(['text', 'jsonb'], 'csv');
    expect(() => encode(['a', { x: [Number.NaN] }])).toThrow('column 1 (jsonb): at $.x[0]: numbers must be finite, got NaN');
    try {
      encode(['a', { x: [Number.NaN] }]);
    } catch (error) {
      expect(error).toBeInstanceOf(CellEncodeError);
      expect((error as CellEncodeError).column).toBe(1);
      expect((error as CellEncodeError).cause).toBeInstanceOf(CellEncodeError);
    }
  });

  it('rejects rows of the wrong length', () => {
    expect(() => createRowEncoder(['int', 'int'], 'copy')([1])).toThrow('row has 1 cells, expected 2 (one per column)');
  });

  it('rejects unknown kinds and formats when created', () => {
    expect(() => createRowEncoder(['text', 'varchar' as ColumnKind], 'copy')).toThrow(/kinds\[1\] must be one of uuid, text/);
    expect(() => createRowEncoder(['text'], 'tsv' as 'copy')).toThrow(/format must be one of copy, csv, got tsv/);
  });
});
