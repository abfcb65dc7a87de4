import type { TargetTrigger } from './target-catalog.js';

/** An enabled trigger that fires on INSERT, so on every row COPY loads (UPDATE or DELETE triggers stay quiet). */
export function firesOnInsert(trigger: TargetTrigger): boolean {
  // pg_get_triggerdef: CREATE TRIGGER name BEFORE INSERT OR UPDATE ON table ...; the events precede ON
  return trigger.enabled && /\bINSERT\b/.test(trigger.definition.split(' ON ')[0] ?? '');
}
