import type { Vocabulary } from '../vocabulary.js';
import { HEADINGS } from './compose-note.js';
import type { PhraseValues } from './phrase-template.js';

// Every value a phrase placeholder can take (see documents.ts noteSubject and compose-note.ts
// valuesFor). Numbers only ever reach the `simple` dictionary, so one of each shape is enough.
function placeholderValues(vocabulary: Vocabulary): Record<keyof PhraseValues, readonly string[]> {
  const labs = vocabulary.labs;
  return {
    age: ['39', '7'],
    sex: ['female', 'male'],
    pronoun: ['he', 'she', 'they'],
    dx: [...vocabulary.diagnoses.map((d) => d.display.toLowerCase()), 'general medical examination'],
    med: vocabulary.medications.map((m) => m.display.toLowerCase()),
    lab: labs.map((lab) => lab.display.toLowerCase()),
    value: ['5', '5.4', '0.25', '-1', '120'],
    unit: [...new Set(labs.map((lab) => lab.unit))],
    days: ['5', '12'],
    provider: vocabulary.names.family.map((name) => `Dr. ${name}`),
  };
}

/**
 * Texts that together hold every word a note's title and body can contain, for building the
 * lexeme fixture (scripts: npm run fixtures:text-search). Tokens never cross whitespace in this
 * text, so a phrase contributes its literal words, and each placeholder the whitespace-free chunk
 * around it filled with every value it can take ("({med})" -> "(lisinopril)", "{med}-induced").
 * Titles are the document type alone or with a visit reason; headings are fixed.
 */
export function noteTextSources(vocabulary: Vocabulary): string[] {
  const values = placeholderValues(vocabulary);
  const texts: string[] = [...Object.values(HEADINGS)];
  for (const type of vocabulary.documentTypes) {
    texts.push(type.display);
    for (const diagnosis of vocabulary.diagnoses) texts.push(`${type.display}: ${diagnosis.display}`);
  }
  for (const dx of values.dx) texts.push(`Follow-up of ${dx}.`);
  const phrases = [...Object.values(vocabulary.notePhrases.sections), ...Object.values(vocabulary.notePhrases.byDiagnosis)].flat();
  for (const phrase of phrases) {
    texts.push(phrase.replace(/\{\w+\}/g, ' '));
    for (const chunk of phrase.split(/\s+/)) {
      const slots = [...chunk.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      if (slots.length === 0) continue;
      // Each slot of the chunk takes every value while the others keep their first.
      for (const slot of slots) {
        for (const value of values[slot as keyof PhraseValues]) {
          texts.push(chunk.replace(/\{(\w+)\}/g, (_, name: string) => (name === slot ? value : values[name as keyof PhraseValues][0]!)));
        }
      }
    }
  }
  return texts;
}
