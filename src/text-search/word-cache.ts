/**
 * A hash table from words (runs of a text between whitespace) to what their parse gave, looked up
 * by the word's place in a text: no substring is cut, and no string hashed by the engine, for the
 * words that are found (all but a few, once a run is warm). Cutting each word and looking it up in
 * a Map was most of the cost of parsing a fresh note section.
 */
export class WordCache<T> {
  private words: (string | undefined)[];
  private hashes: Int32Array;
  private values: (T | undefined)[];
  private size = 0;

  constructor(private readonly limit: number) {
    this.words = new Array<string | undefined>(1024).fill(undefined);
    this.hashes = new Int32Array(1024);
    this.values = new Array<T | undefined>(1024).fill(undefined);
  }

  /** What was stored for text.slice(start, end), whose hashWord is `hash`. */
  get(text: string, start: number, end: number, hash: number): T | undefined {
    const mask = this.hashes.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.words[slot];
      if (word === undefined) return undefined;
      if (this.hashes[slot] === hash && word.length === length && text.startsWith(word, start)) return this.values[slot];
    }
  }

  set(word: string, hash: number, value: T): void {
    // Forget everything past the limit: a note's vocabulary comes back within a few patients.
    if (this.size >= this.limit) this.reset(this.hashes.length);
    if ((this.size + 1) * 2 > this.hashes.length) this.rehash();
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.words[slot] !== undefined) slot = (slot + 1) & mask;
    this.words[slot] = word;
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.size++;
  }

  private reset(capacity: number): void {
    this.words = new Array<string | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.size = 0;
  }

  private rehash(): void {
    const { words, hashes, values } = this;
    this.reset(hashes.length * 2);
    for (let i = 0; i < words.length; i++) if (words[i] !== undefined) this.set(words[i]!, hashes[i]!, values[i]!);
  }
}

/** FNV-1a over the UTF-16 code units of text[start, end): the hash WordCache expects. */
export function hashWord(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // fold the high bits in: the table indexes by the low ones
  return h ^ (h >>> 16);
}
