import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from './searchFold';

describe('foldForSearch: one folding for the index and for queries', () => {
  it('ignores case and diacritics, and reads stroked letters and ligatures as plain ones', () => {
    expect(foldForSearch('Gómez')).toBe(foldForSearch('gomez'));
    expect(foldForSearch('Łukasz')).toBe(foldForSearch('lukasz'));
    expect(foldForSearch('MÜLLER')).toBe(foldForSearch('Müller'));
    expect(foldForSearch('Müller')).toBe('muller');
    expect(foldForSearch('Strauß')).toBe('strauss');
    expect(foldForSearch('Søren Ørsted')).toBe('soren orsted');
    expect(foldForSearch('Đorđe Þórsson')).toBe('dorde thorsson');
    expect(foldForSearch('Nguyễn')).toBe('nguyen');
    expect(foldForSearch('İstanbul')).toBe('istanbul');
  });

  it('folds other scripts alike and keeps what is not a diacritic', () => {
    expect(foldForSearch('ΠΑΠΑΔΌΠΟΥΛΟΣ')).toBe(foldForSearch('παπαδοπουλος'));
    expect(foldForSearch('Йорданов')).toBe(foldForSearch('йорданов'));
    expect(foldForSearch('김민준')).toBe('김민준'); // Hangul syllables come back whole
    expect(foldForSearch('王伟')).toBe('王伟');
    expect(foldForSearch('ＡＢＣ１')).toBe('abc1'); // full-width forms
  });

  it('makes every run of whitespace one space and drops invisible characters', () => {
    expect(foldForSearch('  Ana \t\n Lee  ')).toBe('ana lee');
    expect(foldForSearch('a\u200bb\u00a0c\ue101')).toBe('ab c');
  });

  it('is idempotent, never leaves upper case, double spaces or private-use characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const folded = foldForSearch(text);
        expect(foldForSearch(folded)).toBe(folded);
        expect(folded).toBe(folded.trim());
        expect(folded).not.toMatch(/\s\s|[A-Z]|[\ue000-\uf8ff]/u);
      }),
      { numRuns: 500 },
    );
  });
});
