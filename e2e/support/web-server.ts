/**
 * The platform for the browser tests, started by playwright.config.ts's webServer:
 *
 * 1. builds the web app (apps/web/dist) when it is missing or older than its sources, because the API
 *    serves whatever dist holds;
 * 2. runs `apps/api/src/main.ts` (API + worker, embedded PostgreSQL in DATA_DIR) as a child;
 * 3. when Playwright stops it (SIGTERM to the process group), waits for the server to shut PostgreSQL
 *    down, then deletes the throwaway DATA_DIR, so a run leaves neither processes nor clusters behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const web = path.join(root, 'apps/web');
const builtIndex = path.join(web, 'dist/index.html');

/** Newest modification time under these paths (files or folders), skipping node_modules. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry)) if (name !== 'node_modules') visit(path.join(entry, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function webBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const sources = newestMtime([
    path.join(web, 'src'),
    path.join(web, 'public'),
    path.join(web, 'index.html'),
    path.join(web, 'package.json'),
    ...readdirSync(web)
      .filter((name) => /^(vite|postcss)\.config\./.test(name))
      .map((name) => path.join(web, name)),
    path.join(root, 'packages/contracts/src'),
  ]);
  return sources > statSync(builtIndex).mtimeMs;
}

if (webBuildIsStale()) {
  console.log('[e2e] building the web app (apps/web/dist is missing or older than its sources)');
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});

// Playwright signals the whole process group, so the server hears it too; this process only has to
// outlive it and tidy up. Forwarding covers a signal sent to this process alone.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}

server.on('exit', (code, signal) => {
  const dataDir = process.env.DATA_DIR;
  // Only ever a throwaway directory of ours: never a developer's .data.
  if (dataDir && path.dirname(path.resolve(dataDir)) === tmpdir() && /zevents-e2e-/.test(dataDir)) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(code ?? (signal ? 0 : 1));
});
