import { hashInts } from '../rng/hash.js';

// Which table an id belongs to; also keeps ids of different tables from ever colliding.
export const TABLE_TAGS = {
  organizations: 1,
  providers: 2,
  patients: 3,
  care_team_members: 4,
  encounters: 5,
  timeline_events: 6,
  documents: 7,
  tasks: 8,
  audit_logs: 9,
} as const;
export type TableName = keyof typeof TABLE_TAGS;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUID (version 8, "custom") that is a pure function of (run, table, owner index, sequence):
 *   bytes 0-3  owner index (the patient, provider or organization) plus a per-table offset, big-endian
 *   bytes 4-7  sequence within the owner plus a per-owner offset (28 bits around the version nibble)
 *   byte  8    variant bits + table tag
 *   bytes 9-15 hash bits, so ids look random past the prefix
 * Byte order equals generation order, so "ORDER BY id" is the canonical order that `verify`
 * checksums in, and any row's id can be computed without generating the row (audit logs point at
 * documents and encounters this way). Like UUIDv7, ids of one owner are adjacent in the index.
 */
export function deriveId(runHash: number, table: TableName, owner: number, sequence: number): string {
  const tag = TABLE_TAGS[table];
  const h1 = hashInts(runHash, tag, owner, sequence);
  const h2 = hashInts(h1, sequence, owner, tag);
  // Offsets keep the order but make ids look random rather than counting from zero:
  // 31 bits per (run, table) under the owner, 25 bits per owner under the sequence.
  owner = (owner + (hashInts(runHash, tag) & 0x7fffffff)) >>> 0;
  sequence = sequence + (hashInts(runHash, tag, owner) & 0x01ffffff);
  return (
    HEX[(owner >>> 24) & 0xff]! +
    HEX[(owner >>> 16) & 0xff]! +
    HEX[(owner >>> 8) & 0xff]! +
    HEX[owner & 0xff]! +
    '-' +
    HEX[(sequence >>> 20) & 0xff]! +
    HEX[(sequence >>> 12) & 0xff]! +
    '-' +
    HEX[0x80 | ((sequence >>> 8) & 0x0f)]! +
    HEX[sequence & 0xff]! +
    '-' +
    HEX[0x80 | tag]! +
    HEX[h1 & 0xff]! +
    '-' +
    HEX[(h1 >>> 8) & 0xff]! +
    HEX[(h1 >>> 16) & 0xff]! +
    HEX[(h1 >>> 24) & 0xff]! +
    HEX[h2 & 0xff]! +
    HEX[(h2 >>> 8) & 0xff]! +
    HEX[(h2 >>> 16) & 0xff]!
  );
}
