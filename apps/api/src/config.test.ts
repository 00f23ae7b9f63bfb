import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  KEY_PASSPHRASE,
  makeTestGoogleKey,
  makeTestPassCertificates,
} from '../test/support/wallet-certificates';
import { ConfigError, loadConfig } from './config';

const SECRET = 'a-production-secret-of-at-least-32-chars!';

const dirs: string[] = [];
/** A fresh, empty DATA_DIR; removed after each test. */
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zevents-config-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Calls loadConfig and returns the ConfigError it throws (fails the test when it does not throw one). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

function expectOneLineNaming(error: ConfigError, variable: string): void {
  expect(error.name).toBe('ConfigError');
  expect(error.message).toContain(variable);
  expect(error.message).not.toMatch(/[\r\n]/);
}

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig({ APP_SECRET: SECRET });
    expect(config.nodeEnv).toBe('development');
    expect(config.isProduction).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.holdMinutes).toBe(15);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.logLevel).toBe('info');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.databasePoolSize).toBeGreaterThanOrEqual(4);
    expect(config.appSecret).toBe(SECRET);
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.seedDemo).toBe(true);
  });

  it('derives publicUrl from PORT and strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ APP_SECRET: SECRET, PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ APP_SECRET: SECRET, PORT: '8080' }).port).toBe(8080);
    expect(loadConfig({ APP_SECRET: SECRET, PUBLIC_URL: 'https://tickets.example.com/' }).publicUrl).toBe(
      'https://tickets.example.com',
    );
  });

  it('reads numbers and flags', () => {
    const config = loadConfig({
      APP_SECRET: SECRET,
      HOLD_MINUTES: '30',
      DATABASE_POOL_SIZE: '7',
      DATABASE_URL: 'postgresql://u:p@db.internal:5432/zevents',
      LOG_LEVEL: 'debug',
      SEED_DEMO: 'false',
    });
    expect(config.holdMinutes).toBe(30);
    expect(config.databasePoolSize).toBe(7);
    expect(config.databaseUrl).toBe('postgresql://u:p@db.internal:5432/zevents');
    expect(config.logLevel).toBe('debug');
    expect(config.seedDemo).toBe(false);
  });

  describe('PAYMENT_PROVIDER=stripe', () => {
    const stripe = {
      APP_SECRET: SECRET,
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
    };

    it('reads the three keys', () => {
      expect(loadConfig(stripe).payments).toEqual({
        provider: 'stripe',
        secretKey: 'sk_test_abc',
        publishableKey: 'pk_test_abc',
        webhookSecret: 'whsec_abc',
        apiBase: undefined,
      });
    });

    it.each(['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET'] as const)(
      'refuses to start without %s',
      (name) => {
        const error = configError({ ...stripe, [name]: '' });
        expectOneLineNaming(error, name);
        expect(error.message).toContain('PAYMENT_PROVIDER=stripe');
      },
    );

    it.each([
      ['sk_live_abc', 'pk_test_abc'],
      ['sk_test_abc', 'pk_live_abc'],
    ])('refuses a secret key %s with a publishable key %s (test and live mixed)', (secret, publishable) => {
      const error = configError({
        ...stripe,
        STRIPE_SECRET_KEY: secret,
        STRIPE_PUBLISHABLE_KEY: publishable,
      });
      expectOneLineNaming(error, 'STRIPE_PUBLISHABLE_KEY');
      expect(error.message).toContain('both be test keys or both live keys');
    });

    it('accepts live keys together, restricted secret keys included', () => {
      const config = loadConfig({
        ...stripe,
        STRIPE_SECRET_KEY: 'rk_live_abc',
        STRIPE_PUBLISHABLE_KEY: 'pk_live_abc',
      });
      expect(config.payments).toMatchObject({ provider: 'stripe', publishableKey: 'pk_live_abc' });
    });

    it('refuses a secret key given as the publishable key', () => {
      expectOneLineNaming(
        configError({ ...stripe, STRIPE_PUBLISHABLE_KEY: 'sk_test_abc' }),
        'STRIPE_PUBLISHABLE_KEY',
      );
    });
  });

  it.each(['abc', '70000', '-1', '3.5', '1e20'])('refuses PORT=%s with one line naming PORT', (port) => {
    expectOneLineNaming(configError({ APP_SECRET: SECRET, PORT: port }), 'PORT');
  });

  it.each(['0', '1441', '-5', '2.5', 'x'])('refuses HOLD_MINUTES=%s with one line naming it', (value) => {
    expectOneLineNaming(configError({ APP_SECRET: SECRET, HOLD_MINUTES: value }), 'HOLD_MINUTES');
  });

  it.each(['0', '201', 'many'])('refuses DATABASE_POOL_SIZE=%s', (value) => {
    expectOneLineNaming(configError({ APP_SECRET: SECRET, DATABASE_POOL_SIZE: value }), 'DATABASE_POOL_SIZE');
  });

  it.each(['mysql://u:p@localhost/db', 'localhost:5432/db', 'postgres://', 'http://postgres'])(
    'requires DATABASE_URL to be a postgres:// URL (%s)',
    (url) => {
      expectOneLineNaming(configError({ APP_SECRET: SECRET, DATABASE_URL: url }), 'DATABASE_URL');
    },
  );

  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(loadConfig({ APP_SECRET: SECRET, DATABASE_URL: 'postgres://localhost/z' }).databaseUrl).toBe(
      'postgres://localhost/z',
    );
  });

  it('requires APP_SECRET in production', () => {
    const error = configError({ NODE_ENV: 'production', DATA_DIR: tempDataDir() });
    expectOneLineNaming(error, 'APP_SECRET');
    const config = loadConfig({ NODE_ENV: 'production', APP_SECRET: SECRET });
    expect(config.isProduction).toBe(true);
    expect(config.seedDemo).toBe(false);
  });

  it('refuses an APP_SECRET shorter than 32 characters', () => {
    expectOneLineNaming(configError({ NODE_ENV: 'production', APP_SECRET: 'short' }), 'APP_SECRET');
    expectOneLineNaming(configError({ APP_SECRET: 'x'.repeat(31) }), 'APP_SECRET');
    expect(loadConfig({ APP_SECRET: 'x'.repeat(32) }).appSecret).toBe('x'.repeat(32));
  });

  it('refuses unknown NODE_ENV and LOG_LEVEL values', () => {
    expectOneLineNaming(configError({ APP_SECRET: SECRET, NODE_ENV: 'staging' }), 'NODE_ENV');
    expectOneLineNaming(configError({ APP_SECRET: SECRET, LOG_LEVEL: 'loud' }), 'LOG_LEVEL');
  });

  it('treats empty strings as unset', () => {
    const dataDir = tempDataDir();
    const config = loadConfig({
      NODE_ENV: '',
      PORT: '',
      HOLD_MINUTES: '',
      DATABASE_URL: '',
      DATABASE_POOL_SIZE: '',
      PUBLIC_URL: '',
      LOG_LEVEL: '',
      SEED_DEMO: '',
      APP_SECRET: '',
      DATA_DIR: dataDir,
    });
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.holdMinutes).toBe(15);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.logLevel).toBe('info');
    // An empty APP_SECRET is no secret: development generates one instead of using "".
    expect(config.appSecret.length).toBeGreaterThanOrEqual(32);
    // ...and production refuses to start without one.
    expectOneLineNaming(configError({ NODE_ENV: 'production', APP_SECRET: '' }), 'APP_SECRET');
  });

  it('generates the development secret once into DATA_DIR and reads it back', () => {
    const dataDir = path.join(tempDataDir(), 'nested', 'data');
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.dataDir).toBe(dataDir);
    expect(first.appSecret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, 'app-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.appSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.appSecret).toBe(first.appSecret);

    // Another data directory gets its own secret.
    expect(loadConfig({ DATA_DIR: tempDataDir() }).appSecret).not.toBe(first.appSecret);
  });

  it('prefers APP_SECRET over a stored development secret', () => {
    const dataDir = tempDataDir();
    loadConfig({ DATA_DIR: dataDir });
    expect(loadConfig({ DATA_DIR: dataDir, APP_SECRET: SECRET }).appSecret).toBe(SECRET);
  });
});

