import { describe, expect, it } from 'vitest';
import { CellEncodeError, encodeCellText, type CellValue, type ColumnKind } from '../../src/encoders/index.js';

const ok: [ColumnKind, Exclude<CellValue, null>, string][] = [
  ['uuid', '0190c7e2-8f5a-7cc2-9d3e-4b1a2c3d4e5f', '0190c7e2-8f5a-7cc2-9d3e-4b1a2c3d4e5f'],
  ['text', 'anything\tat all', 'anything\tat all'],
  ['int', 42, '42'],
  ['int', -0, '0'],
  ['int', -9007199254740991, '-9007199254740991'],
  ['numeric', 1.5, '1.5'],
  ['numeric', -3, '-3'],
  ['numeric', '12.50', '12.50'],
  ['numeric', '-0.001', '-0.001'],
  ['numeric', '0', '0'],
  ['numeric', '-0', '0'],
  ['numeric', '-0.00', '0.00'],
  ['bool', true, 't'],
  ['bool', false, 'f'],
  ['date', '2024-02-29', '2024-02-29'],
  ['date', 'infinity', 'infinity'],
  ['timestamptz', '2024-03-05 14:07:00+00', '2024-03-05 14:07:00+00'],
  ['timestamptz', '2024-03-05 14:07:00.5+00', '2024-03-05 14:07:00.5+00'],
  ['timestamptz', '2024-03-05 14:07:00.123456+00', '2024-03-05 14:07:00.123456+00'],
  ['timestamptz', '-infinity', '-infinity'],
  ['jsonb', { b: 1, a: [true] }, '{"a": [true], "b": 1}'],
  ['jsonb', 'str', '"str"'],
  ['text[]', ['a', null, ''], '{a,NULL,""}'],
];

describe('encodeCellText', () => {
  it.each(ok)('%s %j -> %j', (kind, value, expected) => {
    expect(encodeCellText(value, kind)).toBe(expected);
  });

  it.each<[ColumnKind, unknown, RegExp]>([
    ['uuid', '0190C7E2-8F5A-7CC2-9D3E-4B1A2C3D4E5F', /lower-case hyphenated uuid/],
    ['uuid', '0190c7e28f5a7cc29d3e4b1a2c3d4e5f', /lower-case hyphenated uuid/],
    ['text', 1, /expected a string, got 1/],
    ['int', 1.5, /expected a safe integer, got 1.5/],
    ['int', 2 ** 53, /expected a safe integer/],
    ['int', '1', /expected a safe integer, got "1"/],
    ['numeric', Number.NaN, /numbers must be finite, got NaN/],
    ['numeric', Number.NEGATIVE_INFINITY, /numbers must be finite, got -Infinity/],
    ['numeric', '007', /plain decimal string/],
    ['numeric', '1e5', /plain decimal string/],
    ['numeric', '.5', /plain decimal string/],
    ['numeric', 'NaN', /plain decimal string/],
    ['numeric', ' 1', /plain decimal string/],
    ['bool', 'true', /expected a boolean/],
    ['bool', 1, /expected a boolean/],
    ['date', '2024-03-05T00:00:00Z', /'YYYY-MM-DD'/],
    ['date', '05/03/2024', /'YYYY-MM-DD'/],
    ['timestamptz', '2024-03-05T14:07:00.000Z', /UTC timestamp as PostgreSQL prints it/],
    ['timestamptz', '2024-03-05 14:07:00.120+00', /without trailing zeros/],
    ['timestamptz', '2024-03-05 14:07:00+01', /UTC timestamp/],
    ['text[]', 'a', /expected an array of strings or nulls/],
    ['tsvector', 'fever:1', /expected a tsvector as PostgreSQL prints it/],
    ['tsvector', "'it's':1", /expected a tsvector as PostgreSQL prints it/],
    ['tsvector', ['fever'], /expected a tsvector/],
  ])('%s rejects %j', (kind, value, message) => {
    expect(() => encodeCellText(value as Exclude<CellValue, null>, kind)).toThrow(CellEncodeError);
    expect(() => encodeCellText(value as Exclude<CellValue, null>, kind)).toThrow(message);
  });
});
