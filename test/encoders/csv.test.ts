import { describe, expect, it } from 'vitest';
import { CellEncodeError, encodeCsvHeader, encodeCsvRow, escapeCsvField } from '../../src/encoders/index.js';
import { TRICKY_KINDS, TRICKY_ROWS } from './tricky-rows.js';

describe('escapeCsvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', '""'],
    ['mid space', 'mid space'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['l1\nl2', '"l1\nl2"'],
    ['cr\r', '"cr\r"'],
    ['crlf\r\n', '"crlf\r\n"'],
    [' lead', '" lead"'],
    ['trail ', '"trail "'],
    ['\ttab', '"\ttab"'],
    ['in\tside', 'in\tside'],
    ['\\.', '"\\."'],
    ['\\.x', '\\.x'],
    ['\\N', '\\N'],
    ['back\\slash', 'back\\slash'],
    ['é😀中文', 'é😀中文'],
    ['\u0001\u007f', '\u0001\u007f'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeCsvField(input)).toBe(expected);
  });

  it('rejects U+0000', () => {
    expect(() => escapeCsvField('a\u0000,b')).toThrow(CellEncodeError);
  });
});

describe('encodeCsvRow', () => {
  it('distinguishes NULL (empty, unquoted) from the empty string ("")', () => {
    expect(encodeCsvRow([null, '', null], ['text', 'text', 'text'])).toBe(',"",\n');
  });

  it('quotes arrays and jsonb, doubling their quotes', () => {
    const row = ['a,b', '', null, 1, true, { b: 'x"y', a: 1.5 }, ['a', 'b c', null, '']];
    expect(encodeCsvRow(row, ['text', 'text', 'text', 'int', 'bool', 'jsonb', 'text[]'])).toBe(
      '"a,b","",,1,t,"{""a"": 1.5, ""b"": ""x\\""y""}","{a,""b c"",NULL,""""}"\n',
    );
  });

  it('writes the tricky rows', () => {
    const lines = TRICKY_ROWS.map((r) => encodeCsvRow(r.row, TRICKY_KINDS));
    const ID = '0190c7e2-8f5a-7cc2-9d3e-4b1a2c3d4e5f';
    expect(lines[0]).toBe(`${ID},,,,,,,,\n`);
    expect(lines[1]).toBe(`${ID},"",0,0,f,2024-02-29,2024-03-05 14:07:00+00,{},{}\n`);
    expect(lines[2]).toBe(`${ID},\\N,-1,0.00,t,infinity,-infinity,[],"{NULL,""NULL"",""null""}"\n`);
    expect(lines[3]).toBe(
      `${ID},"a\tb\nc\rd\\e\bf\fg\vh",9007199254740991,0.00000015,t,0001-01-01,2024-03-05 14:07:00.123456+00,"""x\\ty""","{""t\tab"",""new\nline""}"\n`,
    );
  });

  it('names the column of a bad cell', () => {
    expect(() => encodeCsvRow([true, 'yes'], ['bool', 'bool'])).toThrow('column 1 (bool): expected a boolean, got "yes"');
  });
});

describe('encodeCsvHeader', () => {
  it('joins names with the field quoting rules', () => {
    expect(encodeCsvHeader(['id', 'given name', 'a,b', '', 'q"'])).toBe('id,given name,"a,b","","q"""\n');
  });
});
