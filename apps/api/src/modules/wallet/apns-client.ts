import http2 from 'node:http2';

/** Who pushes, and to which server: the Pass Type ID certificate is also the APNs client certificate. */
export interface ApnsConnection {
  url: string;
  cert: string;
  /** PEM: TLS options take PEM text, not crypto KeyObjects. */
  key: string;
  /** Trusted instead of Node's roots (private test servers only). */
  ca?: string;
}

/** Apple's answer for one device: a status and, on failure, its reason (`BadDeviceToken`, ...). */
export type PushOutcome =
  { pushToken: string; status: number; reason: string | undefined } | { pushToken: string; error: Error };

const CONNECT_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
/** Streams in flight on the one connection: APNs allows many more, this keeps a big event's burst polite. */
const MAX_IN_FLIGHT = 20;

/**
 * Sends an empty push (`{}`, Wallet's "a pass changed") to each token over one HTTP/2 connection,
 * up to MAX_IN_FLIGHT at once, and answers each token's outcome. Throws only when the connection
 * itself cannot be made or breaks: one bad token never fails the others.
 */
export async function pushToDevices(
  connection: ApnsConnection,
  push: { topic: string; pushTokens: readonly string[] },
): Promise<PushOutcome[]> {
  if (push.pushTokens.length === 0) return [];
  const session = await connect(connection);
  let broken: Error | undefined;
  // Without a listener, a session error after connecting would crash the process.
  session.on('error', (error: Error) => {
    broken = error;
  });
  const outcomes: PushOutcome[] = [];
  try {
    const waiting = [...push.pushTokens];
    const sender = async () => {
      for (let pushToken = waiting.shift(); pushToken !== undefined; pushToken = waiting.shift())
        outcomes.push(await pushOne(session, push.topic, pushToken));
    };
    await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, waiting.length) }, sender));
  } finally {
    await new Promise<void>((resolve) => session.close(resolve));
  }
  if (broken) throw new Error(`APNs connection to ${connection.url} failed: ${broken.message}`);
  return outcomes;
}

function connect(connection: ApnsConnection): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(connection.url, {
      cert: connection.cert,
      key: connection.key,
      ...(connection.ca ? { ca: connection.ca } : {}),
    });
    const timer = setTimeout(() => {
      session.destroy();
      reject(new Error(`APNs connection to ${connection.url} timed out`));
    }, CONNECT_TIMEOUT_MS);
    session.once('connect', () => {
      clearTimeout(timer);
      session.removeListener('error', onError);
      resolve(session);
    });
    const onError = (error: Error) => {
      clearTimeout(timer);
      session.destroy();
      reject(new Error(`APNs connection to ${connection.url} failed: ${error.message}`));
    };
    session.once('error', onError);
  });
}

function pushOne(session: http2.ClientHttp2Session, topic: string, pushToken: string): Promise<PushOutcome> {
  return new Promise((resolve) => {
    let status = 0;
    let body = '';
    const stream = session.request({
      ':method': 'POST',
      ':path': `/3/device/${encodeURIComponent(pushToken)}`,
      'apns-topic': topic,
      'content-type': 'application/json',
    });
    stream.setEncoding('utf8');
    stream.setTimeout(REQUEST_TIMEOUT_MS, () => stream.close(http2.constants.NGHTTP2_CANCEL));
    stream.on('response', (headers) => {
      status = Number(headers[':status']);
    });
    stream.on('data', (chunk: string) => {
      body += chunk;
    });
    stream.on('end', () => resolve({ pushToken, status, reason: reasonOf(body) }));
    stream.on('close', () => {
      // Closed without an answer: cancelled by the timeout, or the connection went away.
      if (status === 0) resolve({ pushToken, error: new Error(`no answer (stream code ${stream.rstCode})`) });
    });
    stream.on('error', (error: Error) => resolve({ pushToken, error }));
    stream.end('{}');
  });
}

/** APNs explains a failure as `{"reason": "..."}`; a success has no body. */
function reasonOf(body: string): string | undefined {
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'reason' in parsed &&
      typeof parsed.reason === 'string'
    )
      return parsed.reason;
  } catch {
    // Not JSON: not from APNs, keep a little of it for the log.
  }
  return body.slice(0, 100);
}
