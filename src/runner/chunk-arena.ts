/**
 * Above this size glibc's malloc always maps fresh pages and unmaps them on free: its dynamic mmap
 * threshold rises with every freed mapping, but never past 32 MB on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX).
 */
const ALWAYS_MAPPED = 33 * 1024 * 1024;
const PAGE = 4096;
const MIN_REGION = 64 * 1024;

/**
 * One allocation per chunk, carved into a region per output (table or resource type), each sized
 * twice what that output needed at most so far. Why: chunk buffers of a few MB each, allocated in a
 * worker and freed on the main thread, land in malloc's arenas once its mmap threshold has risen,
 * and freed arena memory stays resident: measured at 10x, the load's RSS sat at ~200 MB and ~180 MB
 * while only the index builds ran. One allocation above the threshold is a mapping of its own: only
 * the pages written become resident (a region's untouched tail costs address space, not memory),
 * and the whole chunk goes back to the kernel when its last view is collected.
 */
export function createChunkArena(sizes: readonly number[]): Buffer[] {
  const wanted = sizes.map((size) => Math.max(MIN_REGION, size * 2));
  const total = wanted.reduce((sum, size) => sum + size, 0);
  const arena = Buffer.allocUnsafeSlow(Math.max(ALWAYS_MAPPED, total + PAGE * wanted.length));
  // Slack up to the mapping's floor is shared out: larger regions overflow less often.
  const scale = arena.length / (total + PAGE * wanted.length);
  let offset = 0;
  return wanted.map((want) => {
    const size = Math.ceil((want * scale) / PAGE) * PAGE;
    const region = arena.subarray(offset, offset + size);
    offset += size;
    return region;
  });
}
