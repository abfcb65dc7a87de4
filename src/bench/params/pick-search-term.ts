import { pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';

// English stop words of 5+ letters: plainto_tsquery('english', ...) drops them, so they match nothing.
const STOP_WORDS = new Set(
  'about above after again against because before being below between doing during further having itself myself other ourselves should their theirs themselves there these those through under until where which while would yours yourself yourselves'.split(' '),
);

/**
 * The words a search could use: whitespace-separated tokens that, once sentence punctuation is
 * stripped, are 5+ letters and no stop word. Tokens with inner punctuation or digits are left out:
 * PostgreSQL's parser reads "basophils/100" as one file-path token and "well-controlled" as a
 * compound, so their parts may not be lexemes of the note.
 */
export function searchableWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.toLowerCase().split(/\s+/)) {
    const word = token.replace(/^[("'\[]+/, '').replace(/[.,;:!?)"'\]]+$/, '');
    if (/^[a-z]{5,}$/.test(word) && !STOP_WORDS.has(word)) words.push(word);
  }
  return words;
}

/** In how many texts each searchable word occurs. */
export function countDocumentFrequency(texts: readonly string[]): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(searchableWords(text))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  return frequency;
}

/** The rarest word of `text` across the sample (ties broken by the stream), or undefined when it has none. */
export function pickRareWord(text: string, frequency: ReadonlyMap<string, number>, random: Random): string | undefined {
  const words = [...new Set(searchableWords(text))].sort();
  if (words.length === 0) return undefined;
  const rarest = Math.min(...words.map((word) => frequency.get(word) ?? 0));
  return pick(random, words.filter((word) => (frequency.get(word) ?? 0) === rarest));
}
