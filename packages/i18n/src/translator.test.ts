import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { I18N_OPTIONS, LANGUAGES, translatorFor } from './index';

// i18next's own fixed translator, the behaviour translatorFor keeps while skipping its per-call copying.
const reference = createInstance();
void reference.init({ ...I18N_OPTIONS, lng: 'en', initAsync: false });

describe('translatorFor', () => {
  it.each(LANGUAGES)('translates as i18next getFixedT does (%s)', (lang) => {
    const t = translatorFor(lang);
    const expected = reference.getFixedT(lang);
    const calls: Array<[string, Record<string, unknown>?]> = [
      ['email.reminder.badge'],
      ['email.common.greeting', { name: 'Ada <Lovelace>' }],
      ['email.reminder.inHours', { count: 1 }],
      ['email.reminder.inHours', { count: 3 }],
      ['email.common.yourTickets', { count: 2 }],
      // Unknown keys come back as themselves, as i18next does it.
      ['email.no.such.key'],
    ];
    for (const [key, options] of calls) {
      const got = options === undefined ? t(key) : t(key, options);
      expect(got).toBe(options === undefined ? expected(key) : expected(key, options));
      // Asked again (a remembered plain key), the same text.
      expect(options === undefined ? t(key) : t(key, options)).toBe(got);
    }
  });

  it('takes another language when the options name one, as getFixedT does', () => {
    expect(translatorFor('en')('email.reminder.badge', { lng: 'de' })).toBe('Erinnerung');
  });

  it('keeps the caller options object unchanged', () => {
    const options = { count: 2 };
    translatorFor('fr')('email.common.yourTickets', options);
    expect(options).toEqual({ count: 2 });
  });
});
