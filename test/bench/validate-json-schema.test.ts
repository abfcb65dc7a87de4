import { describe, expect, it } from 'vitest';
import { BENCH_ROLES } from '../../src/bench/catalog/query-spec.js';
import { PLAN_FLAG_KINDS } from '../../src/bench/measure/flag-plan.js';
import { DRAW_KINDS } from '../../src/bench/params/draw-kinds.js';
import { BENCH_FORMAT, BENCH_FORMATS } from '../../src/bench/report/bench-report.js';
import { BENCH_JSON_SCHEMA } from '../../src/bench/report/validate-bench-json.js';
import { validateJsonSchema, type JsonSchema } from '../../src/bench/report/validate-json-schema.js';

describe('validateJsonSchema', () => {
  const schema: JsonSchema = {
    type: 'object',
    required: ['n', 'tags'],
    additionalProperties: false,
    properties: {
      n: { type: 'integer', minimum: 1 },
      tags: { type: 'array', items: { enum: ['a', 'b'] } },
      maybe: { type: ['string', 'null'] },
      ref: { $ref: '#/$defs/thing' },
    },
    $defs: { thing: { type: 'object', required: ['x'] } },
  };

  it('accepts a conforming value', () => {
    expect(validateJsonSchema({ n: 2, tags: ['a'], maybe: null, ref: { x: 1 } }, schema)).toEqual([]);
  });

  it('names every violation with its path', () => {
    expect(validateJsonSchema({ n: 0.5, tags: ['c'], extra: true, ref: {} }, schema)).toEqual([
      '$.n: must be integer, got 0.5',
      '$.tags[0]: must be one of "a", "b", got "c"',
      '$.extra: property is not allowed',
      '$.ref: property "x" is required',
    ]);
    expect(validateJsonSchema({}, schema)).toEqual(['$: property "n" is required', '$: property "tags" is required']);
  });

  it('refuses a schema keyword it does not check', () => {
    expect(() => validateJsonSchema('x', { type: 'string', pattern: '^x$' } as JsonSchema)).toThrow(/keyword "pattern" is not supported/);
  });
});

describe('the bench.json schema', () => {
  const defs = BENCH_JSON_SCHEMA.$defs!;
  it('lists the same roles, draws and plan flags as the code', () => {
    const query = defs.query!.properties!;
    expect(query.role!.enum).toEqual([...BENCH_ROLES]);
    expect(query.draw!.enum).toEqual([...DRAW_KINDS]);
    expect(defs.modeResult!.properties!.plan!.properties!.flags!.items!.properties!.kind!.enum).toEqual([...PLAN_FLAG_KINDS]);
    expect(BENCH_JSON_SCHEMA.properties!.format!.enum).toEqual([...BENCH_FORMATS]);
    expect(BENCH_FORMATS.at(-1)).toBe(BENCH_FORMAT);
  });
});
