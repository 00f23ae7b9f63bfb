import { describe, expect, it } from 'vitest';
import { slugCandidates, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Fête de la Musique 2027!', 'fete-de-la-musique-2027'],
    ['Crème Brûlée Café', 'creme-brulee-cafe'],
    ['Ñandú São Paulo', 'nandu-sao-paulo'],
    ['  Hello,   World!!!  ', 'hello-world'],
    ['Rock & Roll: Live @ The O2 (2027)', 'rock-roll-live-the-o2-2027'],
    ['already-a-slug', 'already-a-slug'],
    ['UPPER_case__under', 'upper-case-under'],
    ['--dashes--everywhere--', 'dashes-everywhere'],
    ['ﬁnal ＡＢＣ', 'final-abc'],
    ['100% Jazz', '100-jazz'],
    ['../../etc/passwd', 'etc-passwd'],
  ])('%j -> %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('only ever yields lowercase letters, digits and single inner dashes', () => {
    for (const input of [
      'Ünïcödé — “quotes” ‘and’ emoji 🎉🎉',
      "'; DROP TABLE events; --",
      'a\u0000b\tc\nd',
    ]) {
      expect(slugify(input)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  it('keeps at most 60 characters and never ends with a dash', () => {
    const long = slugify('word '.repeat(50));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^word(-word)*$/);
    // The cut lands right after a separator: the dash it leaves is trimmed.
    const cut = slugify(`${'a'.repeat(59)} bcd`);
    expect(cut).toBe('a'.repeat(59));
    expect(slugify('x'.repeat(500))).toBe('x'.repeat(60));
  });

  it.each(['', '   ', '!!!', '🎉🎊', '日本語のイベント', 'a', '-', 'é'])(
    'falls back when fewer than two usable characters remain (%j)',
    (input) => {
      expect(slugify(input)).toBe('item');
      expect(slugify(input, 'event')).toBe('event');
    },
  );

  it('accepts two characters', () => {
    expect(slugify('ab', 'event')).toBe('ab');
  });
});

describe('slugCandidates', () => {
  it('starts with the base and adds distinct short random suffixes', () => {
    const candidates = slugCandidates('summer-fest');
    expect(candidates).toHaveLength(6);
    expect(candidates[0]).toBe('summer-fest');
    for (const candidate of candidates.slice(1)) expect(candidate).toMatch(/^summer-fest-[0-9a-f]{6}$/);
    expect(new Set(candidates).size).toBe(candidates.length);
  });

  it('honours the number of attempts', () => {
    expect(slugCandidates('x', 1)).toEqual(['x']);
    const many = slugCandidates('x', 50);
    expect(many).toHaveLength(50);
    expect(new Set(many).size).toBe(50);
  });

  it('differs from one call to the next', () => {
    expect(slugCandidates('x')[1]).not.toBe(slugCandidates('x')[1]);
  });
});
