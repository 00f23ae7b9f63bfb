import type { AuditEntry, OrganizationProfile } from '@zevents/contracts';
import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/** The organization profile: its public page's texts and the origins that may embed its checkout. */

const { app, database } = buildTestApp();
let world: World;

beforeAll(async () => {
  world = await createWorld(app, database.db);
});

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}

const profilePath = () => `/api/organizations/${world.org.id}`;

describe('GET /api/organizations/{orgId}', () => {
  it('answers every member with the profile, empty until edited', async () => {
    for (const member of [world.owner, world.admin, world.staff]) {
      const res = await member.get(profilePath());
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({
        id: world.org.id,
        name: world.org.name,
        slug: world.org.slug,
        description: null,
        website: null,
        links: [],
        embedOrigins: [],
      } satisfies OrganizationProfile);
    }
  });

  it('is 404 for outsiders and unknown ids, 401 without credentials', async () => {
    expectProblem(await world.outsider.get(profilePath()), 404, 'NOT_FOUND');
    expectProblem(await world.owner.get(`/api/organizations/${world.outsiderOrg.id}`), 404, 'NOT_FOUND');
    expectProblem(
      await world.owner.get('/api/organizations/00000000-0000-4000-8000-000000000000'),
      404,
      'NOT_FOUND',
    );
    expectProblem(await world.owner.get('/api/organizations/not-a-uuid'), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get(profilePath()), 401, 'UNAUTHENTICATED');
  });
});

describe('PATCH /api/organizations/{orgId}', () => {
  it('saves the fields sent, lower-cases and deduplicates origins, and records who changed what', async () => {
    const res = await world.owner.patch(profilePath(), {
      description: '  Concerts by the sea.  ',
      website: 'https://harbour.example',
      links: [{ label: 'Instagram', url: 'https://instagram.com/harbour' }],
      embedOrigins: ['HTTPS://Shop.Example.com', 'https://shop.example.com', 'http://localhost:5173'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: world.org.id,
      name: world.org.name,
      description: 'Concerts by the sea.',
      website: 'https://harbour.example',
      links: [{ label: 'Instagram', url: 'https://instagram.com/harbour' }],
      embedOrigins: ['https://shop.example.com', 'http://localhost:5173'],
    });

    // An admin changes the name only: the rest stays.
    const renamed = await world.admin.patch(profilePath(), { name: 'Harbour Nights' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Harbour Nights', website: 'https://harbour.example' });
    expect((await world.staff.get(profilePath())).body).toMatchObject({ name: 'Harbour Nights' });

    // null clears; an empty description is none.
    const cleared = await world.owner.patch(profilePath(), { website: null, description: '' });
    expect(cleared.body).toMatchObject({ website: null, description: null });

    const log = await world.owner.get(`/api/organizations/${world.org.id}/audit-log`);
    const entries = (log.body as { items: AuditEntry[] }).items.filter(
      (entry) => entry.action === 'organization.update',
    );
    expect(entries).toHaveLength(3);
    expect(entries[1]).toMatchObject({
      targetType: 'organization',
      targetId: world.org.id,
      details: { fields: ['name'], name: { from: world.org.name, to: 'Harbour Nights' } },
    });
    expect(entries[2]?.details).toMatchObject({
      embedOrigins: { from: [], to: ['https://shop.example.com', 'http://localhost:5173'] },
    });
  });

  it('refuses bad values field by field with 400 VALIDATION_FAILED', async () => {
    const cases: Array<[unknown, string]> = [
      [{ description: 'x'.repeat(2001) }, 'description'],
      [{ website: 'ftp://files.example' }, 'website'],
      [{ website: 'not a url' }, 'website'],
      [
        { links: Array.from({ length: 9 }, (_, n) => ({ label: `L${n}`, url: 'https://a.example' })) },
        'links',
      ],
      [{ links: [{ label: '', url: 'https://a.example' }] }, 'links.0.label'],
      [{ links: [{ label: 'Evil', url: 'javascript:alert(1)' }] }, 'links.0.url'],
      [{ embedOrigins: ['https://shop.example.com/path'] }, 'embedOrigins.0'],
      [{ embedOrigins: ["https://a.example 'unsafe-inline'"] }, 'embedOrigins.0'],
      [{ embedOrigins: ['*'] }, 'embedOrigins.0'],
      [{ embedOrigins: Array.from({ length: 21 }, (_, n) => `https://s${n}.example`) }, 'embedOrigins'],
      [{ embedOrigins: 'https://a.example' }, 'embedOrigins'],
      [{ name: '' }, 'name'],
      [{ name: 42 }, 'name'],
      [{ slug: 'new-slug' }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await world.owner.patch(profilePath(), body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(
        (res.body as { errors: Array<{ path: string }> }).errors.map((error) => error.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const malformed = await world.owner
      .patch(profilePath())
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(malformed.status).toBe(400);
  });

  it('is 403 for staff, 404 for outsiders and foreign ids, 403 without the CSRF header', async () => {
    expectProblem(await world.staff.patch(profilePath(), { name: 'Staff rename' }), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.patch(profilePath(), { name: 'Take over' }), 404, 'NOT_FOUND');
    expectProblem(
      await world.owner.patch(`/api/organizations/${world.outsiderOrg.id}`, { name: 'Take over' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.owner.withoutCsrf().patch(profilePath(), { name: 'No CSRF' }),
      403,
      'CSRF_FAILED',
    );
    expect((await world.owner.get(profilePath())).body).not.toMatchObject({ name: 'Staff rename' });
  });

  it('an empty body changes nothing and records nothing', async () => {
    const before = (await world.owner.get(profilePath())).body as OrganizationProfile;
    const res = await world.owner.patch(profilePath(), {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(before);
  });
});
