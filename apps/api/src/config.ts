import { createPrivateKey, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { AdmissionLimits } from './http/admission';

/** Empty strings in the environment mean "not set", as operators expect from `FOO= npm start`. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'test', 'production'])).default('development'),
  PORT: optional(z.coerce.number().int().min(0).max(65535)).default(3000),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection string'),
  ),
  DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(1).max(200)),
  APP_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  PUBLIC_URL: optional(z.url()),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  HOLD_MINUTES: optional(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  ).default(15),
  DATA_DIR: optional(z.string()).default('.data'),
  SEED_DEMO: optional(z.enum(['true', 'false'])),
  PAYMENT_PROVIDER: optional(z.enum(['test', 'stripe'])).default('test'),
  STRIPE_SECRET_KEY: optional(z.string().min(1)),
  STRIPE_PUBLISHABLE_KEY: optional(
    z.string().regex(/^pk_(test|live)_\w+$/, 'must be a pk_test_… or pk_live_… key'),
  ),
  STRIPE_WEBHOOK_SECRET: optional(z.string().min(1)),
  STRIPE_API_BASE: optional(z.url()),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL')),
  MAIL_FROM: optional(z.string().min(3)).default('Z-Events <no-reply@localhost>'),
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  TRUST_PROXY: optional(
    z
      .string()
      .refine(
        (value) => parseTrustProxy(value) !== undefined,
        'must be false, or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses or CIDR ranges',
      ),
  ),
  HOLDS_PER_IP_PER_MINUTE: optional(z.coerce.number().int().min(0).max(1_000_000)).default(60),
  WEB_CONCURRENCY: optional(
    z.union([z.literal('auto'), z.coerce.number().int().min(0).max(256)], {
      error: 'must be auto or a whole number of API processes (0 = one per core)',
    }),
  ).default(1),
  API_KEY_CACHE_SECONDS: optional(z.coerce.number().int().min(0).max(300)).default(5),
  // Never above 1 s: the public page must not show more availability than exists for longer.
  PUBLIC_EVENT_CACHE_MS: optional(z.coerce.number().int().min(0).max(1_000)).default(1_000),
  TICKET_PDF_THREADS: optional(z.coerce.number().int().min(0).max(256)),
  // The job worker's CPU priority on Linux (a nice value; 0 = the API's): it yields to reserve and pay.
  WORKER_NICE: optional(z.coerce.number().int().min(0).max(19)).default(10),
  // Above the 60 s idle timeout of common load balancers: see http/keep-alive.ts.
  HTTP_KEEP_ALIVE_SECONDS: optional(z.coerce.number().int().min(1).max(3_600)).default(65),
  ADMISSION_MAX_IN_FLIGHT: optional(z.coerce.number().int().min(0).max(100_000)).default(64),
  ADMISSION_MAX_QUEUE: optional(z.coerce.number().int().min(0).max(100_000)).default(64),
  ADMISSION_MAX_QUEUE_WAIT_MS: optional(z.coerce.number().int().min(1).max(60_000)).default(500),
  ADMISSION_MAX_LOOP_DELAY_MS: optional(z.coerce.number().int().min(0).max(10_000)).default(10),
  WEBHOOKS_ALLOW_PRIVATE: optional(z.enum(['true', 'false'])).default('false'),
  // Wallet passes: each wallet's button and routes exist only when its settings are all set.
  APPLE_PASS_TYPE_ID: optional(
    z
      .string()
      .regex(/^pass\.[A-Za-z0-9.-]+$/, 'must be a pass type identifier such as pass.com.example.tickets'),
  ),
  APPLE_PASS_TEAM_ID: optional(z.string().regex(/^[A-Z0-9]{10}$/, 'must be a 10-character Apple team id')),
  APPLE_PASS_CERT: optional(z.string().min(1)),
  APPLE_PASS_KEY: optional(z.string().min(1)),
  APPLE_PASS_KEY_PASSPHRASE: optional(z.string()),
  APPLE_PASS_WWDR: optional(z.string().min(1)),
  APPLE_PASS_ORGANIZATION_NAME: optional(z.string().trim().min(1).max(100)),
  // No default here: a default would count as "an APPLE_PASS_* setting is set" (readApplePassSettings sets it).
  APPLE_PASS_APNS_URL: optional(z.url({ protocol: /^https$/, error: 'must be an https URL' })),
  GOOGLE_WALLET_ISSUER_ID: optional(z.string().regex(/^\d{1,30}$/, 'must be the numeric issuer id')),
  GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL: optional(z.email()),
  GOOGLE_WALLET_PRIVATE_KEY: optional(z.string().min(1)),
  STORAGE_URL: optional(
    z
      .string()
      .refine(
        (value) => parseStorageUrl(value) !== undefined,
        'must be s3://bucket[/prefix][?endpoint=URL&region=NAME&forcePathStyle=true]',
      ),
  ),
});

const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY names the proxies whose X-Forwarded-For is believed (Express's `trust proxy` list);
 * `false` (or unset) believes no one and takes the client address from the socket. Returns undefined
 * for a value that names something else, so a typo stops the boot instead of trusting every sender.
 */
export function parseTrustProxy(value: string): string[] | false | undefined {
  const trimmed = value.trim();
  if (trimmed === 'false') return false;
  const parts = trimmed.split(',').map((part) => part.trim());
  const isValid = (part: string) => {
    if (NAMED_PROXY_RANGES.has(part)) return true;
    const [address, bits, ...rest] = part.split('/');
    if (rest.length > 0 || !address) return false;
    const family = isIP(address);
    if (family === 0) return false;
    if (bits === undefined) return true;
    if (!/^\d{1,3}$/.test(bits)) return false;
    return Number(bits) <= (family === 4 ? 32 : 128);
  };
  return parts.length > 0 && parts.every(isValid) ? parts : undefined;
}

/** Where uploaded images live: `${DATA_DIR}/media` unless STORAGE_URL names an S3 bucket. */
export type StorageSettings =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      prefix: string;
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
    };

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * `s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&forcePathStyle=true`; region
 * defaults to AWS_REGION, then us-east-1. Undefined for anything else, so a typo stops the boot.
 */
