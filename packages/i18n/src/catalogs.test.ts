import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES, ORGANIZER_LANGUAGES, pickLanguage, translatorFor } from './index';

/**
 * The catalogs' contract, run by `npm test` and so by CI: every language has exactly English's keys
 * (nothing missing, nothing left over), the same {{placeholders}}, every plural form its language
 * needs; every key is used in the code, and every key the code uses exists. Keys are always written
 * out whole in the code (`t('ticket.venue')`, never built from parts), which is what makes the
 * unused-key check possible.
 */

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') {
    out.set(prefix, value);
    return out;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>))
    for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  return out;
}

const flat = Object.fromEntries(LANGUAGES.map((lang) => [lang, flatten(catalogs[lang])]));
const baseKeys = (lang: (typeof LANGUAGES)[number]) =>
  new Set([...flat[lang]!.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCE_DIRS = ['apps/api/src', 'apps/web/src', 'packages/contracts/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const code = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir)))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

describe('the catalogs', () => {
  it.each(LANGUAGES.filter((lang) => lang !== 'en'))('%s has exactly the English keys', (lang) => {
    // The organizer area is in English and German only: the others may leave it out (and fall back
    // to English), but what they have must be English's.
    const optional = (key: string) => !ORGANIZER_LANGUAGES.includes(lang) && key.startsWith('web.org.');
    const english = [...baseKeys('en')].filter((key) => !optional(key) || baseKeys(lang).has(key)).sort();
    expect([...baseKeys(lang)].sort()).toEqual(english);
  });

  it.each(LANGUAGES)('%s keeps every {{placeholder}} of the English text, and adds none', (lang) => {
    for (const [key, text] of flat[lang]!) {
      const base = key.replace(PLURAL_SUFFIX, '');
      const english = flat.en!.get(key) ?? flat.en!.get(`${base}_other`) ?? flat.en!.get(base) ?? '';
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english) });
    }
  });

  it.each(LANGUAGES)('%s has every plural form its language needs', (lang) => {
    const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const plurals = new Set(
      [...flat.en!.keys()]
        .filter((key) => PLURAL_SUFFIX.test(key))
        .map((key) => key.replace(PLURAL_SUFFIX, '')),
    );
    for (const base of plurals) {
      // The organizer area may be absent from a language it is not translated into (see above).
      if (!ORGANIZER_LANGUAGES.includes(lang) && base.startsWith('web.org.') && !baseKeys(lang).has(base))
        continue;
      for (const category of needed)
        expect(flat[lang]!.has(`${base}_${category}`), `${lang}: ${base}_${category}`).toBe(true);
    }
  });

  it.each(LANGUAGES)('%s has no empty text', (lang) => {
    for (const [key, text] of flat[lang]!) expect(text.trim(), `${lang}: ${key}`).not.toBe('');
  });

  it('every key is used in the code (write keys out whole)', () => {
    const unused = [...baseKeys('en')].filter(
      (key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`),
    );
    expect(unused).toEqual([]);
  });

  it('every key the code asks for exists', () => {
    const asked = [...code.matchAll(/\bt\(\s*['"]([a-z][\w]*(?:\.[\w]+)+)['"]/g)].map((m) => m[1] ?? '');
    const known = baseKeys('en');
    expect(asked.filter((key) => !known.has(key))).toEqual([]);
  });
});

describe('translatorFor', () => {
  it('translates, interpolates without escaping, and falls back to English', () => {
    expect(translatorFor('de')('ticket.attendee')).toBe('TEILNEHMER');
    expect(translatorFor('fr')('ticket.footer', { orderId: '<1>' })).toContain('Commande <1>');
    expect(translatorFor('es')('ticket.venue')).toBe('LUGAR');
  });
});

describe('pickLanguage', () => {
  it.each([
    [['de-AT', 'en'], 'de'],
    [['it', 'fr-CA'], 'fr'],
    [['ES'], 'es'],
    [['ja', 'zh'], 'en'],
    [[], 'en'],
  ] as const)('%j -> %s', (preferences, expected) => {
    expect(pickLanguage(preferences)).toBe(expected);
  });
});
