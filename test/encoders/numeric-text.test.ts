import { describe, expect, it } from 'vitest';
import { CellEncodeError, encodeNumericText } from '../../src/encoders/index.js';

describe('encodeNumericText', () => {
  it.each<[number, string]>([
    [0, '0'],
    [-0, '0'],
    [7, '7'],
    [-7, '-7'],
    [0.1, '0.1'],
    [-1.25, '-1.25'],
    [0.000001, '0.000001'],
    [2 ** 53, '9007199254740992'],
    [123456789012345680000, '123456789012345680000'],
    // String() switches to exponents here; numeric_in reads them and numeric_out never prints them
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [-1.2345e25, '-12345000000000000000000000'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [-2.5e-8, '-0.000000025'],
    [1.7976931348623157e308, `17976931348623157${'0'.repeat(292)}`],
    [5e-324, `0.${'0'.repeat(323)}5`],
  ])('%d -> %s', (value, expected) => {
    expect(encodeNumericText(value)).toBe(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %d', (value) => {
    expect(() => encodeNumericText(value)).toThrow(CellEncodeError);
  });
});
