import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenText } from './tokenText';

describe('TokenText', () => {
  it('writes what joining the tokens with spaces would, across resets and growth (property)', () => {
    const text = new TokenText();
    const token = fc.string({ unit: fc.constantFrom('a', 'ß', '\uE100', '\uE102', '伟', '😀'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(token, { maxLength: 400 }), (tokens) => {
        text.reset();
        for (const each of tokens) text.add(each);
        expect(text.toString()).toBe(tokens.join(' '));
      }),
      { numRuns: 200 },
    );
  });

  it('writes slices with a mark and an end, and tokens of single code units', () => {
    const text = new TokenText();
    text.reset();
    text.addSlice(0xe100, 'agnes', 0, 3);
    text.addSlice(0, 'agnes', 1, 5, 0xe102);
    text.addUnits(0x61);
    text.addUnits(0x61, 0x62, 0x63, 0x64);
    expect(text.toString()).toBe('\uE100agn gnes\uE102 a abcd');
  });

  it('holds one person with very long fields', () => {
    const text = new TokenText();
    const long = 'x'.repeat(100_000);
    text.reset();
    text.add('first');
    text.addSlice(0xe101, long, 0, long.length);
    expect(text.toString()).toBe(`first \uE101${long}`);
    text.reset();
    expect(text.toString()).toBe('');
  });
});
