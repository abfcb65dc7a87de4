/** Values a phrase may mention; see fixtures/note_phrases.json "_placeholders". Missing ones rule a phrase out. */
export interface PhraseValues {
  age: string;
  sex: string;
  pronoun: string;
  dx: string;
  med?: string;
  lab?: string;
  value?: string;
  unit?: string;
  days: string;
  provider: string;
}

/** A phrase split once into literal text and placeholder names, so filling it is a cheap join. */
export interface PhraseTemplate {
  readonly text: string;
  readonly parts: readonly string[];
  /** parts[i] is a placeholder name when isSlot[i]. */
  readonly isSlot: readonly boolean[];
  readonly slots: ReadonlySet<string>;
  readonly words: number;
}

export function compilePhrase(text: string): PhraseTemplate {
  const parts: string[] = [];
  const isSlot: boolean[] = [];
  const pattern = /\{(\w+)\}/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) {
      parts.push(text.slice(last, match.index));
      isSlot.push(false);
    }
    parts.push(match[1] as string);
    isSlot.push(true);
    last = match.index + match[0].length;
  }
  if (last < text.length) {
    parts.push(text.slice(last));
    isSlot.push(false);
  }
  return { text, parts, isSlot, slots: new Set(parts.filter((_, i) => isSlot[i])), words: text.split(/\s+/).filter(Boolean).length };
}

/** Whether every placeholder of the phrase has a value (a patient without medications gets no "{med}" phrase). */
export function canFill(template: PhraseTemplate, values: PhraseValues): boolean {
  for (const slot of template.slots) if (values[slot as keyof PhraseValues] === undefined) return false;
  return true;
}

export function fillPhrase(template: PhraseTemplate, values: PhraseValues): string {
  let out = '';
  for (let i = 0; i < template.parts.length; i++) {
    const part = template.parts[i] as string;
    out += template.isSlot[i] ? (values[part as keyof PhraseValues] ?? part) : part;
  }
  return out;
}
