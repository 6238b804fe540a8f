// Varints and a growable byte sink (pure).

/** Bytes that ByteSink.varint writes for `v`. */
export function varintLength(v: number): number {
  let n = 1;
  for (; v >= 128; n++) v = Math.floor(v / 128);
  return n;
}

const encoder = new TextEncoder();

export class ByteSink {
  buf: Uint8Array;
  length = 0;

  /** `capacity`: bytes to start with (it doubles when they do not suffice). */
  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Unsigned integer < 2^53, 7 bits a byte, low first. */
  varint(v: number): void {
    this.room(8);
    while (v >= 128) {
      this.buf[this.length++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.length++] = v;
  }

  u32(v: number): void {
    this.room(4);
    this.buf[this.length++] = v & 255;
    this.buf[this.length++] = (v >>> 8) & 255;
    this.buf[this.length++] = (v >>> 16) & 255;
    this.buf[this.length++] = (v >>> 24) & 255;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Text as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.length += encoder.encodeInto(s, this.buf.subarray(this.length)).written;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

export class ByteReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): number {
    let v = 0;
    let mult = 1;
    for (;;) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new Error('search index: truncated varint');
      v += (b & 127) * mult;
      if (b < 128) return v;
      mult *= 128;
    }
  }

  u32(): number {
    const b = this.buf;
    const p = (this.pos += 4) - 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }
}

export const u32At = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
