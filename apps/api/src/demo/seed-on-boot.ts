import type { Db } from '../db/client';
import { systemClock } from '../shared/clock';

/**
 * SEED_DEMO at boot: seeds an empty database and prints the demo organizer's login. Run by one
 * process per deployment (the only process, or the cluster's primary before it forks).
 */
export async function seedDemoOnBoot(db: Db): Promise<void> {
  // Loaded only when seeding: the demo's data and images are not needed by a production server.
  const { seedDemoData } = await import('./demo-seed');
  const login = await seedDemoData({ db, clock: systemClock });
  if (login) {
    console.log(
      `\n  Demo organizer created. Log in with\n    email:    ${login.email}\n    password: ${login.password}\n`,
    );
  }
}
