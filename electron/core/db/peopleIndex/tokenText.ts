/**
 * The index's text for one person, written as UTF-16 code units into a buffer reused from one
 * person to the next and made a string once at the end. A sync indexes every person (500,000
 * at the limit we design for) with about ninety tokens each: a string per token, joined, cost
 * more than working out the tokens.
 *
 * Tokens are separated by a space; no token holds one (the index writes ASCII other than
 * letters and digits as private-use characters).
 */
export class TokenText {
  private units = new Uint16Array(1024);
  /** The same memory as bytes, for Node's UTF-16 decoder. */
  private bytes = Buffer.from(this.units.buffer);
  private length = 0;

  reset(): void {
    this.length = 0;
  }

  /** A whole token. */
  add(token: string): void {
    this.begin(token.length);
    for (let i = 0; i < token.length; i++) this.units[this.length++] = token.charCodeAt(i);
  }

  /** `mark` (a code unit, 0 for none), then text[from, to), then `end` (0 for none). */
  addSlice(mark: number, text: string, from: number, to: number, end = 0): void {
    this.begin(to - from + 2);
    if (mark !== 0) this.units[this.length++] = mark;
    for (let i = from; i < to; i++) this.units[this.length++] = text.charCodeAt(i);
    if (end !== 0) this.units[this.length++] = end;
  }

  /** A token of up to four code units (unused ones -1). */
  addUnits(a: number, b = -1, c = -1, d = -1): void {
    this.begin(4);
    this.units[this.length++] = a;
    if (b !== -1) this.units[this.length++] = b;
    if (c !== -1) this.units[this.length++] = c;
    if (d !== -1) this.units[this.length++] = d;
  }

  toString(): string {
    return this.bytes.toString('utf16le', 0, this.length * 2);
  }

  /** Room for a separator and `units` more; the separator itself before every token but the first. */
  private begin(units: number): void {
    if (this.length + units + 1 > this.units.length) {
      const grown = new Uint16Array(Math.max(this.units.length * 2, this.length + units + 1));
      grown.set(this.units.subarray(0, this.length));
      this.units = grown;
      this.bytes = Buffer.from(grown.buffer);
    }
    if (this.length > 0) this.units[this.length++] = 0x20;
  }
}
