import { describe, expect, it } from 'vitest';
import { CellEncodeError, encodeCopyRow, escapeCopyField } from '../../src/encoders/index.js';
import { copyLine, TRICKY_KINDS, TRICKY_ROWS } from './tricky-rows.js';

describe('escapeCopyField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a\tb', String.raw`a\tb`],
    ['a\nb', String.raw`a\nb`],
    ['a\rb', String.raw`a\rb`],
    ['a\r\nb', String.raw`a\r\nb`],
    ['\b\f\v', String.raw`\b\f\v`],
    ['back\\slash', String.raw`back\\slash`],
    ['\\', String.raw`\\`],
    ['\\N', String.raw`\\N`],
    ['\\.', String.raw`\\.`],
    ['\\\\n', String.raw`\\\\n`],
    ['\u0001\u0007\u000e\u001b\u001f\u007f', '\u0001\u0007\u000e\u001b\u001f\u007f'],
    ['é😀中文\u2028\u00a0', 'é😀中文\u2028\u00a0'],
    ['"quotes", commas; {braces}', '"quotes", commas; {braces}'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeCopyField(input)).toBe(expected);
  });

  it('returns the same string when nothing needs escaping', () => {
    const text = 'no special characters here';
    expect(escapeCopyField(text)).toBe(text);
  });

  it('rejects U+0000, which PostgreSQL text cannot hold', () => {
    expect(() => escapeCopyField('a\u0000b')).toThrow(CellEncodeError);
    expect(() => escapeCopyField('a\u0000b')).toThrow(/U\+0000/);
  });
});

describe('encodeCopyRow', () => {
  it.each(TRICKY_ROWS.map((r) => [r.name, r] as const))('%s', (_name, tricky) => {
    expect(encodeCopyRow(tricky.row, TRICKY_KINDS)).toBe(copyLine(tricky));
  });

  it('separates NULL (\\N) from the empty string (empty field)', () => {
    expect(encodeCopyRow(['', null, ''], ['text', 'text', 'text'])).toBe('\t\\N\t\n');
  });

  it('writes one column without a separator', () => {
    expect(encodeCopyRow([7], ['int'])).toBe('7\n');
  });

  it('names the column of a bad cell', () => {
    expect(() => encodeCopyRow(['a', 1.5], ['text', 'int'])).toThrow('column 1 (int): expected a safe integer, got 1.5');
    try {
      encodeCopyRow(['a', 1.5], ['text', 'int']);
    } catch (error) {
      expect(error).toBeInstanceOf(CellEncodeError);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as CellEncodeError).column).toBe(1);
      expect((error as CellEncodeError).kind).toBe('int');
    }
  });

  it('rejects a row whose length differs from the columns', () => {
    expect(() => encodeCopyRow(['a'], ['text', 'text'])).toThrow('row has 1 cells, expected 2 (one per column)');
  });

  it('rejects undefined: it is not NULL', () => {
    expect(() => encodeCopyRow([undefined as unknown as null], ['text'])).toThrow('column 0 (text): expected a string, got undefined');
  });

  it('writes tsvector text as PostgreSQL prints it, escaping for COPY what tsvectorout doubled', () => {
    expect(encodeCopyRow(["'breath':3 'short':1", null, ''], ['tsvector', 'tsvector', 'tsvector'])).toBe("'breath':3 'short':1\t\\N\t\n");
    expect(encodeCopyRow(["'a\\\\b':1 'it''s':2"], ['tsvector'])).toBe("'a\\\\\\\\b':1 'it''s':2\n");
  });
});
