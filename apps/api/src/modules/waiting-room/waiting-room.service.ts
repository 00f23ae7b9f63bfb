import { randomInt } from 'node:crypto';
import type { EventStatus, QueueStatus, WaitingRoomFigures, WaitingRoomSettings } from '@zevents/contracts';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { generateToken } from '../../shared/crypto';
import { findWaitingRoomSchedule, salesOpenAtOf, waitingRoomOpensAt } from '../events';
import {
  admissionTimeOf,
  admittedThrough,
  DRAW_KEY_RANGE,
  figuresOf,
  provisionalPosition,
  type QueueRowFacts,
} from './admission';
import { browserHashOf, createPassSigner, newBrowserSecret } from './waiting-room-pass';
import * as repo from './waiting-room.repository';

interface Schedule {
  status: EventStatus;
  room: WaitingRoomSettings | null;
  salesOpenAt: Date | null;
}

/** Enabled rooms' settings are read at most this often per event and process (the reserve hot path reads them). */
const DEFAULT_SCHEDULE_TTL_MS = 2_000;
const MAX_CACHED_EVENTS = 10_000;
/** Remembered waiting browsers per process (~0.3 KB each); the map starts over when full. */
const MAX_SETTLED_VISITORS = 200_000;

export interface WaitingRoomDeps {
  db: Db;
  clock: Clock;
  appSecret: string;
  /** How long an event's room settings are trusted from memory (tests use 0). */
  scheduleTtlMs?: number;
}

const secondsUntil = (at: Date, now: Date): number =>
  Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));

