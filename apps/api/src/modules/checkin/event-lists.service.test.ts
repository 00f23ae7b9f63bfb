import { describe, expect, it } from 'vitest';
import { toListSearch } from './event-lists.service';

describe('toListSearch', () => {
  it('is empty without search text', () => {
    expect(toListSearch(undefined)).toEqual({});
  });

  it('matches any part of names and emails, with LIKE wildcards taken literally', () => {
    expect(toListSearch('ada')).toEqual({ pattern: '%ada%', code: undefined });
    expect(toListSearch('100%_\\x')).toEqual({ pattern: '%100\\%\\_\\\\x%', code: undefined });
  });

  it('also looks the text up as a ticket code when it can be one', () => {
    expect(toListSearch('abcd efgh')).toEqual({ pattern: '%abcd efgh%', code: 'ABCD-EFGH' });
  });
});
