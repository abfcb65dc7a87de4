type Utf8Buffer = Buffer & { utf8Write(text: string, offset: number): number };

// Buffer#utf8Write is what Buffer#write calls after normalising its arguments; calling it directly
// is several times cheaper per field. Fall back to the public method if a Node version lacks it.
if (typeof (Buffer.prototype as Partial<Utf8Buffer>).utf8Write !== 'function') {
  (Buffer.prototype as Utf8Buffer).utf8Write = function (this: Buffer, text: string, offset: number) {
    return this.write(text, offset, 'utf8');
  };
}

function allocate(size: number): Utf8Buffer {
  return Buffer.allocUnsafeSlow(size) as Utf8Buffer;
}

const EMPTY = allocate(0);

/**
 * Appends text as UTF-8 into one growing buffer, field by field: no line strings, no ropes of
 * small strings for the garbage collector, one allocation per chunk. Given a `region` (a slice of
 * a chunk arena, see createArenaCarver), it writes there first and allocates only if that fills up.
 */
export class ByteBuilder {
  private buffer: Utf8Buffer;
  private length = 0;

  constructor(
    private sizeHint = 64 * 1024,
    private region?: Buffer,
  ) {
    this.buffer = EMPTY;
  }

  text(value: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit; only near the end is the exact size worth
    // counting, so a buffer sized from the last chunk is not doubled (and copied) for a worst case
    // that ASCII text never reaches.
    if (this.length + value.length * 3 > this.buffer.length) {
      const bytes = Buffer.byteLength(value);
      if (this.length + bytes > this.buffer.length) this.grow(bytes);
    }
    this.length += this.buffer.utf8Write(value, this.length);
  }

  byte(value: number): void {
    if (this.length === this.buffer.length) this.grow(1);
    this.buffer[this.length++] = value;
  }

  /** What the next buffer will be sized to: the largest output so far plus a quarter. */
  get nextSize(): number {
    return this.sizeHint;
  }

  /**
   * The bytes so far and a fresh start. Their ArrayBuffer (transferable) is their own, or the
   * chunk arena the region came from, shared with the chunk's other outputs.
   */
  take(): Uint8Array {
    // Never hand out the shared empty buffer: a transfer would detach it.
    if (this.length === 0) return new Uint8Array(0);
    const bytes = new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.length);
    this.sizeHint = Math.max(this.sizeHint, this.length + (this.length >>> 2));
    // Allocated again on the next write, so idle tables hold no memory between chunks.
    this.buffer = EMPTY;
    this.length = 0;
    return bytes;
  }

  private grow(extra: number): void {
    if (this.region && this.length === 0 && this.region.length >= extra) {
      this.buffer = this.region as Utf8Buffer;
      this.region = undefined;
      return;
    }
    this.region = undefined;
    const next = allocate(Math.max(this.length + extra, this.buffer.length * 2, this.sizeHint));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }
}
