import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The fault tests run the server as `npm start` does: from its bundle, rebuilt here when stale. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../../../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-if-stale.mjs'), 'server'], {
    cwd: root,
    stdio: 'inherit',
  });
}