export function parseStorageUrl(
  value: string,
  env: NodeJS.ProcessEnv = process.env,
): Extract<StorageSettings, { kind: 's3' }> | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 's3:' || !BUCKET_NAME.test(url.hostname) || url.username || url.password)
    return undefined;
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) return undefined;
  const forcePathStyle = url.searchParams.get('forcePathStyle') ?? 'false';
  if (forcePathStyle !== 'true' && forcePathStyle !== 'false') return undefined;
  return {
    kind: 's3',
    bucket: url.hostname,
    prefix: decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, ''),
    endpoint,
    region: url.searchParams.get('region') ?? env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: forcePathStyle === 'true',
  };
}

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  appSecret: string;
  publicUrl: string;
  logLevel: string;
  holdMinutes: number;
  dataDir: string;
  seedDemo: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Bearer token for /metrics in production; unset there means /metrics answers 404. */
  metricsToken: string | undefined;
  /** Express `trust proxy`: the proxies whose X-Forwarded-For names the client, or false. */
  trustProxy: string[] | false;
  /** New holds per client address per minute (0 turns the limit off). */
  holdsPerIpPerMinute: number;
  /** API processes sharing the port (WEB_CONCURRENCY; `auto` and 0 mean one per core). */
  webConcurrency: number;
  /** How long a verified API key is trusted in memory (a revoked key works that long at most); 0 = never. */
  apiKeyCacheSeconds: number;
  /** How long a public event page is served from memory, at most 1 s; 0 = read each time. */
  publicEventCacheMs: number;
  /** Worker threads that render ticket PDFs in the job worker (0: on the job worker's thread). */
  ticketPdfThreads: number;
  /** The job worker's nice value (Linux): its thread, and the PDF threads it starts, yield the CPU. */
  workerNice: number;
  /** How long an idle keep-alive connection stays open (HTTP_KEEP_ALIVE_SECONDS, in ms). */
  keepAliveMs: number;
  /** Admission control of the reserve route, per process; undefined when ADMISSION_MAX_IN_FLIGHT=0. */
  admission: AdmissionLimits | undefined;
  /**
   * WEBHOOKS_ALLOW_PRIVATE: outgoing webhooks may reach loopback, private and link-local addresses
   * (a receiver on the operator's own network, tests); off, they go to public addresses only.
   */
  webhooksAllowPrivate: boolean;
  /** Apple and Google wallet passes; each undefined when unset (its buttons and routes hide). */
  wallet: WalletSettings;
  /** Uploaded images: local disk, or an S3 bucket (STORAGE_URL). */
  storage: StorageSettings;
  payments:
    | { provider: 'test' }
    | {
        provider: 'stripe';
        secretKey: string;
        publishableKey: string;
        webhookSecret: string;
        apiBase: string | undefined;
      };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment once at boot. Any bad value throws a ConfigError whose message is one line
 * naming the variable, so `main.ts` can print it and exit instead of failing later at random.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const webConcurrency =
    e.WEB_CONCURRENCY === 'auto' || e.WEB_CONCURRENCY === 0 ? availableParallelism() : e.WEB_CONCURRENCY;
  const dataDir = path.resolve(e.DATA_DIR);
  if (isProduction && !e.APP_SECRET) {
    throw new ConfigError('Invalid configuration: APP_SECRET is required when NODE_ENV=production');
  }
  if (e.PAYMENT_PROVIDER === 'stripe') {
    const missing = (['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET'] as const).find(
      (name) => !e[name],
    );
    if (missing)
      throw new ConfigError(`Invalid configuration: ${missing} is required when PAYMENT_PROVIDER=stripe`);
    // A test publishable key with a live secret key (or the reverse) boots fine and then fails every
    // payment in the browser: refuse it here.
    const isLive = (key: string | undefined) => /^(sk|rk|pk)_live_/.test(key ?? '');
    if (isLive(e.STRIPE_SECRET_KEY) !== isLive(e.STRIPE_PUBLISHABLE_KEY))
      throw new ConfigError(
        'Invalid configuration: STRIPE_PUBLISHABLE_KEY and STRIPE_SECRET_KEY must both be test keys or both live keys',
      );
  }
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    // About 2 x cores + 2 in all: more connections than that only queue inside PostgreSQL. N API
    // processes share that budget (at least 4 each), so WEB_CONCURRENCY=auto on a large machine
    // does not open cores x (2 x cores + 2) connections.
    databasePoolSize:
      e.DATABASE_POOL_SIZE ?? Math.max(4, Math.ceil((availableParallelism() * 2 + 2) / webConcurrency)),
    appSecret: e.APP_SECRET ?? readOrCreateDevSecret(dataDir),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    holdMinutes: e.HOLD_MINUTES,
    dataDir,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !isProduction,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: e.TRUST_PROXY ? (parseTrustProxy(e.TRUST_PROXY) ?? false) : false,
    holdsPerIpPerMinute: e.HOLDS_PER_IP_PER_MINUTE,
    webConcurrency,
    apiKeyCacheSeconds: e.API_KEY_CACHE_SECONDS,
    publicEventCacheMs: e.PUBLIC_EVENT_CACHE_MS,
    // One per core by default: on Linux the threads run at a lower priority than the event loop.
    ticketPdfThreads: e.TICKET_PDF_THREADS ?? availableParallelism(),
    workerNice: e.WORKER_NICE,
    keepAliveMs: e.HTTP_KEEP_ALIVE_SECONDS * 1000,
    admission:
      e.ADMISSION_MAX_IN_FLIGHT === 0
        ? undefined
        : {
            maxInFlight: e.ADMISSION_MAX_IN_FLIGHT,
            maxQueue: e.ADMISSION_MAX_QUEUE,
            maxQueueWaitMs: e.ADMISSION_MAX_QUEUE_WAIT_MS,
            maxLoopDelayMs: e.ADMISSION_MAX_LOOP_DELAY_MS,
          },
    wallet: { apple: readApplePassSettings(e), google: readGoogleWalletSettings(e) },
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === 'true',
    storage: (e.STORAGE_URL ? parseStorageUrl(e.STORAGE_URL, env) : undefined) ?? {
      kind: 'local',
      dir: path.join(dataDir, 'media'),
    },
    payments:
      e.PAYMENT_PROVIDER === 'stripe'
        ? {
            provider: 'stripe',
            secretKey: e.STRIPE_SECRET_KEY ?? '',
            publishableKey: e.STRIPE_PUBLISHABLE_KEY ?? '',
            webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? '',
            apiBase: e.STRIPE_API_BASE,
          }
        : { provider: 'test' },
  };
}

