// 32-bit string hashing for deriving identifiers and seeds from names. Pure integer math, so it
// gives the same result on every machine and engine.

/** FNV-1a over UTF-16 code units, finished with a murmur3 avalanche. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return avalanche(h);
}

/** Mixes several 32-bit integers into one well-distributed 32-bit value. */
export function hashInts(a: number, b: number, c = 0, d = 0): number {
  let h = avalanche((a ^ 0x9e3779b9) >>> 0);
  h = avalanche((h ^ Math.imul(b | 0, 0x85ebca6b)) >>> 0);
  h = avalanche((h ^ Math.imul(c | 0, 0xc2b2ae35)) >>> 0);
  h = avalanche((h ^ Math.imul(d | 0, 0x27d4eb2f)) >>> 0);
  return h;
}

function avalanche(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
