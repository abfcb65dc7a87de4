/** Orders jsonb object keys as PostgreSQL does: by UTF-8 byte length, then bytewise. */
export function compareJsonbKeys(a: string, b: string): number {
  const la = utf8Length(a);
  const lb = utf8Length(b);
  return la === lb ? compareUtf8(a, b) : la - lb;
}

// Scratch space for sortJsonbKeys: a sort finishes before any nested object is encoded.
const keyLengths: number[] = [];

/**
 * Sorts keys in place into jsonb order and returns them. Objects are small: an
 * insertion sort over precomputed byte lengths beats Array.prototype.sort with a
 * comparator that measures both keys on every call.
 */
export function sortJsonbKeys(keys: string[]): string[] {
  const n = keys.length;
  if (n < 2) return keys;
  if (n > 32) return keys.sort(compareJsonbKeys);
  for (let i = 0; i < n; i++) keyLengths[i] = utf8Length(keys[i]!);
  for (let i = 1; i < n; i++) {
    const key = keys[i]!;
    const length = keyLengths[i]!;
    let j = i - 1;
    for (; j >= 0; j--) {
      const other = keyLengths[j]!;
      if (other < length || (other === length && compareUtf8(keys[j]!, key) <= 0)) break;
      keys[j + 1] = keys[j]!;
      keyLengths[j + 1] = other;
    }
    keys[j + 1] = key;
    keyLengths[j + 1] = length;
  }
  return keys;
}

/** Bytes of the UTF-8 text Node writes; a lone surrogate becomes U+FFFD (3 bytes). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c <= 0xdbff && c >= 0xd800 && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 2; // 2 code units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

// Code point order is UTF-8 byte order; UTF-16 code unit order is not (surrogates vs U+E000..U+FFFF).
function compareUtf8(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = scalarAt(a, i);
    const y = scalarAt(b, j);
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

function scalarAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  if (c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (isLowSurrogate(d)) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return 0xfffd;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