/** Development only: one secret generated on first start and kept, so sessions survive restarts. */
function readOrCreateDevSecret(dataDir: string): string {
  const file = path.join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** What signs Apple Wallet passes (the operator's Pass Type ID certificate from Apple). */
export interface ApplePassSettings {
  passTypeId: string;
  teamId: string;
  /** Shown on the lock screen; unset: the event's organization. */
  organizationName: string | undefined;
  signerCert: string;
  /** Already decrypted: the passphrase is used once, here, to read it. */
  signerKey: KeyObject;
  wwdr: string;
  /** Where pass updates are pushed (APPLE_PASS_APNS_URL): Apple's production APNs unless set. */
  apnsUrl: string;
  /**
   * The CA that a private APNs stand-in's certificate chains to (tests only, never read from the
   * environment); unset, Node's usual roots are trusted, which Apple's servers chain to.
   */
  apnsCa?: string;
}

/** What signs "Save to Google Wallet" links (a service account of the issuer). */
export interface GoogleWalletSettings {
  issuerId: string;
  serviceAccountEmail: string;
  privateKey: KeyObject;
}

export interface WalletSettings {
  apple: ApplePassSettings | undefined;
  google: GoogleWalletSettings | undefined;
}

type Env = z.infer<typeof EnvSchema>;

const APPLE_APNS_URL = 'https://api.push.apple.com';
const APPLE_PASS_REQUIRED = [
  'APPLE_PASS_TYPE_ID',
  'APPLE_PASS_TEAM_ID',
  'APPLE_PASS_CERT',
  'APPLE_PASS_KEY',
  'APPLE_PASS_WWDR',
] as const;
const GOOGLE_WALLET_REQUIRED = [
  'GOOGLE_WALLET_ISSUER_ID',
  'GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL',
  'GOOGLE_WALLET_PRIVATE_KEY',
] as const;

/** All of a group or none: half a wallet setup boots, then fails on the first buyer's tap. */
function requireAllOf(e: Env, group: readonly (keyof Env)[], prefix: string): boolean {
  const isSet = (name: keyof Env) => e[name] !== undefined;
  const anySet = (Object.keys(e) as (keyof Env)[]).some((name) => name.startsWith(prefix) && isSet(name));
  if (!anySet) return false;
  const missing = group.find((name) => !isSet(name));
  if (missing)
    throw new ConfigError(`Invalid configuration: ${missing} is required when any ${prefix}* setting is set`);
  return true;
}

/**
 * A PEM given inline or as the path of a PEM file. Inline values may carry `\n` escapes, as a
 * service account's JSON key and many secret stores write them.
 */
function readPem(name: string, value: string): string {
  if (value.includes('-----BEGIN')) return value.replaceAll('\\n', '\n');
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch {
    throw new ConfigError(`Invalid configuration: ${name} is neither a PEM nor a readable PEM file`);
  }
  if (!text.includes('-----BEGIN'))
    throw new ConfigError(`Invalid configuration: ${name} names a file that holds no PEM`);
  return text;
}

function readCertificate(name: string, value: string): X509Certificate {
  try {
    return new X509Certificate(readPem(name, value));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`Invalid configuration: ${name} is not a PEM certificate`);
  }
}

/** An RSA private key: passkit-generator signs with node-forge, which reads RSA keys only. */
function readRsaKey(name: string, value: string, passphrase: string | undefined): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: readPem(name, value), passphrase });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `Invalid configuration: ${name} is not a readable private key (check its passphrase)`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new ConfigError(`Invalid configuration: ${name} must be an RSA private key`);
  return key;
}

