import { renderHook } from '@testing-library/react';
import { LiveAvailabilityMessage, LiveStatsMessage } from '@zevents/contracts';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseLiveFrame, useLiveSocket } from './useLiveSocket';
import { eventStats } from '../test/event-stats';

/** Stands in for the browser's WebSocket: tests open it and push frames by hand. */
class FakeSocket {
  static last: FakeSocket | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  close() {}
  receive(data: unknown) {
    act(() => this.onmessage?.({ data }));
  }
}

const STATS = eventStats({ checkedIn: 1 });

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = undefined;
});

describe('parseLiveFrame', () => {
  it('reads a frame of the channel contract, and nothing else', () => {
    const frame = JSON.stringify({ type: 'stats', ...STATS });
    expect(parseLiveFrame(LiveStatsMessage, frame)).toEqual({ type: 'stats', ...STATS });
    expect(parseLiveFrame(LiveStatsMessage, '{not json')).toBeUndefined();
    expect(parseLiveFrame(LiveStatsMessage, '{"type":"availability","ticketTypes":[]}')).toBeUndefined();
    expect(parseLiveFrame(LiveStatsMessage, '{"type":"stats","ticketsSold":"3"}')).toBeUndefined();
    expect(parseLiveFrame(LiveAvailabilityMessage, '{"type":"availability","ticketTypes":[]}')).toEqual({
      type: 'availability',
      ticketTypes: [],
    });
  });
});

describe('useLiveSocket', () => {
  it('hands over messages that fit the contract and ignores malformed or unknown ones', () => {
    const received: unknown[] = [];
    renderHook(() => useLiveSocket('/api/events/e/live', LiveStatsMessage, (m) => received.push(m)));
    const socket = FakeSocket.last!;
    expect(socket.url).toMatch(/\/api\/events\/e\/live$/);

    socket.receive('not json at all');
    socket.receive(JSON.stringify({ type: 'party', ticketsSold: 3 }));
    socket.receive(JSON.stringify({ type: 'stats', ticketsSold: 'three' }));
    socket.receive(new ArrayBuffer(4));
    expect(received).toEqual([]);

    socket.receive(JSON.stringify({ type: 'stats', ...STATS }));
    expect(received).toEqual([{ type: 'stats', ...STATS }]);
  });
});
