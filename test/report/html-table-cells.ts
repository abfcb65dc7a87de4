/** The cells of one `<table data-table="id">` of a rendered report, text unescaped, header row first. */
export function tableCells(html: string, id: string): string[][] {
  const table = new RegExp(`<table data-table="${id}">([^]*?)</table>`).exec(html);
  if (!table) throw new Error(`no table ${id} in the report`);
  return [...table[1]!.matchAll(/<tr>([^]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[dh][^>]*>([^]*?)<\/t[dh]>/g)].map((cell) => unescape(cell[1]!)));
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/**
 * Whether a displayed number ("1,234.5", "0.85%") is the figure rounded to the decimals it shows:
 * the check that the table says what the JSON says, at the precision it prints.
 */
export function showsFigure(text: string, figure: number, scale = 1): boolean {
  const cleaned = text.replace(/,/g, '').replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return false;
  const decimals = cleaned.split('.')[1]?.length ?? 0;
  return Math.abs(Number(cleaned) - figure * scale) <= 0.5 * 10 ** -decimals + 1e-9;
}
