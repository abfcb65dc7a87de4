/** Maps a domain linearly onto pixels; a degenerate domain maps to the range's start. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** Pixel coordinates with two decimals: enough for any screen, and short, stable output. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}
