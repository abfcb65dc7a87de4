import { CellEncodeError } from './cell-encode-error.js';

/**
 * The text PostgreSQL's numeric_out prints for a JS number, used for `numeric`
 * cells and for numbers inside `jsonb`.
 *
 * The digits are the shortest round-trip digits of `String(n)`. PostgreSQL reads
 * those as an exact decimal and never prints exponents, so exponent forms are
 * written out in full: numeric_in sets the scale to (mantissa fraction digits -
 * exponent), at least 0, which is exactly the plain expansion below. -0 prints as 0.
 *
 * @example encodeNumericText(1.5)    // '1.5'
 * @example encodeNumericText(1e21)   // '1000000000000000000000'
 * @example encodeNumericText(1.5e-7) // '0.00000015'
 */
export function encodeNumericText(value: number): string {
  if (!Number.isFinite(value)) {
    throw new CellEncodeError(`numbers must be finite, got ${value}; NaN and Infinity have no exact JSON/numeric text here`);
  }
  const text = String(value);
  const e = text.indexOf('e');
  return e === -1 ? text : expandExponent(text, e);
}

function expandExponent(text: string, e: number): string {
  const negative = text.charCodeAt(0) === 45; // '-'
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // where the decimal point lands, counted in digits from the left
  const point = (dot === -1 ? mantissa.length : dot) + exponent;
  let body: string;
  if (point <= 0) body = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) body = digits + '0'.repeat(point - digits.length);
  else body = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}
