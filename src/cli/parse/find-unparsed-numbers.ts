/**
 * Numeric flags whose value did not parse: yargs turns `--patients abc` into NaN. Returns one
 * message per flag with the value as typed, read back from argv.
 */
export function findUnparsedNumbers(args: Record<string, unknown>, argv: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    // yargs sets both spellings of a dashed flag: report the dashed one only
    if (/[A-Z]/.test(key) || typeof value !== 'number' || !Number.isNaN(value)) continue;
    problems.push(`--${key}: expected a number, got ${JSON.stringify(rawValue(key, argv) ?? String(value))}`);
  }
  return problems;
}

function rawValue(key: string, argv: readonly string[]): string | undefined {
  let found: string | undefined;
  argv.forEach((token, i) => {
    if (token === `--${key}`) found = argv[i + 1];
    else if (token.startsWith(`--${key}=`)) found = token.slice(key.length + 3);
  });
  return found;
}
