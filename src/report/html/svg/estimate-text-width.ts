// Average advance of a sans-serif glyph in ems; a bit generous, so estimated labels never collide.
const AVERAGE_EM = 0.6;

/** The width in px a label takes at fontSize, estimated without a browser (SVG text has no measuring). */
export function estimateTextWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * AVERAGE_EM;
}

/** The label cut to fit maxWidth with an ellipsis (the full text goes into a <title>). */
export function truncateText(text: string, maxWidth: number, fontSize: number): string {
  const chars = Array.from(text);
  const fits = Math.max(1, Math.floor(maxWidth / (fontSize * AVERAGE_EM)));
  return chars.length <= fits ? text : `${chars.slice(0, Math.max(1, fits - 1)).join('')}…`;
}
