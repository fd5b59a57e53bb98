/**
 * The set of distinct one- to three-character pieces of one person's text, keyed by their
 * UTF-16 code units. A sync indexes every person (500,000 of them at the limit we design
 * for): a JavaScript Set of strings spent more time here than SQLite spent writing, so this
 * is an open-addressing table over typed arrays, reused from one person to the next.
 */
export class PieceSet {
  private bits = 0;
  private low = new Int32Array(0);
  private high = new Int32Array(0);
  private stamp = new Int32Array(0);
  private generation = 0;

  /** Empties the set and makes room for up to `pieces` distinct pieces. */
  reset(pieces: number): void {
    let bits = 8;
    while (1 << bits < pieces * 2) bits += 1;
    if (bits > this.bits) {
      this.bits = bits;
      this.low = new Int32Array(1 << bits);
      this.high = new Int32Array(1 << bits);
      this.stamp = new Int32Array(1 << bits);
      this.generation = 0;
    }
    this.generation += 1;
  }

  /**
   * Adds the piece of code units a, b, c (unused ones 0) of kind `kind` (0–7: its length,
   * or another way of telling pieces apart); true when it was not there.
   */
  add(kind: number, a: number, b: number, c: number): boolean {
    const low = (a << 16) | b;
    const high = (c << 3) | kind;
    const mask = (1 << this.bits) - 1;
    let slot = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> (32 - this.bits);
    for (;;) {
      if (this.stamp[slot] !== this.generation) {
        this.stamp[slot] = this.generation;
        this.low[slot] = low;
        this.high[slot] = high;
        return true;
      }
      if (this.low[slot] === low && this.high[slot] === high) return false;
      slot = (slot + 1) & mask;
    }
  }
}
