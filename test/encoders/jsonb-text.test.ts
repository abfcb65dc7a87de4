import { describe, expect, it } from 'vitest';
import { CellEncodeError, compareJsonbKeys, encodeJsonbText, type JsonValue } from '../../src/encoders/index.js';

describe('encodeJsonbText: layout as jsonb_out prints it', () => {
  it.each<[string, JsonValue, string]>([
    ['string scalar', 'abc', '"abc"'],
    ['integer', 42, '42'],
    ['negative zero prints as 0', -0, '0'],
    ['fraction', -1.5, '-1.5'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['JSON null', null, 'null'],
    ['empty object', {}, '{}'],
    ['empty array', [], '[]'],
    ['array', [1, 'a', null, true], '[1, "a", null, true]'],
    ['object', { a: 1, b: 'x' }, '{"a": 1, "b": "x"}'],
    ['nested empties', { a: {}, b: [] }, '{"a": {}, "b": []}'],
    ['nested arrays', [[], [[]], [1, [2, 3]]], '[[], [[]], [1, [2, 3]]]'],
    ['deep nesting', { a: [1, { b: { c: [null, {}] } }] }, '{"a": [1, {"b": {"c": [null, {}]}}]}'],
    ['array of objects', [{ b: 1, a: 2 }, {}], '[{"a": 2, "b": 1}, {}]'],
  ])('%s', (_name, value, expected) => {
    expect(encodeJsonbText(value)).toBe(expected);
  });
});

describe('encodeJsonbText: key order is byte length, then bytes', () => {
  it.each<[string, JsonValue, string]>([
    ['shorter keys first', { ccc: 3, bb: 2, a: 1 }, '{"a": 1, "bb": 2, "ccc": 3}'],
    ['length beats alphabet', { aaa: 1, b: 2, zz: 3 }, '{"b": 2, "zz": 3, "aaa": 1}'],
    ['upper case sorts before lower case', { b: 1, B: 2, a: 3, A: 4 }, '{"A": 4, "B": 2, "a": 3, "b": 1}'],
    ['empty key first', { a: 1, '': 0 }, '{"": 0, "a": 1}'],
    ['digits before letters', { a: 1, '1': 2, _: 3 }, '{"1": 2, "_": 3, "a": 1}'],
    // é is 2 UTF-8 bytes: it ties with "zz" on length and loses on bytes (0xC3 > 0x7A)
    ['non-ASCII counts its UTF-8 bytes', { 'é': 1, zzz: 4, zz: 2, a: 3 }, '{"a": 3, "zz": 2, "é": 1, "zzz": 4}'],
    ['4-byte emoji is longer than a 3-byte CJK char', { '😀': 1, '中': 2, ab: 3 }, '{"ab": 3, "中": 2, "😀": 1}'],
    // both 5 bytes; U+E000 < U+1F600 in UTF-8 although its UTF-16 unit 0xE000 > 0xD83D
    ['code point order, not UTF-16 order', { 'x😀': 1, 'x\ue000a': 2 }, '{"x\ue000a": 2, "x😀": 1}'],
    ['keys are sorted inside nested objects too', { z: { yy: 1, x: 2 }, a: [{ bb: 1, c: 2 }] }, '{"a": [{"c": 2, "bb": 1}], "z": {"x": 2, "yy": 1}}'],
  ])('%s', (_name, value, expected) => {
    expect(encodeJsonbText(value)).toBe(expected);
  });

  it('orders large objects (the Array.sort path) the same way', () => {
    const names = ['é', ...Array.from({ length: 40 }, (_, i) => `k${39 - i}`), 'a'];
    const object = Object.fromEntries(names.map((k) => [k, 0]));
    const expected = ['a', ...Array.from({ length: 10 }, (_, i) => `k${i}`), 'é', ...Array.from({ length: 30 }, (_, i) => `k${i + 10}`)];
    expect(encodeJsonbText(object)).toBe(`{${expected.map((k) => `"${k}": 0`).join(', ')}}`);
  });

  it('compareJsonbKeys orders as jsonb does', () => {
    expect(['bb', 'a', 'é', 'B', '', 'aa'].sort(compareJsonbKeys)).toEqual(['', 'B', 'a', 'aa', 'bb', 'é']);
  });
});

describe('encodeJsonbText: strings', () => {
  it.each<[string, string, string]>([
    ['quote and backslash', 'say "hi" \\ there', String.raw`"say \"hi\" \\ there"`],
    ['slash is not escaped', 'a/b', '"a/b"'],
    ['short escapes', '\n\t\r\b\f', String.raw`"\n\t\r\b\f"`],
    ['other controls as lower-case \\u00xx', '\u0001\u000b\u000e\u001a\u001f', String.raw`"\u0001\u000b\u000e\u001a\u001f"`],
    ['DEL is not escaped', '\u007f', '"\u007f"'],
    ['non-ASCII as-is', 'Renée 😀 中文 \u2028 \u00a0', '"Renée 😀 中文 \u2028 \u00a0"'],
    ['empty string', '', '""'],
  ])('%s', (_name, value, expected) => {
    expect(encodeJsonbText(value)).toBe(expected);
  });

  it('escapes keys like values', () => {
    expect(encodeJsonbText({ 'a"b': 1, 'c\nd': 2 })).toBe(String.raw`{"a\"b": 1, "c\nd": 2}`);
  });
});

describe('encodeJsonbText: numbers as numeric_out prints them', () => {
  it.each<[number, string]>([
    [0, '0'],
    [0.1, '0.1'],
    [123.456, '123.456'],
    [2 ** 53, '9007199254740992'],
    [1e20, '100000000000000000000'],
    [1e21, '1000000000000000000000'],
    [-2.5e25, '-25000000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-1e-10, '-0.0000000001'],
    [1.2345e-5, '0.000012345'],
  ])('%d -> %s', (value, expected) => {
    expect(encodeJsonbText(value)).toBe(expected);
    expect(encodeJsonbText([value])).toBe(`[${expected}]`);
  });
});

describe('encodeJsonbText: rejects what jsonb cannot store exactly', () => {
  it.each<[string, unknown, string]>([
    ['NaN', { a: [1, { b: Number.NaN }] }, 'at $.a[1].b: numbers must be finite, got NaN'],
    ['Infinity', [Number.POSITIVE_INFINITY], 'at $[0]: numbers must be finite, got Infinity'],
    ['undefined member', { a: undefined }, 'at $.a: expected a JSON value, got undefined'],
    ['array hole', [1, , 3], 'at $[1]: expected a JSON value, got undefined'],
    ['function', { f: () => 1 }, 'at $.f: expected a JSON value, got a function'],
    ['bigint', { n: 1n }, 'at $.n: expected a JSON value, got 1n'],
    ['Date', { when: new Date(0) }, 'at $.when: expected a plain object, got an object (Date)'],
    ['U+0000 in a value', { 'odd key': 'a\u0000' }, 'at $["odd key"]: strings cannot contain U+0000'],
    ['lone surrogate in a key', { k: { '\ud800': 1 } }, 'at $.k["\\ud800"]: object keys must be well-formed UTF-16'],
  ])('%s', (_name, value, message) => {
    expect(() => encodeJsonbText(value as JsonValue)).toThrow(CellEncodeError);
    expect(() => encodeJsonbText(value as JsonValue)).toThrow(message);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, JsonValue>, { b: 1, a: 2 });
    expect(encodeJsonbText(bare)).toBe('{"a": 2, "b": 1}');
  });
});
