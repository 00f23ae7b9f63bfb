/**
 * Simulated visitors for an event, through the public HTTP API of a running server: page views from
 * several sources (two tracking links, a newsletter campaign, two referring sites, direct), ticket
 * selections, holds (some with a promo code), abandoned holds, purchases with the test card, and
 * check-ins at the door. Every chart of the organizer's analytics page then has something to show.
 * `npm run simulate:traffic` runs it against a server; the analytics tests run it against theirs and
 * recompute every figure from the rows it left.
 */
import { randomInt } from 'node:crypto';

const TEST_CARD = '4242424242424242';

export interface SimulationOptions {
  /** The server, e.g. http://localhost:3000. */
  baseUrl: string;
  /** An organizer of the event's organization (creates the links and the promo code, checks in). */
  email: string;
  password: string;
  /** The event's id or slug. */
  event: string;
  visitors: number;
  /** The code some buyers enter (created at 10% off when the event has none by that name). */
  promoCode?: string;
}

export interface SimulationCounts {
  views: number;
  selections: number;
  holds: number;
  abandoned: number;
  paid: number;
  checkedIn: number;
  withPromoCode: number;
}

export interface SimulationResult {
  eventId: string;
  slug: string;
  counts: SimulationCounts;
  trackingLinkCodes: string[];
}

interface PublicTicketType {
  id: string;
  name: string;
  available: number;
  maxPerOrder: number;
}

type Json = Record<string, unknown>;
type Call = (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;

function caller(baseUrl: string): Call {
  return async function call(path, init = {}) {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${baseUrl}${path}`, {
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
  };
}

async function logIn(call: Call, email: string, password: string): Promise<Record<string, string>> {
  const login = await call('/api/auth/login', { method: 'POST', json: { email, password } });
  if (!login.ok) throw new Error(`login as ${email} failed: ${login.status} ${await login.text()}`);
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
  return { cookie: header(), 'x-csrf-token': token };
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

/** A link by name: made once, found again on the next run. */
async function trackingLinkCode(
  call: Call,
  eventId: string,
  organizer: Record<string, string>,
  name: string,
) {
  const created = await call(`/api/events/${eventId}/tracking-links`, {
    method: 'POST',
    headers: organizer,
    json: { name },
  });
  if (created.ok) return ((await created.json()) as { code: string }).code;
  const listed = (await (
    await call(`/api/events/${eventId}/tracking-links`, { headers: organizer })
  ).json()) as {
    items: Array<{ name: string; code: string }>;
  };
  const found = listed.items.find((link) => link.name === name);
  if (!found) throw new Error(`tracking link ${name}: ${created.status} ${await created.text()}`);
  return found.code;
}

export async function simulateTraffic(options: SimulationOptions): Promise<SimulationResult> {
  const call = caller(options.baseUrl);
  const organizer = await logIn(call, options.email, options.password);
  const pageRes = await call(`/api/public/events/${encodeURIComponent(options.event)}`);
  if (!pageRes.ok) throw new Error(`no public event ${options.event}: ${pageRes.status}`);
  const page = (await pageRes.json()) as {
    id: string;
    slug: string;
    ticketTypes: PublicTicketType[];
    dates?: Array<{ id: string }>;
  };
  const dates = page.dates ?? [];
  const links = [
    await trackingLinkCode(call, page.id, organizer, 'Newsletter footer'),
    await trackingLinkCode(call, page.id, organizer, 'Instagram bio'),
  ];
  const promoCode = options.promoCode ?? 'SIM10';
  // 409 when it exists already (a second run): it is used as it is.
  await call(`/api/events/${page.id}/promo-codes`, {
    method: 'POST',
    headers: organizer,
    json: { code: promoCode, percentOff: 10 },
  });

  const counts: SimulationCounts = {
    views: 0,
    selections: 0,
    holds: 0,
    abandoned: 0,
    paid: 0,
    checkedIn: 0,
    withPromoCode: 0,
  };
  const codes: string[] = [];
  const run = Date.now();
  for (let i = 0; i < options.visitors; i++) {
    const visitor = {
      'user-agent': `Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15 sim/${run}/${i}`,
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
    const usesCode = randomInt(100) < 30;
    const hold = await call('/api/orders', {
      method: 'POST',
      headers: visitor,
      json: {
        eventId: page.id,
        items: [
          { ticketTypeId: type.id, quantity: 1 + randomInt(Math.max(1, Math.min(3, type.maxPerOrder))) },
        ],
        buyer: { name: `Visitor ${i}`, email: `visitor-${run}-${i}@example.test` },
        ...(usesCode ? { promoCode } : {}),
        ...(dates.length > 0 ? { dateId: dates[randomInt(dates.length)]?.id } : {}),
      },
    });
    if (hold.status !== 201) continue;
    counts.holds++;
    if (usesCode) counts.withPromoCode++;
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
      headers: organizer,
      json: { code },
    });
    if (res.ok) counts.checkedIn++;
  }
  return { eventId: page.id, slug: page.slug, counts, trackingLinkCodes: links };
}
