import { auditAppended } from './audit-appended.js';
import { noteSaved } from './note-saved.js';
import { taskClaimed } from './task-claimed.js';
import { taskCompleted } from './task-completed.js';
import { vitalSignRecorded } from './vital-sign-recorded.js';
import type { WriteOperation } from './write-operation.js';

/** Every built-in write, by name: what a workload mix can name beside catalog reads. */
export const WRITE_OPERATIONS: readonly WriteOperation[] = [vitalSignRecorded, noteSaved, taskClaimed, taskCompleted, auditAppended];

export function writeOperation(name: string): WriteOperation | undefined {
  return WRITE_OPERATIONS.find((op) => op.name === name);
}
