import { createHash } from 'node:crypto';

/**
 * A digest of a set of COPY text lines that does not depend on their order: the sum, modulo 2^64,
 * of each line's first 8 bytes of SHA-256. The user's tables have their own keys (bigint, composite,
 * none at all), so there is no order both sides can be read in; a sum of row hashes compares the
 * rows as a multiset instead. Only the `keep` columns (by position) take part.
 */
export class RowSetDigest {
  private sum = 0n;
  rows = 0;
  private carry = '';

  constructor(private readonly keep: readonly number[]) {}

  /** Feeds COPY text; lines may be split across calls. */
  update(text: string): void {
    const lines = (this.carry + text).split('\n');
    this.carry = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    const fields = line.split('\t');
    const kept = this.keep.map((i) => fields[i]).join('\t');
    this.sum = (this.sum + createHash('sha256').update(kept).digest().readBigUInt64BE(0)) & 0xffffffffffffffffn;
    this.rows++;
  }

  finish(): string {
    if (this.carry !== '') {
      this.line(this.carry);
      this.carry = '';
    }
    return this.sum.toString(16).padStart(16, '0');
  }
}
