import { describe, expect, it } from 'vitest';
import { hashWord, WordCache } from '../../src/text-search/word-cache.js';
import { VectorTextWriter } from '../../src/text-search/vector-text-writer.js';

describe('WordCache', () => {
  it('finds a word by its place in a text, and only that word', () => {
    const cache = new WordCache<number>(100);
    cache.set('chest', hashWord('chest', 0, 5), 1);
    const text = 'no chest pain, chess';
    expect(cache.get(text, 3, 8, hashWord(text, 3, 8))).toBe(1);
    expect(cache.get(text, 15, 20, hashWord(text, 15, 20))).toBeUndefined();
    expect(cache.get(text, 3, 7, hashWord(text, 3, 7))).toBeUndefined();
  });

  it('tells apart words whose hashes collide, and keeps them all as it grows', () => {
    const cache = new WordCache<string>(10_000);
    // the same hash for every word: only the characters can tell them apart
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    for (const word of words) cache.set(word, 7, word.toUpperCase());
    for (const word of words) expect(cache.get(` ${word} `, 1, word.length + 1, 7)).toBe(word.toUpperCase());
    expect(cache.get('w3000', 0, 5, 7)).toBeUndefined();
  });

  it('forgets everything once it holds `limit` words', () => {
    const cache = new WordCache<number>(2);
    cache.set('a', hashWord('a', 0, 1), 1);
    cache.set('b', hashWord('b', 0, 1), 2);
    cache.set('c', hashWord('c', 0, 1), 3);
    expect(cache.get('a', 0, 1, hashWord('a', 0, 1))).toBeUndefined();
    expect(cache.get('c', 0, 1, hashWord('c', 0, 1))).toBe(3);
  });
});

describe('VectorTextWriter', () => {
  it('writes prefixes and positions as tsvectorout prints them, one vector per take', () => {
    const writer = new VectorTextWriter();
    writer.prefix(Buffer.from("'breath':"), true);
    for (const [i, position] of [1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 16383].entries()) writer.position(position, i === 0);
    writer.prefix(Buffer.from("'it''s':"), true);
    writer.position(3, true);
    expect(writer.take()).toBe("'breath':1,9,10,99,100,999,1000,9999,10000,16383 'it''s':3");
    writer.prefix(Buffer.from("'café':"), false);
    writer.position(2, true);
    expect(writer.take()).toBe("'café':2");
  });

  it('grows past its first buffer', () => {
    const writer = new VectorTextWriter();
    const parts: string[] = [];
    for (let i = 1; i <= 5000; i++) {
      writer.prefix(Buffer.from(`'w${i}':`), true);
      writer.position(i, true);
      parts.push(`'w${i}':${i}`);
    }
    expect(writer.take()).toBe(parts.join(' '));
  });
});
