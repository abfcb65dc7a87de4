/**
 * Moves label positions (px along one axis) apart until neighbours are at least `gap` apart,
 * keeping their order and staying within [min, max]; returned in the input's order. Used for
 * threshold labels, which otherwise overprint when two budgets are close.
 */
export function spreadLabels(positions: readonly number[], gap: number, min: number, max: number): number[] {
  const order = positions.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value || a.index - b.index);
  const placed = order.map((item) => item.value);
  for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i]!, placed[i - 1]! + gap);
  const overflow = (placed[placed.length - 1] ?? min) - max;
  if (overflow > 0) {
    placed[placed.length - 1] = max;
    for (let i = placed.length - 2; i >= 0; i--) placed[i] = Math.min(placed[i]!, placed[i + 1]! - gap);
  }
  for (let i = 0; i < placed.length; i++) placed[i] = Math.max(min, placed[i]!);
  const result = new Array<number>(positions.length);
  order.forEach((item, i) => (result[item.index] = placed[i]!));
  return result;
}
