// @ts-check
/**
 * `npm start` runs this before the server: it builds the web app (apps/web/dist) and the server
 * bundle (apps/api/dist/server.mjs) only when their sources changed since the last build, so a
 * restart (after a crash, a deploy, kill -9) serves again in about a second instead of rebuilding
 * everything first (5.7-6.9 s measured before).
 *
 * "Changed" is a fingerprint of every source file's path, size and modification time, plus
 * package-lock.json (a dependency update rebuilds too), kept beside each build as
 * `.source-fingerprint`. Plain JavaScript on purpose: it runs with `node` alone, no TypeScript
 * loader to start first.
 *
 * The server bundle is one ESM file of our own code (packages from node_modules stay imports):
 * loading ~200 TypeScript files one by one through a loader took longer than everything else at
 * boot. The jobs thread of `--role=all` and the threads that render the emails' PDFs load bundles of their own, dist/jobs.worker.mjs and dist/pdf.worker.mjs. Stack traces still point at the TypeScript sources (source map; start with --enable-source-maps).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const at = (...parts) => path.join(root, ...parts);

/** Path, size and mtime of every file under these paths (skipping node_modules and dist), hashed. */
function fingerprint(paths, skip = () => false) {
  const hash = createHash('sha256');
  const visit = (entry) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry).sort()) {
        if (name === 'node_modules' || name === 'dist') continue;
        visit(path.join(entry, name));
      }
    } else if (!skip(entry)) {
      hash.update(`${path.relative(root, entry)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  paths.forEach(visit);
  return hash.digest('hex');
}

function isFresh(stampFile, expected) {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === expected;
}

const isTest = (file) => /\.test\.tsx?$/.test(file) || file.includes(`${path.sep}test${path.sep}`);
const shared = [
  at('packages/contracts/src'),
  at('packages/i18n/src'),
  at('package-lock.json'),
  at('scripts/build-if-stale.mjs'),
];

function buildWeb() {
  const web = at('apps/web');
  const stamp = at('apps/web/dist/.source-fingerprint');
  const expected = fingerprint(
    [
      ...['src', 'public', 'index.html', 'package.json', 'tsconfig.json'].map((name) => path.join(web, name)),
      ...readdirSync(web)
        .filter((name) => /^(vite|postcss)\.config\./.test(name))
        .map((name) => path.join(web, name)),
      ...shared,
    ],
    isTest,
  );
  if (isFresh(stamp, expected) && existsSync(at('apps/web/dist/index.html'))) return;
  console.log('building the web app (its sources changed since the last build)');
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new BuildFailed(build.status ?? 1);
  writeFileSync(stamp, `${expected}\n`);
}

async function buildServer() {
  const dist = at('apps/api/dist');
  const stamp = path.join(dist, '.source-fingerprint');
  const expected = fingerprint([at('apps/api/src'), ...shared], isTest);
  if (isFresh(stamp, expected) && existsSync(path.join(dist, 'server.mjs'))) return;
  console.log('bundling the server (its sources changed since the last build)');
  const { build } = await import('esbuild');
  // Built beside the old bundle and swapped in by renames: a process already running (or starting)
  // from the old one never reads a half-written file.
  const next = `${dist}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  await build({
    // The threads (jobs/module-thread.ts) load their own bundles, beside the server's.
    entryPoints: {
      server: at('apps/api/src/main.ts'),
      'pdf.worker': at('apps/api/src/jobs/pdf.worker.ts'),
      'jobs.worker': at('apps/api/src/jobs/jobs.worker.ts'),
    },
    outdir: next,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        // Loaded on first use instead of at boot: together about a second of the start-up, and
        // only the first email (mjml), ticket PDF (pdfkit), image (sharp) or Stripe call needs
        // them. Each is only ever called or constructed (`mjml2html(...)`, `new PDFDocument(...)`,
        // `sharp(bytes)`, `new Stripe(...)`), which is all the stand-in forwards.
        name: 'lazy-packages',
        setup(builder) {
          builder.onResolve({ filter: LAZY_PACKAGES }, (args) => ({ path: args.path, namespace: 'lazy' }));
          builder.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
            resolveDir: root,
            contents: `
              import { createRequire } from 'node:module';
              const require = createRequire(import.meta.url);
              let real;
              const load = () => {
                if (!real) { const loaded = require(${JSON.stringify(args.path)}); real = loaded.default ?? loaded; }
                return real;
              };
              export default function lazy(...args) {
                const target = load();
                return new.target ? new target(...args) : target(...args);
              }`,
          }));
        },
      },
      {
        // Packages stay imports from node_modules (native modules, their own files); only the
        // workspace's contracts package, which is TypeScript source, is bundled.
        name: 'packages-stay-external',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@zevents/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  // migrate.ts finds its SQL files beside itself (`./migrations`): beside the bundle, here.
  cpSync(at('apps/api/src/db/migrations'), path.join(next, 'migrations'), { recursive: true });
  writeFileSync(path.join(next, '.source-fingerprint'), `${expected}\n`);
  const old = `${dist}.old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
}

/**
 * One build at a time: two processes started together after a pull (`--role=api` and
 * `--role=worker`) would otherwise both rebuild, one deleting what the other writes. The second
 * waits, then finds the build fresh. A lock left by a killed build is taken over after 5 minutes.
 */
async function withBuildLock(work) {
  const lock = at('.build-lock');
  const waitingSince = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (!(error instanceof Error) || !('code' in error) || error.code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 5 * 60_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - waitingSince > 10 * 60_000) throw new Error(`another build holds ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const LAZY_PACKAGES = /^(mjml|pdfkit|sharp|stripe)$/;

/** A build step failed (it printed why); the lock is released before the process exits. */
class BuildFailed extends Error {
  constructor(code) {
    super(`build failed with exit code ${code}`);
    this.exitCode = code;
  }
}

const only = process.argv[2];
try {
  await withBuildLock(async () => {
    if (only !== 'server') buildWeb();
    if (only !== 'web') await buildServer();
  });
} catch (error) {
  if (!(error instanceof BuildFailed)) console.error(error);
  process.exit(error instanceof BuildFailed ? error.exitCode : 1);
}
