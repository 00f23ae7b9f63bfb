import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { LiveServerMessage } from '@zevents/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET } from './harness';

/** `count` distinct ports nothing listens on now (the OS picks them), so test files never race for one. */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            if (address === null || typeof address === 'string') reject(new Error('no port'));
            else resolve(address.port);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/**
 * Starts a real API process (`main.ts --role=api`) on the test database. A loaded CI machine can
 * take tens of seconds to compile and start it; a process that exits says so at once, with its code.
 */
async function startApiProcess(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts', '--role=api'], {
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      PORT: String(port),
      APP_SECRET: TEST_SECRET,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited (${signal ?? code})`));
  const deadline = Date.now() + 75_000;
  while (Date.now() < deadline && exited === undefined) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`API process on port ${port} ${exited ?? 'did not start within 75 s'}`);
}

interface Message {
  type: string;
  ticketsSold?: number;
  ticketTypes?: Array<{ id: string; available: number }>;
}

/** Collects every message of a socket; `next(predicate)` waits for a matching one. */
function listen(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const messages: Message[] = [];
  const waiters: Array<{ match: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    // Every frame is a message of the live contract (packages/contracts live.ts).
    expect(LiveServerMessage.safeParse(message).success).toBe(true);
    messages.push(message);
    for (const waiter of [...waiters])
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    opened,
    next(match: (m: Message) => boolean, timeoutMs = 5_000): Promise<Message> {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching live message in time')), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}

describe('live updates across API processes (LISTEN/NOTIFY)', () => {
  let ports: number[] = [];
  const processes: ChildProcess[] = [];
  let world: World;
  let eventId: string;
  let ticketTypeId: string;
  let sessionCookie: string;

  beforeAll(async () => {
    const { app, database } = buildTestApp();
    world = await createWorld(app, database.db);
    const created = await createEvent(database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 1500, capacity: 50 }],
      publish: true,
    });
    eventId = created.event.id;
    ticketTypeId = created.ticketTypes[0]?.id ?? '';
    sessionCookie = world.owner.headers.Cookie ?? '';
    ports = await freePorts(2);
    const started = await Promise.allSettled(ports.map((port) => startApiProcess(port)));
    for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
  }, 120_000);

  afterAll(() => {
    for (const child of processes) child.kill('SIGTERM');
  });

  it('pushes dashboard stats and public availability within a second of a sale made on the other process', async () => {
    const [portA, portB] = ports;
    const dashboard = listen(`ws://127.0.0.1:${portA}/api/events/${eventId}/live`, { Cookie: sessionCookie });
    const visitor = listen(`ws://127.0.0.1:${portA}/api/public/events/${eventId}/live`);
    await Promise.all([dashboard.opened, visitor.opened]);
    // Whoever connects gets the current figures at once.
    expect((await dashboard.next((m) => m.type === 'stats')).ticketsSold).toBe(0);
    expect((await visitor.next((m) => m.type === 'availability')).ticketTypes).toEqual([
      { id: ticketTypeId, available: 50 },
    ]);

    const reserve = await fetch(`http://127.0.0.1:${portB}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        eventId,
        items: [{ ticketTypeId, quantity: 2 }],
        buyer: { name: 'Live Buyer', email: 'live@example.test' },
      }),
    });
    expect(reserve.status).toBe(201);
    const order = (await reserve.json()) as { id: string; accessToken: string };
    const heldAt = Date.now();
    const afterHold = await visitor.next((m) => m.ticketTypes?.[0]?.available === 48);
    expect(afterHold).toBeDefined();
    expect(Date.now() - heldAt).toBeLessThan(1_000);

    const paidAt = Date.now();
    const pay = await fetch(
      `http://127.0.0.1:${portB}/api/orders/${order.id}/pay?token=${order.accessToken}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ card: '4242424242424242' }),
      },
    );
    expect(pay.status).toBe(200);
    const sold = await dashboard.next((m) => m.type === 'stats' && m.ticketsSold === 2);
    expect(sold.ticketsSold).toBe(2);
    expect(Date.now() - paidAt).toBeLessThan(1_000);

    dashboard.socket.close();
    visitor.socket.close();
  }, 30_000);

  it('refuses the dashboard to anonymous callers, outsiders and other sites; the public channel 404s for unknown events', async () => {
    const [portA] = ports;
    const refused = async (url: string, headers: Record<string, string> = {}) => {
      const { opened, socket } = listen(url, headers);
      await expect(opened).rejects.toThrow(/refused/);
      socket.terminate();
    };
    await refused(`ws://127.0.0.1:${portA}/api/events/${eventId}/live`);
    await refused(`ws://127.0.0.1:${portA}/api/events/${eventId}/live`, {
      Cookie: world.outsider.headers.Cookie ?? '',
    });
    await refused(`ws://127.0.0.1:${portA}/api/events/${eventId}/live`, {
      Cookie: sessionCookie,
      Origin: 'https://evil.example',
    });
    await refused(`ws://127.0.0.1:${portA}/api/public/events/00000000-0000-4000-8000-000000000000/live`);
    // Staff may watch the dashboard.
    const staff = listen(`ws://127.0.0.1:${portA}/api/events/${eventId}/live`, {
      Cookie: world.staff.headers.Cookie ?? '',
    });
    await staff.opened;
    expect((await staff.next((m) => m.type === 'stats')).type).toBe('stats');
    staff.socket.close();
  }, 30_000);
});
