import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { createTtlCache } from './ttl-cache';

describe('createTtlCache', () => {
  it('answers an entry until ttlMs after it was stored (or after `since`), then forgets it', () => {
    const clock = new ManualClock('2030-01-01T00:00:00Z');
    const cache = createTtlCache<string, number>({ clock, ttlMs: 1_000, maxEntries: 10 });
    cache.set('a', 1);
    cache.set('b', 2, new Date(clock.now().getTime() - 600));
    clock.advance(399);
    expect([cache.get('a'), cache.get('b')]).toEqual([1, 2]);
    clock.advance(1);
    // Read 600 ms before it was stored: it expires 1 s after the read, not after the store.
    expect([cache.get('a'), cache.get('b')]).toEqual([1, undefined]);
    clock.advance(600);
    expect(cache.get('a')).toBeUndefined();
  });

  it('stores nothing with a ttl of 0, and drops the oldest entry past maxEntries', () => {
    const clock = new ManualClock();
    const off = createTtlCache<string, number>({ clock, ttlMs: 0, maxEntries: 10 });
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();

    const small = createTtlCache<string, number>({ clock, ttlMs: 1_000, maxEntries: 2 });
    small.set('a', 1);
    small.set('b', 2);
    small.set('b', 3);
    small.set('c', 4);
    expect([small.get('a'), small.get('b'), small.get('c')]).toEqual([undefined, 3, 4]);
  });

  it('deletes by key and by value', () => {
    const clock = new ManualClock();
    const cache = createTtlCache<string, { owner: string }>({ clock, ttlMs: 1_000, maxEntries: 10 });
    cache.set('a', { owner: 'x' });
    cache.set('b', { owner: 'y' });
    cache.set('c', { owner: 'x' });
    cache.deleteWhere((value) => value.owner === 'x');
    cache.delete('b');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, undefined]);
  });
});
