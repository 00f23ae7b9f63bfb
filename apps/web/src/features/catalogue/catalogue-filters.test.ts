import { describe, expect, it } from 'vitest';
import {
  type CatalogueFilters,
  hasActiveFilters,
  NO_FILTERS,
  priceCurrencyOf,
  readFilters,
  toSearchParams,
  toServerQuery,
  writeFilters,
} from './catalogue-filters';

const options = { q: '', location: '', timeZone: 'Europe/Berlin', priceCurrency: null };

describe('catalogue filters in the address bar', () => {
  it('round-trips every filter, so a filtered view can be shared', () => {
    const filters: CatalogueFilters = {
      q: 'jazz',
      from: '2027-01-01',
      to: '2027-01-31',
      category: 'music',
      location: 'Leipzig',
      when: 'this-weekend',
      currency: 'EUR',
      minPrice: 10,
      maxPrice: 49.5,
      isOnlineOnly: true,
    };
    const params = writeFilters(filters);
    expect(params.toString()).toBe(
      'q=jazz&from=2027-01-01&to=2027-01-31&category=music&location=Leipzig&when=this-weekend' +
        '&currency=EUR&min=10&max=49.5&online=1',
    );
    expect(readFilters(params)).toEqual(filters);
  });

  it('writes nothing for no filters, and reads junk as no filter', () => {
    expect(writeFilters(NO_FILTERS).toString()).toBe('');
    expect(hasActiveFilters(NO_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...NO_FILTERS, isOnlineOnly: true })).toBe(true);
    expect(
      readFilters(
        new URLSearchParams(
          'from=tomorrow&min=-3&max=abc&category=jazz&when=someday&currency=eur&online=yes',
        ),
      ),
    ).toEqual(NO_FILTERS);
  });

  it('trims the text filters and keeps a location to 100 characters', () => {
    expect(writeFilters({ ...NO_FILTERS, q: '  a b ', location: '  Bern ' }).toString()).toBe(
      'q=a+b&location=Bern',
    );
    expect(readFilters(new URLSearchParams(`location=${'x'.repeat(150)}`)).location).toHaveLength(100);
  });
});

describe('the server query', () => {
  it('sends category, place, "when" in the viewer’s zone and online events only', () => {
    const query = toServerQuery(
      { ...NO_FILTERS, category: 'conference', when: 'this-weekend', isOnlineOnly: true },
      { ...options, q: ' jazz ', location: ' Leipzig ' },
    );
    expect(query).toEqual({
      q: 'jazz',
      category: 'conference',
      kind: 'online',
      location: 'Leipzig',
      when: 'this-weekend',
      tz: 'Europe/Berlin',
    });
    expect(toSearchParams(query).toString()).toBe(
      'category=conference&kind=online&location=Leipzig&q=jazz&tz=Europe%2FBerlin&when=this-weekend',
    );
  });

  it('sends prices in minor units of one currency, and none while the currency is unknown', () => {
    const filters = { ...NO_FILTERS, minPrice: 10, maxPrice: 49.5 };
    expect(toServerQuery(filters, options)).toEqual({});
    expect(toServerQuery(filters, { ...options, priceCurrency: 'EUR' })).toEqual({
      currency: 'EUR',
      minPrice: 1000,
      maxPrice: 4950,
    });
    // Yen have no minor units: 500 yen is 500.
    expect(toServerQuery({ ...NO_FILTERS, maxPrice: 500 }, { ...options, priceCurrency: 'JPY' })).toEqual({
      currency: 'JPY',
      maxPrice: 500,
    });
    // An upside-down range keeps its lower bound (the form says what is wrong).
    expect(
      toServerQuery({ ...NO_FILTERS, minPrice: 50, maxPrice: 10 }, { ...options, priceCurrency: 'EUR' }),
    ).toEqual({ currency: 'EUR', minPrice: 5000 });
    // A chosen currency alone lists the events sold in it.
    expect(toServerQuery({ ...NO_FILTERS, currency: 'CHF' }, options)).toEqual({ currency: 'CHF' });
  });

  it('turns the viewer’s days into an instant range', () => {
    const query = toServerQuery({ ...NO_FILTERS, from: '2027-01-01', to: '2027-01-31' }, options);
    expect(Date.parse(query.to ?? '') - Date.parse(query.from ?? '')).toBeGreaterThan(30 * 86_400_000);
  });
});

describe('the price currency', () => {
  it('is the chosen one, else the only one events sell in, else none', () => {
    expect(priceCurrencyOf({ currency: 'USD' }, { currencies: ['EUR', 'USD'] })).toBe('USD');
    expect(priceCurrencyOf({ currency: null }, { currencies: ['EUR'] })).toBe('EUR');
    expect(priceCurrencyOf({ currency: null }, { currencies: ['EUR', 'USD'] })).toBeNull();
    expect(priceCurrencyOf({ currency: null }, undefined)).toBeNull();
  });
});