/**
 * Checked here rather than on the first download: a key that does not match its certificate, or a
 * certificate from another WWDR generation, gives passes that iPhones refuse without saying why.
 */
function readApplePassSettings(e: Env): ApplePassSettings | undefined {
  if (!requireAllOf(e, APPLE_PASS_REQUIRED, 'APPLE_PASS_')) return undefined;
  const signerCert = readCertificate('APPLE_PASS_CERT', e.APPLE_PASS_CERT ?? '');
  const wwdr = readCertificate('APPLE_PASS_WWDR', e.APPLE_PASS_WWDR ?? '');
  const key = readRsaKey('APPLE_PASS_KEY', e.APPLE_PASS_KEY ?? '', e.APPLE_PASS_KEY_PASSPHRASE);
  if (!signerCert.checkPrivateKey(key))
    throw new ConfigError('Invalid configuration: APPLE_PASS_KEY is not the private key of APPLE_PASS_CERT');
  if (!signerCert.checkIssued(wwdr))
    throw new ConfigError('Invalid configuration: APPLE_PASS_CERT was not issued by APPLE_PASS_WWDR');
  return {
    passTypeId: e.APPLE_PASS_TYPE_ID ?? '',
    teamId: e.APPLE_PASS_TEAM_ID ?? '',
    organizationName: e.APPLE_PASS_ORGANIZATION_NAME,
    signerCert: signerCert.toString(),
    signerKey: key,
    wwdr: wwdr.toString(),
    apnsUrl: (e.APPLE_PASS_APNS_URL ?? APPLE_APNS_URL).replace(/\/+$/, ''),
  };
}

function readGoogleWalletSettings(e: Env): GoogleWalletSettings | undefined {
  if (!requireAllOf(e, GOOGLE_WALLET_REQUIRED, 'GOOGLE_WALLET_')) return undefined;
  return {
    issuerId: e.GOOGLE_WALLET_ISSUER_ID ?? '',
    serviceAccountEmail: e.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL ?? '',
    privateKey: readRsaKey('GOOGLE_WALLET_PRIVATE_KEY', e.GOOGLE_WALLET_PRIVATE_KEY ?? '', undefined),
  };
}
