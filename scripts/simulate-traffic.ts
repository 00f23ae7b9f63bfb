/**
 * Simulated visitors for an event, through the public HTTP API of a running server: page views from
 * several sources (two tracking links, a newsletter campaign, two referring sites, direct), ticket
 * selections, holds, abandoned holds, purchases with the test card, and check-ins at the door. Every
 * chart of the organizer's analytics page then has something to show.
 *
 *   npm start                                   (in another terminal; TRUST_PROXY=loopback lets each
 *                                                visitor have an address of its own)
 *   npm run simulate:traffic -- nightfall-jazz-festival [visitors]
 *
 * SIMULATE_URL (default http://localhost:3000), SIMULATE_EMAIL and SIMULATE_PASSWORD (default: the
 * demo organizer printed by `npm start`) say where and as whom.
 */
import { randomInt } from 'node:crypto';

const BASE = process.env.SIMULATE_URL ?? 'http://localhost:3000';
const EMAIL = process.env.SIMULATE_EMAIL ?? 'demo@z-events.local';
const PASSWORD = process.env.SIMULATE_PASSWORD ?? 'demo-organizer-2026';
const TEST_CARD = '4242424242424242';

interface PublicTicketType {
  id: string;
  name: string;
  available: number;
  maxPerOrder: number;
}

interface Organizer {
  headers: Record<string, string>;
}

type Json = Record<string, unknown>;

async function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${BASE}${path}`, {
      ...init,
      headers,
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
    });
    // The hold limit per address (without TRUST_PROXY every visitor shares one): wait and go on.
    if (res.status === 429 && attempt < 3) {
      const seconds = Number(res.headers.get('retry-after') ?? 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 10) * 1000));
      continue;
    }
    return res;
  }
}

async function logIn(): Promise<Organizer> {
  const login = await call('/api/auth/login', { method: 'POST', json: { email: EMAIL, password: PASSWORD } });
  if (!login.ok) throw new Error(`login as ${EMAIL} failed: ${login.status} ${await login.text()}`);
  // Cookies by name, the latest one of a name winning (login and the CSRF endpoint both set zevents_csrf).
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', ...value] = pair.split('=');
      jar.set(name, value.join('='));
    }
  };
  keep(login);
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const csrf = await call('/api/auth/csrf', { headers: { cookie: header() } });
  keep(csrf);
  const token = ((await csrf.json()) as { csrfToken?: string }).csrfToken ?? '';
  return { headers: { cookie: header(), 'x-csrf-token': token } };
}

const SOURCES: Array<{ weight: number; beacon: (links: string[]) => Json }> = [
  { weight: 30, beacon: () => ({}) },
  { weight: 20, beacon: (links) => ({ ref: links[0] }) },
  { weight: 10, beacon: (links) => ({ ref: links[1] }) },
  { weight: 15, beacon: () => ({ utm: { source: 'newsletter', medium: 'email', campaign: 'spring' } }) },
  { weight: 15, beacon: () => ({ referrer: 'https://www.instagram.com/' }) },
  { weight: 10, beacon: () => ({ referrer: 'https://news.example.org/what-to-do-this-month' }) },
];

function pickSource(): (typeof SOURCES)[number] {
  let roll = randomInt(100);
  for (const source of SOURCES) {
    if (roll < source.weight) return source;
    roll -= source.weight;
  }
  return SOURCES[0] as (typeof SOURCES)[number];
}

async function main(): Promise<void> {
  const [eventName, visitorsArg] = process.argv.slice(2);
  if (!eventName) throw new Error('usage: npm run simulate:traffic -- <event id or slug> [visitors]');
  const visitors = Number(visitorsArg ?? 300);
  const organizer = await logIn();
  const pageRes = await call(`/api/public/events/${encodeURIComponent(eventName)}`);
  if (!pageRes.ok) throw new Error(`no public event ${eventName}: ${pageRes.status}`);
  const page = (await pageRes.json()) as {
    id: string;
    slug: string;
    ticketTypes: PublicTicketType[];
    dates: Array<{ id: string }>;
  };
  const links: string[] = [];
  for (const name of ['Newsletter footer', 'Instagram bio']) {
    const created = await call(`/api/events/${page.id}/tracking-links`, {
      method: 'POST',
      headers: organizer.headers,
      json: { name },
    });
    const listed = created.ok
      ? ((await created.json()) as { code: string })
      : ((
          (await (
            await call(`/api/events/${page.id}/tracking-links`, { headers: organizer.headers })
          ).json()) as {
            items: Array<{ name: string; code: string }>;
          }
        ).items.find((link) => link.name === name) ?? { code: name.toLowerCase().replace(/\s+/g, '-') });
    links.push(listed.code);
  }

  const counts = { views: 0, selections: 0, holds: 0, abandoned: 0, paid: 0, checkedIn: 0 };
  const codes: string[] = [];
  for (let i = 0; i < visitors; i++) {
    const visitor = {
      'user-agent': `Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15 sim/${i}`,
      'x-forwarded-for': `198.51.100.${i % 250}, 203.0.113.${Math.floor(i / 250) % 250}`,
    };
    const source = pickSource().beacon(links);
    const beacon = (body: Json) =>
      call(`/api/public/events/${page.id}/views`, {
        method: 'POST',
        headers: { ...visitor, 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ path: `/events/${page.slug}`, ...source, ...body }),
      });
    await beacon({ step: 'view' });
    counts.views++;
    if (randomInt(100) >= 45) continue;
    await beacon({ step: 'select' });
    counts.selections++;
    if (randomInt(100) >= 65) continue;
    const type = page.ticketTypes[randomInt(page.ticketTypes.length)];
    if (!type) break;
    const hold = await call('/api/orders', {
      method: 'POST',
      headers: visitor,
      json: {
        eventId: page.id,
        items: [{ ticketTypeId: type.id, quantity: 1 + randomInt(Math.min(3, type.maxPerOrder)) }],
        buyer: { name: `Visitor ${i}`, email: `visitor-${Date.now()}-${i}@example.test` },
        ...(page.dates.length > 0 ? { dateId: page.dates[randomInt(page.dates.length)]?.id } : {}),
      },
    });
    if (hold.status !== 201) continue;
    counts.holds++;
    const order = (await hold.json()) as { id: string; accessToken: string };
    await beacon({ step: 'details', orderId: order.id });
    if (randomInt(100) < 25) {
      await call(`/api/orders/${order.id}/cancel?token=${order.accessToken}`, {
        method: 'POST',
        headers: visitor,
      });
      counts.abandoned++;
      continue;
    }
    const paid = await call(`/api/orders/${order.id}/pay?token=${order.accessToken}`, {
      method: 'POST',
      headers: visitor,
      json: { card: TEST_CARD },
    });
    if (!paid.ok) continue;
    counts.paid++;
    const body = (await paid.json()) as { tickets?: Array<{ code: string }> };
    codes.push(...(body.tickets ?? []).map((ticket) => ticket.code));
  }
  for (const code of codes) {
    if (randomInt(100) >= 35) continue;
    const res = await call(`/api/events/${page.id}/check-ins`, {
      method: 'POST',
      headers: organizer.headers,
      json: { code },
    });
    if (res.ok) counts.checkedIn++;
  }
  console.log(`${page.slug}: ${JSON.stringify(counts)}`);
  console.log(`open ${BASE}/organizer/events/${page.id}/analytics (beacons count within a second)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
