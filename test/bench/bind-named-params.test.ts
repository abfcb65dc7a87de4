import { describe, expect, it } from 'vitest';
import { bindNamedParams } from '../../src/bench/catalog/bind-named-params.js';

describe('bindNamedParams', () => {
  it('numbers each name once, in order of first use', () => {
    expect(bindNamedParams('SELECT :a, :b, :a')).toEqual({ text: 'SELECT $1, $2, $1', names: ['a', 'b'] });
  });

  it('leaves casts, strings, quoted identifiers and comments alone', () => {
    const sql = `SELECT :id::uuid, ':not', "x:y", now()::date -- :nor
/* :neither */ FROM t WHERE a=:at_time`;
    expect(bindNamedParams(sql)).toEqual({
      text: `SELECT $1::uuid, ':not', "x:y", now()::date -- :nor
/* :neither */ FROM t WHERE a=$2`,
      names: ['id', 'at_time'],
    });
  });

  it('handles doubled quotes inside strings', () => {
    expect(bindNamedParams("SELECT 'it''s :x', :y").names).toEqual(['y']);
  });
});
