/**
 * Writes a tsvector's text form (`'lexeme':1,4 'other':2`) as bytes into one reused buffer and
 * decodes it once: one flat string per vector. Building it with `+=` made three small strings per
 * lexeme and a rope the COPY encoder then had to flatten (a tenth of search-vector time, measured
 * on the baseline profile's notes).
 */
export class VectorTextWriter {
  private bytes = Buffer.allocUnsafeSlow(16 * 1024);
  private length = 0;
  private ascii = true;

  /** The UTF-8 bytes of one lexeme's `'lexeme':`, after a blank unless first; `ascii` if all are below 0x80. */
  prefix(bytes: Uint8Array, ascii: boolean): void {
    this.room(bytes.length + 1);
    if (this.length > 0) this.bytes[this.length++] = 0x20;
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
    if (!ascii) this.ascii = false;
  }

  /** A position after the prefix (`1`) or after another (`,4`). */
  position(value: number, first: boolean): void {
    this.room(6);
    const out = this.bytes;
    let at = this.length;
    if (!first) out[at++] = 0x2c;
    // positions are 1..16383: at most five digits
    if (value >= 10000) out[at++] = 0x30 + Math.floor(value / 10000);
    if (value >= 1000) out[at++] = 0x30 + (Math.floor(value / 1000) % 10);
    if (value >= 100) out[at++] = 0x30 + (Math.floor(value / 100) % 10);
    if (value >= 10) out[at++] = 0x30 + (Math.floor(value / 10) % 10);
    out[at++] = 0x30 + (value % 10);
    this.length = at;
  }

  /** The text written so far, and a fresh start. */
  take(): string {
    const text = this.bytes.toString(this.ascii ? 'latin1' : 'utf8', 0, this.length);
    this.length = 0;
    this.ascii = true;
    return text;
  }

  private room(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.length + extra, this.bytes.length * 2));
    this.bytes.copy(next, 0, 0, this.length);
    this.bytes = next;
  }
}
