import { defaultFixturesDir } from '../../fixtures/fixtures-dir.js';
import { formatFixtureIssue, type FixtureIssue } from '../../fixtures/fixture-error.js';
import { readNotePhrases } from '../../fixtures/read-note-phrases.js';
import { pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';

/** A telephone note's LOINC document type (fixtures/loinc_doctypes.csv). */
export const TELEPHONE_NOTE = { code: '34748-4', display: 'Telephone encounter Note' } as const;

interface TelephoneVocabulary {
  readonly titles: readonly string[];
  readonly phrases: readonly string[];
}

let cached: TelephoneVocabulary | undefined;

/** The generator's telephone-note titles and the phrases that need no patient facts (no {placeholder}). */
function telephoneVocabulary(): TelephoneVocabulary {
  if (cached) return cached;
  const issues: FixtureIssue[] = [];
  const phrases = readNotePhrases(defaultFixturesDir(), issues);
  if (!phrases) throw new Error(`note_phrases.json: ${issues.map(formatFixtureIssue).join('; ')}`);
  cached = {
    titles: phrases.header.titles[TELEPHONE_NOTE.code] ?? ['Telephone Note'],
    phrases: phrases.sections.telephone.filter((p) => !p.includes('{')),
  };
  return cached;
}

/** A short telephone note from the generator's vocabulary: a title and two or three phrases. */
export function composeWorkloadNote(random: Random): { title: string; body: string } {
  const { titles, phrases } = telephoneVocabulary();
  const count = 2 + Math.floor(random.next() * 2);
  const body = Array.from({ length: count }, () => pick(random, phrases)).join(' ');
  return { title: pick(random, titles), body };
}
