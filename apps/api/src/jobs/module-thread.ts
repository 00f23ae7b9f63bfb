import { createRequire } from 'node:module';
import { getPriority, setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on one of the API's thread entries (`entry`, a URL without its extension,
 * resolved by the caller beside its own module: `new URL('./pdf.worker', import.meta.url)`).
 *
 * Built (`npm start`), every module's `import.meta.url` is its bundle's, and each entry is a bundle
 * of its own beside the server's (dist/pdf.worker.mjs, dist/jobs.worker.mjs; see
 * scripts/build-if-stale.mjs). From the TypeScript sources (`npm run dev`, tests, benchmarks) the
 * thread first registers tsx's loader, then imports the .ts file: a thread does not inherit the
 * loader of the process (vitest's is not even tsx).
 */
export function startModuleThread(entry: URL, options: { workerData?: unknown } = {}): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`${entry.href}.mjs`), options);
  // require.resolve finds tsx's CommonJS build of the API; the thread imports its ESM twin beside it.
  const tsxApi = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(tsxApi).href;
  const source = `${entry.href}.ts`;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * Lowers the calling thread's CPU priority to `nice` (0-19), never raising it. On Linux a thread has
 * its own nice value, and the threads it starts inherit it: background work (PDFs, emails, sweeps)
 * then yields the CPU to the thread that answers HTTP, and to PostgreSQL, whenever both want it, and
 * still has every idle cycle. Elsewhere the call would lower the whole process, so it is Linux only.
 * Returns the nice value the thread runs at.
 */
export function lowerThreadPriority(nice: number): number {
  if (process.platform !== 'linux') return 0;
  try {
    const current = getPriority(0);
    if (nice > current) setPriority(0, nice);
    return getPriority(0);
  } catch {
    // Not allowed here (some sandboxes): the thread keeps its priority.
    return 0;
  }
}