export function createWaitingRoomService(deps: WaitingRoomDeps) {
  const { db, clock } = deps;
  const ttlMs = deps.scheduleTtlMs ?? DEFAULT_SCHEDULE_TTL_MS;
  const signer = createPassSigner(deps.appSecret);
  const schedules = new Map<string, { readAt: number; value: Promise<Schedule | undefined> }>();
  /** Events whose queue row exists / whose draw is done: both are permanent, so remembered per process. */
  const knownQueues = new Set<string>();
  const drawnQueues = new Set<string>();

  const loadSchedule = async (eventId: string): Promise<Schedule | undefined> => {
    const found = await findWaitingRoomSchedule(db, eventId);
    return (
      found && { status: found.status, room: found.waitingRoom, salesOpenAt: salesOpenAtOf(found.types) }
    );
  };

  /** One read per event per TTL, shared by concurrent callers; a failed read is not remembered. */
  const scheduleOf = (eventId: string): Promise<Schedule | undefined> => {
    const key = eventId.toLowerCase();
    const now = Date.now();
    const cached = schedules.get(key);
    if (cached && now - cached.readAt < ttlMs) return cached.value;
    if (schedules.size >= MAX_CACHED_EVENTS) schedules.clear();
    const value = loadSchedule(key);
    schedules.set(key, { readAt: now, value });
    value.catch(() => schedules.delete(key));
    return value;
  };

  /** The event's enabled room, or the problem that explains why there is no queue to join. */
  const openRoomOf = async (eventId: string) => {
    const schedule = await scheduleOf(eventId);
    if (!schedule || schedule.status === 'draft') throw notFound('Event');
    if (schedule.status === 'cancelled') throw new AppError('EVENT_CANCELLED', 'This event is cancelled');
    const { room } = schedule;
    if (!room?.enabled)
      throw new AppError('WAITING_ROOM_DISABLED', 'This event has no waiting room: buy tickets directly');
    return { room, salesOpenAt: schedule.salesOpenAt };
  };

  const isOpenAt = (salesOpenAt: Date | null, now: Date) => !salesOpenAt || now >= salesOpenAt;

  /** From the opening on, the places of everyone who came before are drawn, once, by whoever asks first. */
  const ensureDrawn = async (eventId: string, salesOpenAt: Date | null, now: Date) => {
    if (drawnQueues.has(eventId) || !isOpenAt(salesOpenAt, now)) return;
    if (await repo.drawPlaces(db, eventId, salesOpenAt ?? now)) drawnQueues.add(eventId);
  };

  const ensureQueue = async (eventId: string) => {
    if (knownQueues.has(eventId)) return;
    await repo.ensureQueue(db, eventId);
    knownQueues.add(eventId);
  };

  const present = async (
    eventId: string,
    visitor: repo.VisitorRow,
    queue: QueueRowFacts,
    room: WaitingRoomSettings,
    salesOpenAt: Date | null,
    now: Date,
  ): Promise<QueueStatus> => {
    const common = { queueToken: visitor.token, salesOpenAt: salesOpenAt?.toISOString() ?? null };
    if (visitor.place === null || !queue.openedAt) {
      // Before the draw: a provisional position, and the wait counts from the opening.
      const position = provisionalPosition(visitor.drawKey, queue.earlyCount);
      const wait =
        (salesOpenAt ? secondsUntil(salesOpenAt, now) : 0) +
        Math.ceil(((position - 1) * 60) / room.admitPerMinute);
      return { ...common, admitted: false, position, estimatedWaitSeconds: wait, place: null };
    }
    const through = admittedThrough(queue.openedAt, now, room.admitPerMinute);
    if (visitor.place > through) {
      const admittedAt = admissionTimeOf(visitor.place, queue.openedAt, room.admitPerMinute);
      return {
        ...common,
        admitted: false,
        position: visitor.place - through,
        estimatedWaitSeconds: Math.max(1, secondsUntil(admittedAt, now)),
        place: visitor.place,
      };
    }
    const passExpiresAt =
      visitor.passExpiresAt ??
      (await repo.fixPassExpiry(
        db,
        eventId,
        visitor.token,
        new Date(now.getTime() + room.passMinutes * 60_000),
      ));
    // Fixed once for good (the first writer wins in the database too): a remembered row keeps it.
    visitor.passExpiresAt = passExpiresAt;
    const pass = signer.sign({
      eventId,
      queueToken: visitor.token,
      expiresAt: passExpiresAt,
      browserHash: visitor.browserHash,
    });
    return {
      ...common,
      admitted: true,
      position: 0,
      estimatedWaitSeconds: 0,
      place: visitor.place,
      pass,
      passExpiresAt: passExpiresAt.toISOString(),
    };
  };

  /**
   * Visitors with their place drawn in an opened queue. Nothing in such a row changes any more but
   * its pass expiry, which present() fixes once (and notes here): every later poll of a sale's
   * thousands of waiting browsers is answered from memory, by the clock and the admission rate.
   */
  const settledVisitors = new Map<string, { visitor: repo.VisitorRow; queue: QueueRowFacts }>();

  /** The visitor's standing; a token of another event or another browser is not found. */
  const statusOf = async (
    eventId: string,
    token: string,
    browserHash: string | undefined,
  ): Promise<QueueStatus> => {
    const { room, salesOpenAt } = await openRoomOf(eventId);
    const now = clock.now();
    await ensureDrawn(eventId, salesOpenAt, now);
    const key = `${eventId}/${token}`;
    const found = settledVisitors.get(key) ?? (await repo.findVisitor(db, eventId, token));
    if (!found || found.visitor.browserHash !== browserHash) throw notFound('Queue token');
    if (found.visitor.place !== null && found.queue.openedAt && !settledVisitors.has(key)) {
      if (settledVisitors.size >= MAX_SETTLED_VISITORS) settledVisitors.clear();
      settledVisitors.set(key, found);
    }
    return present(eventId, found.visitor, found.queue, room, salesOpenAt, now);
  };

  return {
    /**
     * Joins the event's queue. A browser that joined before gets its spot back (no new draw), unless
     * its pass has expired: then it queues again at the back. Returns the browser secret to set as a
     * cookie when the browser had none.
     */
    async join(
      eventId: string,
      browserSecret: unknown,
    ): Promise<{ status: QueueStatus; newBrowserSecret?: string }> {
      const id = eventId.toLowerCase();
      const { room, salesOpenAt } = await openRoomOf(id);
      const now = clock.now();
      const opensAt = waitingRoomOpensAt(room, salesOpenAt);
      if (opensAt && now < opensAt)
        throw new AppError('WAITING_ROOM_NOT_OPEN', `The queue opens at ${opensAt.toISOString()}`, {
          extra: { opensAt: opensAt.toISOString() },
        });
      let browserHash = browserHashOf(browserSecret);
      const fresh = browserHash ? undefined : newBrowserSecret();
      if (fresh) browserHash = browserHashOf(fresh);
      if (!browserHash) throw new Error('a fresh browser secret must hash');
      if (!fresh) {
        const existing = await repo.findLatestTokenOfBrowser(db, id, browserHash);
        if (existing && !(existing.passExpiresAt && existing.passExpiresAt <= now))
          return { status: await statusOf(id, existing.token, browserHash) };
      }
      await ensureQueue(id);
      await ensureDrawn(id, salesOpenAt, now);
      const visitor = {
        eventId: id,
        token: generateToken(16),
        browserHash,
        drawKey: randomInt(0, DRAW_KEY_RANGE),
      };
      const inserted = await repo.insertVisitor(db, { ...visitor, now }, room.admitPerMinute);
      if (!inserted) {
        // The queue row was gone (the event was deleted and made again?): forget what we knew.
        knownQueues.delete(id);
        throw notFound('Event');
      }
      // The join statement returned all the answer needs: no second read.
      const row = { ...visitor, place: inserted.place, joinedAt: now, passExpiresAt: null };
      const queue = {
        earlyCount: inserted.earlyCount,
        openedAt: inserted.openedAt,
        visitorCount: 0,
        nextPlace: 0,
      };
      return { status: await present(id, row, queue, room, salesOpenAt, now), newBrowserSecret: fresh };
    },

    status: (eventId: string, token: string, browserSecret: unknown) =>
      statusOf(eventId.toLowerCase(), token, browserHashOf(browserSecret)),

    /** The room's live figures, or null when the event has no enabled room (nothing is read then). */
    async figures(eventId: string): Promise<WaitingRoomFigures | null> {
      const id = eventId.toLowerCase();
      const schedule = await scheduleOf(id);
      if (!schedule?.room?.enabled || schedule.status !== 'published') return null;
      const now = clock.now();
      await ensureDrawn(id, schedule.salesOpenAt, now);
      return figuresOf(await repo.findQueue(db, id), now, schedule.room.admitPerMinute, schedule.salesOpenAt);
    },

    /**
     * In front of POST /api/orders: while the event's room is on, only a valid pass with the browser
     * cookie it was issued to gets through (403 WAITING_ROOM_PASS_REQUIRED). The room's settings come
     * from memory (re-read every few seconds); the pass is checked by HMAC: no query per reserve.
     */
    async requirePass(eventId: string, pass: unknown, browserSecret: unknown): Promise<void> {
      const schedule = await scheduleOf(eventId);
      if (!schedule?.room?.enabled) return;
      if (!signer.isValid(pass, eventId, browserSecret, clock.now()))
        throw new AppError(
          'WAITING_ROOM_PASS_REQUIRED',
          'This sale has a waiting room: join the queue and send your pass as the Waiting-Room-Pass header',
        );
    },
  };
}

export type WaitingRoomService = ReturnType<typeof createWaitingRoomService>;
