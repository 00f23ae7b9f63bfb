import { describe, expect, it } from 'vitest';
import { codeFromName } from './analytics.service';
import { describeSource, referrerDomain, sourceOf } from './visitor-source';

describe('sourceOf', () => {
  const own = 'tickets.example.com';
  it('prefers the tracking link, then the campaign, then another site', () => {
    expect(sourceOf({ ref: 'Poster', utm: { source: 'x' }, referrer: 'https://a.org/' }, own)).toBe(
      'ref:poster',
    );
    expect(sourceOf({ utm: { source: 'News|letter', campaign: 'Spring' } }, own)).toBe(
      'utm:news/letter||spring',
    );
    expect(sourceOf({ referrer: 'https://www.a.org/page' }, own)).toBe('referrer:a.org');
    expect(sourceOf({ referrer: 'https://tickets.example.com/events/x' }, own)).toBe('direct');
    expect(sourceOf({ referrer: 'android-app://com.x' }, own)).toBe('direct');
    expect(sourceOf({}, own)).toBe('direct');
  });

  it('reads referrer domains and names sources for reports', () => {
    expect(referrerDomain('not a url')).toBeUndefined();
    expect(describeSource('ref:poster', new Map([['poster', 'Poster']]))).toEqual({
      kind: 'tracking_link',
      source: 'poster',
      name: 'Poster',
    });
    expect(describeSource('utm:newsletter|email|', new Map())).toEqual({
      kind: 'campaign',
      source: 'newsletter / email',
      name: 'newsletter',
    });
    expect(describeSource('direct', new Map()).name).toBe('Direct');
  });
});

describe('codeFromName', () => {
  it('makes a short code of a name', () => {
    expect(codeFromName('Spring newsletter')).toBe('spring-newsletter');
    expect(codeFromName('Café Été 2027!')).toBe('cafe-ete-2027');
    expect(codeFromName('!!!')).toBe('link');
  });
});
