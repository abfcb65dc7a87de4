import type { CellValue, ColumnKind } from '../../src/encoders/index.js';

/**
 * Rows with the values most likely to break an encoder, and the exact line
 * `COPY t TO STDOUT` prints for each once loaded (TimeZone UTC, DateStyle ISO).
 * Shared by the pure tests here and any round-trip test against PostgreSQL:
 * CREATE TABLE t (id uuid, t text, i bigint, n numeric, b bool, d date,
 *                 ts timestamptz, j jsonb, a text[]).
 */
export const TRICKY_KINDS: readonly ColumnKind[] = [
  'uuid',
  'text',
  'int',
  'numeric',
  'bool',
  'date',
  'timestamptz',
  'jsonb',
  'text[]',
];

export const TRICKY_COLUMNS = ['id', 't', 'i', 'n', 'b', 'd', 'ts', 'j', 'a'] as const;

export interface TrickyRow {
  readonly name: string;
  readonly row: readonly CellValue[];
  /** The COPY text-format line, fields joined here by tab; `\n` is added by copyLine(). */
  readonly copyFields: readonly string[];
}

const ID = '0190c7e2-8f5a-7cc2-9d3e-4b1a2c3d4e5f';

// String.raw keeps every backslash literal: what is written is what COPY prints.
export const TRICKY_ROWS: readonly TrickyRow[] = [
  {
    name: 'NULL in every column',
    row: [ID, null, null, null, null, null, null, null, null],
    copyFields: [ID, '\\N', '\\N', '\\N', '\\N', '\\N', '\\N', '\\N', '\\N'],
  },
  {
    name: 'empty string, empty array, empty object: never NULL',
    row: [ID, '', 0, '0', false, '2024-02-29', '2024-03-05 14:07:00+00', {}, []],
    copyFields: [ID, '', '0', '0', 'f', '2024-02-29', '2024-03-05 14:07:00+00', '{}', '{}'],
  },
  {
    name: 'the text \\N is data, not NULL',
    row: [ID, '\\N', -1, '-0.00', true, 'infinity', '-infinity', [], [null, 'NULL', 'null']],
    copyFields: [ID, String.raw`\\N`, '-1', '0.00', 't', 'infinity', '-infinity', '[]', '{NULL,"NULL","null"}'],
  },
  {
    name: 'tab, newline, CR, backslash and the other COPY escapes',
    row: [ID, 'a\tb\nc\rd\\e\bf\fg\vh', 9007199254740991, 1.5e-7, true, '0001-01-01', '2024-03-05 14:07:00.123456+00', 'x\ty', ['t\tab', 'new\nline']],
    copyFields: [
      ID,
      String.raw`a\tb\nc\rd\\e\bf\fg\vh`,
      '9007199254740991',
      '0.00000015',
      't',
      '0001-01-01',
      '2024-03-05 14:07:00.123456+00',
      String.raw`"x\\ty"`,
      String.raw`{"t\tab","new\nline"}`,
    ],
  },
  {
    name: 'other control characters stay raw in COPY, become \\u00xx in jsonb',
    row: [ID, '\u0001\u001b\u001f\u007f', 1, 1e21, false, '9999-12-31', '1999-12-31 23:59:59.5+00', '\u0001\u000b\u001f\u007f', ['\u0001']],
    copyFields: [
      ID,
      '\u0001\u001b\u001f\u007f',
      '1',
      '1000000000000000000000',
      'f',
      '9999-12-31',
      '1999-12-31 23:59:59.5+00',
      String.raw`"\\u0001\\u000b\\u001f` + '\u007f"',
      '{\u0001}',
    ],
  },
  {
    name: 'unicode is written as-is everywhere',
    row: [ID, 'Renée 😀 中文 \u2028', 2, 0.1, true, '2024-03-05', '2024-03-05 14:07:00.01+00', { 'é': '😀', 'zz': '中文' }, ['é', '😀', '中文', '\u00a0']],
    copyFields: [ID, 'Renée 😀 中文 \u2028', '2', '0.1', 't', '2024-03-05', '2024-03-05 14:07:00.01+00', '{"zz": "中文", "é": "😀"}', '{é,😀,中文,\u00a0}'],
  },
  {
    name: 'jsonb keys by length then bytes, nested, with string escapes',
    row: [
      ID,
      '\\.',
      3,
      '123456789012345678901234567890.000000001',
      false,
      '2000-01-01',
      '2000-01-01 00:00:00.000001+00',
      { note: 'line1\nline2 "q" \\ /', code: 'A1', v: [1.5, null, true, { bb: {}, a: [] }], B: -0 },
      ['a b', null, '', 'x"y', 'c,d', '{e}', 'f\\g', ' '],
    ],
    copyFields: [
      ID,
      String.raw`\\.`,
      '3',
      '123456789012345678901234567890.000000001',
      'f',
      '2000-01-01',
      '2000-01-01 00:00:00.000001+00',
      String.raw`{"B": 0, "v": [1.5, null, true, {"a": [], "bb": {}}], "code": "A1", "note": "line1\\nline2 \\"q\\" \\\\ /"}`,
      String.raw`{"a b",NULL,"","x\\"y","c,d","{e}","f\\\\g"," "}`,
    ],
  },
];

export function copyLine(row: TrickyRow): string {
  return `${row.copyFields.join('\t')}\n`;
}
