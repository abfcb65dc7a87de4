import { describe, expect, it } from 'vitest';
import { CellEncodeError, encodeTextArray } from '../../src/encoders/index.js';

describe('encodeTextArray: array_out quoting', () => {
  it.each<[string, readonly (string | null)[], string]>([
    ['empty array', [], '{}'],
    ['plain elements', ['a', 'b'], '{a,b}'],
    ['empty string is quoted', [''], '{""}'],
    ['null element', [null], '{NULL}'],
    ['the word NULL in any case is quoted', ['NULL', 'null', 'Null', 'nULl'], '{"NULL","null","Null","nULl"}'],
    ['NULL as part of a word is not', ['NULLx', 'xnull', 'nul'], '{NULLx,xnull,nul}'],
    ['space', ['a b', ' ', ' lead', 'trail '], '{"a b"," "," lead","trail "}'],
    ['quote is escaped', ['x"y', '"'], String.raw`{"x\"y","\""}`],
    ['backslash is escaped', ['f\\g', '\\'], String.raw`{"f\\g","\\"}`],
    ['comma', ['c,d'], '{"c,d"}'],
    ['braces', ['{e}', '{', '}'], '{"{e}","{","}"}'],
    ['all six array whitespace characters', ['\t', '\n', '\r', '\v', '\f'], '{"\t","\n","\r","\v","\f"}'],
    ['other controls are not quoted', ['\u0001', '\u001f', '\u007f'], '{\u0001,\u001f,\u007f}'],
    ['unicode, including non-ASCII spaces, is not quoted', ['é', '😀', '中文', '\u00a0', '\u2028'], '{é,😀,中文,\u00a0,\u2028}'],
    ['other punctuation is not quoted', ["O'Brien", 'a;b', '[x]', '(y)', 'a:b'], "{O'Brien,a;b,[x],(y),a:b}"],
    ['mixed', ['a b', null, '', 'x'], '{"a b",NULL,"",x}'],
  ])('%s', (_name, value, expected) => {
    expect(encodeTextArray(value)).toBe(expected);
  });

  it('rejects non-string elements', () => {
    expect(() => encodeTextArray(['a', 1 as unknown as string])).toThrow(CellEncodeError);
    expect(() => encodeTextArray(['a', 1 as unknown as string])).toThrow('element [1]: expected a string or null, got 1');
  });
});
