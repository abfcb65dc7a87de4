/** One slice of a run: contiguous patient ranges, so several processes or machines can share a job. */
export interface Shard {
  /** 1-based, as written on the command line. */
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 1, count: 1 };

/** Parses "K/N" (1 <= K <= N). Returns a problem message instead of throwing, for collection. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `shard: must be written K/N, e.g. 2/4, got "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    return `shard: K must be between 1 and N, got ${index}/${count}; e.g. --shard 1/${Math.max(count, 1)}`;
  }
  return { index, count };
}

/** The patient range [start, end) of a shard: contiguous and covering everything when unioned. */
export function shardRange(shard: Shard, patients: number): [number, number] {
  const start = Math.floor((patients * (shard.index - 1)) / shard.count);
  const end = Math.floor((patients * shard.index) / shard.count);
  return [start, end];
}
