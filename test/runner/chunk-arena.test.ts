import { describe, expect, it } from 'vitest';
import { ByteBuilder } from '../../src/runner/byte-builder.js';
import { createArenaCarver, recycleChunkArena } from '../../src/runner/chunk-arena.js';

// A carver of its own per use, as each sink has: layouts are per carver.
const createChunkArena = (sizes: readonly number[]) => createArenaCarver()(sizes);

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('createArenaCarver', () => {
  it('carves one allocation above malloc\'s largest mmap threshold into disjoint regions of twice each size', () => {
    const regions = createChunkArena([0, 100_000, 5_000_000]);
    const arena = regions[0]!.buffer;
    expect(regions.every((region) => region.buffer === arena)).toBe(true);
    expect(regions[0]!.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(arena.byteLength).toBeGreaterThan(32 * 1024 * 1024);
    expect(regions[1]!.length).toBeGreaterThanOrEqual(200_000);
    expect(regions[2]!.length).toBeGreaterThanOrEqual(10_000_000);
    for (let i = 1; i < regions.length; i++) {
      expect(regions[i]!.byteOffset).toBeGreaterThanOrEqual(regions[i - 1]!.byteOffset + regions[i - 1]!.length);
    }
    const last = regions.at(-1)!;
    expect(last.byteOffset + last.length).toBeLessThanOrEqual(arena.byteLength);
  });

  it('sizes the arena to the regions when they need more than the floor', () => {
    const regions = createChunkArena([30_000_000, 20_000_000]);
    expect(regions[0]!.length).toBeGreaterThanOrEqual(60_000_000);
    expect(regions[1]!.length).toBeGreaterThanOrEqual(40_000_000);
  });

  it('writes the next chunk into an arena given back, at the same offsets, while every output still fits', () => {
    const carve = createArenaCarver();
    const first = carve([100_000, 2_000_000]);
    first[1]![0] = 0x2a;
    recycleChunkArena(first[0]!.buffer);
    const second = carve([120_000, 2_500_000]);
    expect(second[0]!.buffer === first[0]!.buffer).toBe(true);
    expect(second.map((r) => [r.byteOffset, r.length])).toEqual(first.map((r) => [r.byteOffset, r.length]));
    expect(second[1]![0]).toBe(0x2a);
    // not given back: a new arena
    expect(carve([120_000, 2_500_000])[0]!.buffer === first[0]!.buffer).toBe(false);
  });

  it('lays regions out anew, in a new arena, when an output outgrows its region', () => {
    const carve = createArenaCarver();
    const first = carve([100_000, 2_000_000]);
    recycleChunkArena(first[0]!.buffer);
    const grown = carve([100_000, 40_000_000]);
    expect(grown[1]!.length).toBeGreaterThanOrEqual(80_000_000);
    expect(grown[0]!.buffer === first[0]!.buffer).toBe(false);
  });

  it('keeps only arenas, not the small buffers a region overflowed into', () => {
    const carve = createArenaCarver();
    const small = new ArrayBuffer(4096);
    recycleChunkArena(small);
    expect(carve([10])[0]!.buffer === small).toBe(false);
  });
});

describe('ByteBuilder with a region', () => {
  it('writes into the region, and the bytes of neighbouring builders stay apart', () => {
    const [a, b] = createChunkArena([10, 10]);
    const first = new ByteBuilder(undefined, a);
    const second = new ByteBuilder(undefined, b);
    first.text('tab\there é');
    second.text('other');
    first.byte(0x0a);
    const one = first.take();
    const two = second.take();
    expect(one.buffer === two.buffer).toBe(true);
    expect(decode(one)).toBe('tab\there é\n');
    expect(decode(two)).toBe('other');
  });

  it('moves to a buffer of its own, bytes intact, when the region fills up', () => {
    // a region as small as a chunk arena's never is, so that it fills up
    const region = Buffer.alloc(4096);
    const builder = new ByteBuilder(undefined, region);
    const line = `${'x'.repeat(999)}\u00e9\n`;
    let expected = '';
    for (let i = 0; i < 200; i++) {
      builder.text(line);
      expected += line;
    }
    const bytes = builder.take();
    // compared by identity, not toBe: a failing toBe would diff two huge buffers
    expect(bytes.buffer === region.buffer).toBe(false);
    expect(decode(bytes) === expected).toBe(true);
  });

  it('hands out a fresh empty array when nothing was written, so a transfer never detaches the arena', () => {
    const [region] = createChunkArena([0]);
    const bytes = new ByteBuilder(undefined, region).take();
    expect(bytes.byteLength).toBe(0);
    expect(bytes.buffer === region!.buffer).toBe(false);
  });
});
