import { closestName } from './closest-name.js';

const UNKNOWN = /^Unknown arguments?: (.+)$/;
const MISSING_VALUE = /^Not enough arguments following: (.+)$/;
const MISSING_REQUIRED = /^Missing required arguments?: (.+)$/;
const RECOMMEND = /^Did you mean (.+)\?$/;
const CHOICE = /Argument: (\S+), Given: (.+), Choices: (.+)/g;

const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);

/**
 * Rewrites yargs' terse usage messages into ones that name the flag and the fix: a typo gets the
 * closest known flag, a flag without a value is told what value it takes.
 */
export function describeUsageError(message: string, knownOptions: readonly string[], argv: readonly string[]): string {
  const unknown = UNKNOWN.exec(message);
  if (unknown) {
    const names = unknown[1]!.split(', ');
    // yargs also reports the camelCase alias it made of a misspelled --kebab-flag: one typo, one line
    const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return names
      .filter((name) => kebab(name) === name || !names.includes(kebab(name)))
      .map((name) => {
        // a bare word is a command or positional nobody asked for, not a flag
        if (argv.includes(name)) return `unexpected argument "${name}": this command takes no positional arguments`;
        // yargs reads --no-x as "x set to false" and reports x: name the flag as it was typed
        const typed = !argv.some((token) => token === flag(name) || token.startsWith(`${flag(name)}=`)) && argv.some((token) => token.split('=')[0] === `--no-${name}`) ? `no-${name}` : name;
        const suggestion = closestName(typed, knownOptions.filter((known) => known.length > 1));
        return `unknown flag ${flag(typed)}${suggestion ? `: did you mean ${flag(suggestion)}?` : ''}`;
      })
      .join('\n');
  }
  const missingValue = MISSING_VALUE.exec(message);
  if (missingValue) return `${flag(missingValue[1]!)} needs a value, e.g. ${flag(missingValue[1]!)} <value>`;
  const missing = MISSING_REQUIRED.exec(message);
  if (missing) return missing[1]!.split(', ').map((name) => `${flag(name)} is required`).join('\n');
  const recommend = RECOMMEND.exec(message);
  if (recommend) return `unknown command: did you mean ${recommend[1]}?`;
  const choices = [...message.matchAll(CHOICE)];
  if (choices.length > 0) return choices.map(([, name, given, allowed]) => `${flag(name!)}: ${given} is not one of ${allowed}`).join('\n');
  return message;
}
