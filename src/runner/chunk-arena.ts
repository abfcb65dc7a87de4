/**
 * Above this size glibc's malloc always maps fresh pages and unmaps them on free: its dynamic mmap
 * threshold rises with every freed mapping, but never past 32 MB on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX).
 */
const ALWAYS_MAPPED = 33 * 1024 * 1024;
const PAGE = 4096;
const MIN_REGION = 64 * 1024;

/** Where each output's region lies in an arena of `length` bytes. */
interface Layout {
  readonly regions: readonly number[];
  readonly length: number;
}

/**
 * One allocation per chunk, carved into a region per output (table or resource type), each sized
 * at least twice what that output needed at most so far. Why: chunk buffers of a few MB each,
 * allocated in a worker and freed on the main thread, land in malloc's arenas once its mmap
 * threshold has risen, and freed arena memory stays resident: measured at 10x, the load's RSS sat
 * at ~200 MB and ~180 MB while only the index builds ran. One allocation above the threshold is a
 * mapping of its own: only the pages written become resident (a region's untouched tail costs
 * address space, not memory), and the whole chunk goes back to the kernel when its last view is
 * collected, unless its consumer gives it back (recycleChunkArena).
 *
 * Each kind of chunk (one carver per sink) keeps its layout for as long as every output still
 * fits twice over: a recycled arena is then written at the same offsets as before, so the pages
 * it keeps resident stay about one chunk's worth instead of spreading over the whole mapping.
 */
export function createArenaCarver(): (sizes: readonly number[]) => Buffer[] {
  let layout: Layout | undefined;
  return (sizes) => {
    const wanted = sizes.map((size) => Math.max(MIN_REGION, size * 2));
    if (!layout || !fits(layout, wanted)) layout = planLayout(wanted);
    const arena = takeArena(layout.length);
    let offset = 0;
    return layout.regions.map((size) => {
      const region = arena.subarray(offset, offset + size);
      offset += size;
      return region;
    });
  };
}

function fits(layout: Layout, wanted: readonly number[]): boolean {
  return layout.regions.length === wanted.length && wanted.every((want, i) => want <= layout.regions[i]!);
}

function planLayout(wanted: readonly number[]): Layout {
  const needed = wanted.reduce((sum, size) => sum + size, 0) + PAGE * wanted.length;
  const length = Math.max(ALWAYS_MAPPED, needed);
  // Slack up to the mapping's floor is shared out: larger regions overflow less often.
  const scale = length / needed;
  return { regions: wanted.map((want) => Math.ceil((want * scale) / PAGE) * PAGE), length };
}

/**
 * Arenas given back by the thread that consumed their chunk (see returnChunk), to write the next
 * chunk into. Why: the pages of a fresh arena are mapped on first write, and on this VM that costs
 * ~22 µs per 4 kB page, about a fifth of generation's CPU; an arena written before is resident
 * already. A worker keeps one: a seed gives each chunk back before it takes the next, so one
 * arena is written while another is sent; a second given back meanwhile is dropped, and its mapping
 * goes back to the kernel when collected. The cost: an arena keeps the pages each output ever
 * wrote at most, ~15-18 MB at 10x against ~6 MB for a chunk's bytes (measured in
 * /proc/PID/smaps), for generation a third cheaper (10x, one worker: 68.9 s -> 48.6 s CPU).
 */
const recycled: ArrayBuffer[] = [];
const POOL_LIMIT = 1;

/** Keeps an arena for a later chunk; other buffers (a region's overflow) are left to the collector. */
export function recycleChunkArena(arena: ArrayBuffer): void {
  if (arena.byteLength >= ALWAYS_MAPPED && recycled.length < POOL_LIMIT) recycled.push(arena);
}

function takeArena(length: number): Buffer {
  const fits = recycled.findIndex((arena) => arena.byteLength >= length);
  if (fits >= 0) return Buffer.from(recycled.splice(fits, 1)[0] as ArrayBuffer);
  // Layouts only grow, so an arena too small now stays too small.
  recycled.length = 0;
  return Buffer.allocUnsafeSlow(length);
}
