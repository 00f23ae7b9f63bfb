import { describe, expect, it } from 'vitest';
import { createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';

describe('GET /api/organizations/{orgId}/events?sort=startsAt', () => {
  it('lists by event date, latest first, page after page', async () => {
    const t = buildTestApp();
    const world = await createWorld(t.app, t.database.db);
    const at = (days: number) => {
      const starts = new Date(Date.now() + days * 86_400_000);
      starts.setUTCMinutes(0, 0, 0);
      return { startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 3_600_000).toISOString() };
    };
    // Created in this order, dated in another.
    const titles = [
      ['Autumn', 90],
      ['Spring', 10],
      ['Summer', 50],
    ] as const;
    for (const [title, days] of titles)
      await createEvent(t.database.db, world, { input: { title, ...at(days) } });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await world.owner.get(
        `/api/organizations/${world.org.id}/events?sort=startsAt&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((event: { title: string }) => event.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Autumn', 'Summer', 'Spring']);
    const byCreation = await world.owner.get(`/api/organizations/${world.org.id}/events`);
    expect(byCreation.body.items.map((event: { title: string }) => event.title)).toEqual([
      'Summer',
      'Spring',
      'Autumn',
    ]);
    // An unknown order is ignored like any unknown parameter.
    const unknown = await world.owner.get(`/api/organizations/${world.org.id}/events?sort=title`);
    expect(unknown.status).toBe(200);
    expect(unknown.body.items.map((event: { title: string }) => event.title)).toEqual([
      'Summer',
      'Spring',
      'Autumn',
    ]);
  });
});
