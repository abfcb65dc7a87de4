/**
 * Appends strings as UTF-8 into one growing buffer. Cheaper than building a long string and
 * encoding it at the end: no rope of small strings for the garbage collector to walk.
 */
export class ByteBuilder {
  private buffer: Buffer;
  private length = 0;

  constructor(private readonly initialSize = 64 * 1024) {
    this.buffer = Buffer.allocUnsafeSlow(initialSize);
  }

  append(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.length + text.length * 3 > this.buffer.length) this.grow(this.length + text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** The bytes so far, in a buffer of their own (transferable), and a fresh start. */
  take(): Uint8Array {
    const bytes = new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length);
    this.buffer = Buffer.allocUnsafeSlow(Math.max(this.initialSize, this.length));
    this.length = 0;
    return bytes;
  }

  private grow(needed: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }
}
