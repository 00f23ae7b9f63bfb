import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EventStats, LiveAvailabilityMessage, LiveStatsMessage } from '@zevents/contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ChangeBus } from './change-bus';
import { createLiveHub, type LiveHub, type LiveSources } from './live-hub';

const EVENT_ID = '6f1f7a52-8c0e-4a57-9a39-2b1c3d4e5f60';
const TYPE_ID = '0b8f6f1e-3c1d-4d7a-9f55-5b7e2d0c8a41';
const STATS: EventStats = {
  ticketsSold: 2,
  ticketsHeld: 1,
  capacity: 50,
  revenueCents: 3000,
  refundsCents: 0,
  checkedIn: 0,
  byTicketType: [{ ticketTypeId: TYPE_ID, name: 'GA', sold: 2, held: 1, capacity: 50, revenueCents: 3000 }],
  salesByDay: [{ date: '2026-12-03', tickets: 2, revenueCents: 3000 }],
  byChannel: [{ channel: 'online', orders: 1, tickets: 2, revenueCents: 3000 }],
};

/** A hub on a loopback server with fixed figures: what goes over the wire, byte for byte. */
let server: Server;
let hub: LiveHub;
let listeners: Array<(eventId: string) => void> = [];
let baseUrl: string;

beforeAll(async () => {
  const bus: ChangeBus = {
    announce: (eventId) => listeners.forEach((listener) => listener(eventId)),
    onChange(listener) {
      listeners.push(listener);
      return () => (listeners = listeners.filter((l) => l !== listener));
    },
    stop: async () => undefined,
  };
  const sources: LiveSources = {
    authenticate: async () => ({ kind: 'session', userId: 'u', sessionId: 's' }),
    canWatchDashboard: async () => true,
    isPublicEvent: async () => true,
    stats: async () => STATS,
    availability: async () => [{ id: TYPE_ID, available: 47 }],
  };
  hub = createLiveHub({ bus, sources, logger: pino({ level: 'silent' }), minIntervalMs: 10 });
  server = createServer();
  hub.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  hub.close();
  await new Promise((resolve) => server.close(resolve));
});

function firstFrame(path: string): Promise<{ socket: WebSocket; frame: string }> {
  const socket = new WebSocket(`${baseUrl}${path}`);
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve({ socket, frame: String(data) }));
    socket.once('error', reject);
  });
}

describe('live hub messages (packages/contracts live.ts)', () => {
  it('sends the dashboard a stats message of the contract, `type` first as always', async () => {
    const { socket, frame } = await firstFrame(`/api/events/${EVENT_ID}/live`);
    expect(frame).toBe(JSON.stringify({ type: 'stats', ...STATS }));
    expect(frame.startsWith('{"type":"stats","ticketsSold":2,')).toBe(true);
    expect(LiveStatsMessage.parse(JSON.parse(frame))).toEqual({ type: 'stats', ...STATS });
    socket.close();
  });

  it('sends the public page an availability message of the contract, byte for byte as before', async () => {
    const { socket, frame } = await firstFrame(`/api/public/events/${EVENT_ID}/live`);
    expect(frame).toBe(`{"type":"availability","ticketTypes":[{"id":"${TYPE_ID}","available":47}]}`);
    expect(LiveAvailabilityMessage.safeParse(JSON.parse(frame)).success).toBe(true);
    socket.close();
  });

  it('ignores whatever a client sends, and keeps pushing to it', async () => {
    const { socket } = await firstFrame(`/api/public/events/${EVENT_ID}/live`);
    const next = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send('not json');
    socket.send(JSON.stringify({ type: 'stats' }));
    listeners.forEach((listener) => listener(EVENT_ID));
    expect(LiveAvailabilityMessage.parse(JSON.parse(await next)).ticketTypes).toHaveLength(1);
    socket.close();
  });
});
