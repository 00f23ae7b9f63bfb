/**
 * Simulated visitors for an event, through the public HTTP API of a running server (see
 * traffic-simulator.ts for what they do):
 *
 *   npm start                                   (in another terminal; TRUST_PROXY=loopback lets each
 *                                                visitor have an address of its own)
 *   npm run simulate:traffic -- nightfall-jazz-festival [visitors]
 *
 * SIMULATE_URL (default http://localhost:3000), SIMULATE_EMAIL and SIMULATE_PASSWORD (default: the
 * demo organizer printed by `npm start`) say where and as whom.
 */
import { simulateTraffic } from './traffic-simulator';

const BASE = process.env.SIMULATE_URL ?? 'http://localhost:3000';

async function main(): Promise<void> {
  const [eventName, visitorsArg] = process.argv.slice(2);
  if (!eventName) throw new Error('usage: npm run simulate:traffic -- <event id or slug> [visitors]');
  const result = await simulateTraffic({
    baseUrl: BASE,
    email: process.env.SIMULATE_EMAIL ?? 'demo@z-events.local',
    password: process.env.SIMULATE_PASSWORD ?? 'demo-organizer-2026',
    event: eventName,
    visitors: Number(visitorsArg ?? 300),
  });
  console.log(`${result.slug}: ${JSON.stringify(result.counts)}`);
  console.log(`open ${BASE}/organizer/events/${result.eventId}/analytics (beacons count within a second)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