describe('hardening settings', () => {
  it('defaults: no proxy trusted, 60 holds per address a minute, no metrics token', () => {
    const config = loadConfig({ APP_SECRET: SECRET });
    expect(config.trustProxy).toBe(false);
    expect(config.holdsPerIpPerMinute).toBe(60);
    expect(config.metricsToken).toBeUndefined();
  });

  it('reads TRUST_PROXY as a list of named ranges, addresses and CIDR ranges', () => {
    expect(loadConfig({ APP_SECRET: SECRET, TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(
      loadConfig({ APP_SECRET: SECRET, TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32,192.0.2.7' })
        .trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.7']);
    expect(loadConfig({ APP_SECRET: SECRET, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ APP_SECRET: SECRET, TRUST_PROXY: '' }).trustProxy).toBe(false);
  });

  it.each([
    'true',
    '*',
    'loopbak',
    '10.0.0.0/33',
    '2001:db8::/129',
    '300.1.1.1',
    'loopback,,',
    '1.2.3.4/8/1',
  ])('refuses TRUST_PROXY=%s with one line naming it (never trusts every sender by mistake)', (value) =>
    expectOneLineNaming(configError({ APP_SECRET: SECRET, TRUST_PROXY: value }), 'TRUST_PROXY'),
  );

  it('reads HOLDS_PER_IP_PER_MINUTE (0 turns the limit off) and refuses nonsense', () => {
    expect(loadConfig({ APP_SECRET: SECRET, HOLDS_PER_IP_PER_MINUTE: '0' }).holdsPerIpPerMinute).toBe(0);
    expect(loadConfig({ APP_SECRET: SECRET, HOLDS_PER_IP_PER_MINUTE: '500' }).holdsPerIpPerMinute).toBe(500);
    for (const bad of ['-1', '1.5', 'lots'])
      expectOneLineNaming(
        configError({ APP_SECRET: SECRET, HOLDS_PER_IP_PER_MINUTE: bad }),
        'HOLDS_PER_IP_PER_MINUTE',
      );
  });

  it('reads METRICS_TOKEN and refuses one too short to be a secret', () => {
    expect(loadConfig({ APP_SECRET: SECRET, METRICS_TOKEN: 'm'.repeat(24) }).metricsToken).toBe(
      'm'.repeat(24),
    );
    expectOneLineNaming(configError({ APP_SECRET: SECRET, METRICS_TOKEN: 'short' }), 'METRICS_TOKEN');
  });

  it('reads WEB_CONCURRENCY (auto and 0 = one API process per core) and shares the pool budget', () => {
    const cores = availableParallelism();
    expect(loadConfig({ APP_SECRET: SECRET }).webConcurrency).toBe(1);
    expect(loadConfig({ APP_SECRET: SECRET, WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
    expect(loadConfig({ APP_SECRET: SECRET, WEB_CONCURRENCY: 'auto' }).webConcurrency).toBe(cores);
    expect(loadConfig({ APP_SECRET: SECRET, WEB_CONCURRENCY: '0' }).webConcurrency).toBe(cores);
    const single = loadConfig({ APP_SECRET: SECRET }).databasePoolSize;
    expect(single).toBe(Math.max(4, cores * 2 + 2));
    expect(loadConfig({ APP_SECRET: SECRET, WEB_CONCURRENCY: '64' }).databasePoolSize).toBe(4);
    expect(
      loadConfig({ APP_SECRET: SECRET, WEB_CONCURRENCY: '64', DATABASE_POOL_SIZE: '10' }).databasePoolSize,
    ).toBe(10);
    for (const bad of ['-1', '1.5', 'many', '1000'])
      expectOneLineNaming(configError({ APP_SECRET: SECRET, WEB_CONCURRENCY: bad }), 'WEB_CONCURRENCY');
  });

  it('reads TICKET_PDF_THREADS (default one per core, 0 = render on the main thread)', () => {
    expect(loadConfig({ APP_SECRET: SECRET }).ticketPdfThreads).toBe(availableParallelism());
    expect(loadConfig({ APP_SECRET: SECRET, TICKET_PDF_THREADS: '0' }).ticketPdfThreads).toBe(0);
    expect(loadConfig({ APP_SECRET: SECRET, TICKET_PDF_THREADS: '3' }).ticketPdfThreads).toBe(3);
    for (const bad of ['-1', '1.5', 'many', '1000'])
      expectOneLineNaming(configError({ APP_SECRET: SECRET, TICKET_PDF_THREADS: bad }), 'TICKET_PDF_THREADS');
  });

  it('keeps idle connections 65 s by default (past a load balancer’s 60 s); HTTP_KEEP_ALIVE_SECONDS changes it', () => {
    expect(loadConfig({ APP_SECRET: SECRET }).keepAliveMs).toBe(65_000);
    expect(loadConfig({ APP_SECRET: SECRET, HTTP_KEEP_ALIVE_SECONDS: '120' }).keepAliveMs).toBe(120_000);
    for (const bad of ['0', '-5', '1.5', 'long', '3601'])
      expectOneLineNaming(
        configError({ APP_SECRET: SECRET, HTTP_KEEP_ALIVE_SECONDS: bad }),
        'HTTP_KEEP_ALIVE_SECONDS',
      );
  });

  it('reads the ADMISSION_* limits; ADMISSION_MAX_IN_FLIGHT=0 turns admission control off', () => {
    expect(loadConfig({ APP_SECRET: SECRET }).admission).toEqual({
      maxInFlight: 64,
      maxQueue: 64,
      maxQueueWaitMs: 500,
      maxLoopDelayMs: 10,
    });
    expect(
      loadConfig({
        APP_SECRET: SECRET,
        ADMISSION_MAX_IN_FLIGHT: '8',
        ADMISSION_MAX_QUEUE: '0',
        ADMISSION_MAX_QUEUE_WAIT_MS: '50',
        ADMISSION_MAX_LOOP_DELAY_MS: '0',
      }).admission,
    ).toEqual({ maxInFlight: 8, maxQueue: 0, maxQueueWaitMs: 50, maxLoopDelayMs: 0 });
    expect(loadConfig({ APP_SECRET: SECRET, ADMISSION_MAX_IN_FLIGHT: '0' }).admission).toBeUndefined();
    for (const [name, bad] of [
      ['ADMISSION_MAX_IN_FLIGHT', '-1'],
      ['ADMISSION_MAX_QUEUE', 'x'],
      ['ADMISSION_MAX_QUEUE_WAIT_MS', '0'],
      ['ADMISSION_MAX_LOOP_DELAY_MS', '-1'],
    ] as const)
      expectOneLineNaming(configError({ APP_SECRET: SECRET, [name]: bad }), name);
  });
});

describe('wallet settings', () => {
  const certificates = makeTestPassCertificates();
  const google = makeTestGoogleKey();
  afterAll(() => certificates.cleanup());
  const apple = {
    APPLE_PASS_TYPE_ID: 'pass.test.zevents',
    APPLE_PASS_TEAM_ID: 'ABCDE12345',
    APPLE_PASS_CERT: certificates.signerCert,
    APPLE_PASS_KEY: certificates.signerKey,
    APPLE_PASS_WWDR: certificates.wwdr,
  };
  const googleEnv = {
    GOOGLE_WALLET_ISSUER_ID: '3388000000012345678',
    GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL: 'wallet@project.iam.gserviceaccount.com',
    GOOGLE_WALLET_PRIVATE_KEY: google.privateKeyPem,
  };

  it('leaves both wallets off when unset', () => {
    expect(loadConfig({ APP_SECRET: SECRET }).wallet).toEqual({ apple: undefined, google: undefined });
  });

  it('reads the Apple settings from inline PEMs or from PEM files, an encrypted key with its passphrase', () => {
    const inline = loadConfig({ APP_SECRET: SECRET, ...apple, APPLE_PASS_ORGANIZATION_NAME: 'Z Tickets' });
    expect(inline.wallet.apple).toMatchObject({
      passTypeId: 'pass.test.zevents',
      teamId: 'ABCDE12345',
      organizationName: 'Z Tickets',
    });
    expect(inline.wallet.apple?.signerCert).toContain('BEGIN CERTIFICATE');
    expect(inline.wallet.apple?.signerKey.asymmetricKeyType).toBe('rsa');
    const fromFiles = loadConfig({
      APP_SECRET: SECRET,
      ...apple,
      APPLE_PASS_CERT: certificates.files.signerCert,
      APPLE_PASS_KEY: certificates.files.encryptedKey,
      APPLE_PASS_KEY_PASSPHRASE: KEY_PASSPHRASE,
      APPLE_PASS_WWDR: certificates.files.wwdr,
    });
    expect(fromFiles.wallet.apple?.wwdr).toBe(inline.wallet.apple?.wwdr);
    expect(fromFiles.wallet.apple?.organizationName).toBeUndefined();
  });

  it("pushes pass updates to Apple's APNs unless APPLE_PASS_APNS_URL names another https server", () => {
    expect(loadConfig({ APP_SECRET: SECRET, ...apple }).wallet.apple?.apnsUrl).toBe(
      'https://api.push.apple.com',
    );
    const sandbox = loadConfig({
      APP_SECRET: SECRET,
      ...apple,
      APPLE_PASS_APNS_URL: 'https://api.sandbox.push.apple.com/',
    });
    expect(sandbox.wallet.apple?.apnsUrl).toBe('https://api.sandbox.push.apple.com');
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, ...apple, APPLE_PASS_APNS_URL: 'http://api.push.apple.com' }),
      'APPLE_PASS_APNS_URL',
    );
    // Alone, it is half an Apple setup like any other APPLE_PASS_* setting.
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, APPLE_PASS_APNS_URL: 'https://api.push.apple.com' }),
      'APPLE_PASS_TYPE_ID',
    );
  });

  it('refuses half an Apple setup, an unreadable key, a key of another certificate and a foreign chain', () => {
    const { APPLE_PASS_WWDR: _wwdr, ...withoutWwdr } = apple;
    expectOneLineNaming(configError({ APP_SECRET: SECRET, ...withoutWwdr }), 'APPLE_PASS_WWDR');
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, APPLE_PASS_ORGANIZATION_NAME: 'Z' }),
      'APPLE_PASS_TYPE_ID',
    );
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, ...apple, APPLE_PASS_TEAM_ID: 'abc' }),
      'APPLE_PASS_TEAM_ID',
    );
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, ...apple, APPLE_PASS_CERT: '/nonexistent/signer.pem' }),
      'APPLE_PASS_CERT',
    );
    expectOneLineNaming(
      configError({
        APP_SECRET: SECRET,
        ...apple,
        APPLE_PASS_KEY: certificates.encryptedKey,
        APPLE_PASS_KEY_PASSPHRASE: 'wrong',
      }),
      'APPLE_PASS_KEY',
    );
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, ...apple, APPLE_PASS_KEY: google.privateKeyPem }),
      'APPLE_PASS_KEY',
    );
    // The signer certificate given as its own WWDR: it did not issue itself.
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, ...apple, APPLE_PASS_WWDR: certificates.signerCert }),
      'APPLE_PASS_WWDR',
    );
  });

  it('reads the Google settings, a key with \\n escapes as JSON key files hold it, and refuses half a setup', () => {
    const config = loadConfig({
      APP_SECRET: SECRET,
      ...googleEnv,
      GOOGLE_WALLET_PRIVATE_KEY: google.privateKeyPem.replaceAll('\n', '\\n'),
    });
    expect(config.wallet.google).toMatchObject({
      issuerId: googleEnv.GOOGLE_WALLET_ISSUER_ID,
      serviceAccountEmail: googleEnv.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL,
    });
    expect(config.wallet.google?.privateKey.asymmetricKeyType).toBe('rsa');
    expect(config.wallet.apple).toBeUndefined();
    const { GOOGLE_WALLET_PRIVATE_KEY: _key, ...withoutKey } = googleEnv;
    expectOneLineNaming(configError({ APP_SECRET: SECRET, ...withoutKey }), 'GOOGLE_WALLET_PRIVATE_KEY');
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, ...googleEnv, GOOGLE_WALLET_ISSUER_ID: 'issuer' }),
      'GOOGLE_WALLET_ISSUER_ID',
    );
    expectOneLineNaming(
      configError({ APP_SECRET: SECRET, ...googleEnv, GOOGLE_WALLET_PRIVATE_KEY: 'not a key' }),
      'GOOGLE_WALLET_PRIVATE_KEY',
    );
  });
});
