import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for tests: it accepts what nodemailer sends, parses just enough
 * MIME (headers, multipart boundaries, transfer encodings, attachment names and types) to assert on,
 * and records every message and every delivery attempt. It can be told to refuse messages (451 or
 * 550, all of them or only those a predicate picks) or to hang (never answer DATA), for fault tests.
 */

export interface SinkAttachment {
  filename: string;
  /** Media type without parameters, lower case (`application/pdf`). */
  contentType: string;
  content: Buffer;
}

export interface SinkMessage {
  /** Order of arrival, from 1. */
  seq: number;
  /** Date.now() when the server accepted it. */
  receivedAt: number;
  envelope: { from: string; to: string[] };
  /** Header names in lower case; folded lines joined, encoded words (RFC 2047) decoded. */
  headers: Record<string, string>;
  subject: string;
  /** `X-Z-Events-Email-Id`: the outbox row. */
  emailId: string | undefined;
  /** `X-Z-Events-Kind`: order_confirmation, reminder, ... */
  kind: string | undefined;
  text: string | undefined;
  html: string | undefined;
  attachments: SinkAttachment[];
  /**
   * Every leaf part's media type, in order (to see text/plain + text/html alternatives). With
   * `headersOnly`, the type of every Content-Type header of the message (multipart ones too).
   */
  partTypes: string[];
  /** Every attachment's file name, in order (read from the part headers with `headersOnly` too). */
  attachmentNames: string[];
  raw: string;
}

export interface SinkAttempt {
  at: number;
  to: string[];
  emailId: string | undefined;
  kind: string | undefined;
  outcome: 'accepted' | 'refused' | 'hung';
}

type Rule = (message: SinkMessage) => boolean;

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` for createMailer. */
  url: string;
  port: number;
  /** Accepted messages, in order of arrival. */
  messages: SinkMessage[];
  /** Every DATA the server saw, accepted or not. */
  attempts: SinkAttempt[];
  /** Refuse matching messages (all when no predicate) with this code, e.g. 451 (try later) or 550. */
  refuse(code: 451 | 550 | number, when?: Rule): void;
  /** Never answer DATA for matching messages (all when no predicate): the client has to time out. */
  hang(when?: Rule): void;
  /** Back to accepting everything. */
  acceptAll(): void;
  /** Resolves when `count` accepted messages match (default 1); rejects after `timeoutMs`. */
  waitFor(match: Rule, options?: { count?: number; timeoutMs?: number }): Promise<SinkMessage[]>;
  /** Accepted messages that match. */
  filter(match: Rule): SinkMessage[];
  close(): Promise<void>;
}

export async function startSmtpSink(options: { headersOnly?: boolean } = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const attempts: SinkAttempt[] = [];
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);
  let refusal: { code: number; when: Rule } | undefined;
  let hanging: Rule | undefined;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    closeTimeout: 200,
    // Plenty of concurrent connections for pooled transports of several workers.
    maxClients: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let message: SinkMessage;
        try {
          message = parseMessage(
            raw,
            {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            options,
          );
        } catch (error) {
          callback(error as Error);
          return;
        }
        const attempt = (outcome: SinkAttempt['outcome']) =>
          attempts.push({
            at: Date.now(),
            to: message.envelope.to,
            emailId: message.emailId,
            kind: message.kind,
            outcome,
          });
        if (hanging?.(message)) {
          attempt('hung');
          return; // never answer
        }
        if (refusal?.when(message)) {
          attempt('refused');
          const error = new Error(
            refusal.code >= 500
              ? 'Mailbox unavailable (test sink refuses)'
              : 'Try again later (test sink refuses)',
          ) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          callback(error);
          return;
        }
        attempt('accepted');
        message.seq = messages.length + 1;
        message.receivedAt = Date.now();
        messages.push(message);
        callback();
        arrivals.emit('message', message);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    attempts,
    refuse(code, when = () => true) {
      refusal = { code, when };
    },
    hang(when = () => true) {
      hanging = when;
    },
    acceptAll() {
      refusal = undefined;
      hanging = undefined;
    },
    filter: (match) => messages.filter(match),
    waitFor(match, options = {}) {
      const count = options.count ?? 1;
      const timeoutMs = options.timeoutMs ?? 10_000;
      return new Promise((resolve, reject) => {
        // Counted as messages arrive (not re-filtered each time: benchmarks wait for 10,000).
        let matched = messages.filter(match).length;
        const check = () => {
          if (matched < count) return false;
          cleanup();
          resolve(messages.filter(match));
          return true;
        };
        const onMessage = (message: SinkMessage) => {
          if (match(message)) matched++;
          check();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `smtp sink: ${messages.filter(match).length} of ${count} expected messages after ${timeoutMs} ms ` +
                `(${messages.length} received in all)`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          arrivals.off('message', onMessage);
        };
        arrivals.on('message', onMessage);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Pooled clients keep connections open; close() ends them after closeTimeout.
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- MIME, just enough

interface Part {
  headers: Record<string, string>;
  contentType: string;
  params: Record<string, string>;
  body: string;
}

function splitHeadersAndBody(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: '' };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** `text/plain; charset="utf-8"; name=x.pdf` -> type and parameters (RFC 2231 continuations joined). */
function parseParams(value: string): { value: string; params: Record<string, string> } {
  const [first = '', ...rest] = value.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const params: Record<string, string> = {};
  const continued: Record<string, string[]> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let val = piece.slice(eq + 1).trim();
    if (val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1);
    const cont = /^(.+?)\*(\d+)?\*?$/.exec(key);
    if (cont?.[1] && (cont[2] !== undefined || key.endsWith('*'))) {
      (continued[cont[1]] ??= [])[Number(cont[2] ?? 0)] = val;
    } else {
      params[key] = val;
    }
  }
  for (const [key, pieces] of Object.entries(continued)) {
    let joined = pieces.join('');
    const charsetted = /^([^']*)'[^']*'(.*)$/.exec(joined);
    if (charsetted) joined = decodeURIComponent(charsetted[2] ?? '');
    params[key] = joined;
  }
  return { value: first.trim().toLowerCase(), params };
}

function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bBqQ]\?)/g, '$1')
    .replace(
      /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
      (_all, _charset: string, encoding: string, text: string) => {
        if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
        const bytes = text
          .replace(/_/g, ' ')
          .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        return Buffer.from(bytes, 'latin1').toString('utf8');
      },
    );
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      // Quoted-printable text is 7-bit: every escape is one byte, so latin1 keeps bytes as they are.
      return Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      );
    default:
      return Buffer.from(body, 'utf8');
  }
}

/** Leaf parts of a MIME entity, depth first. */
function leafParts(text: string): Part[] {
  const { head, body } = splitHeadersAndBody(text);
  const headers = parseHeaders(head);
  const { value: contentType, params } = parseParams(headers['content-type'] ?? 'text/plain');
  if (contentType.startsWith('multipart/') && params.boundary) {
    const delimiter = `--${params.boundary}`;
    const pieces = body.split(delimiter).slice(1);
    const parts: Part[] = [];
    for (const piece of pieces) {
      if (piece.startsWith('--')) break; // closing delimiter
      parts.push(...leafParts(piece.replace(/^[ \t]*\r?\n/, '')));
    }
    return parts;
  }
  return [{ headers, contentType, params, body }];
}

/** `headersOnly` (benchmarks): skip the body, the sink then costs the sender's process little CPU. */
export function parseMessage(
  raw: string,
  envelope: { from: string; to: string[] },
  options: { headersOnly?: boolean } = {},
): SinkMessage {
  const { head } = splitHeadersAndBody(raw);
  const headers = parseHeaders(head);
  let text: string | undefined;
  let html: string | undefined;
  const attachments: SinkAttachment[] = [];
  // Benchmarks count attachments by type without decoding them.
  const partTypes: string[] = options.headersOnly
    ? [...raw.matchAll(/^Content-Type: *([^;\r\n]+)/gim)].map((m) => (m[1] ?? '').trim().toLowerCase())
    : [];
  for (const part of options.headersOnly ? [] : leafParts(raw)) {
    partTypes.push(part.contentType);
    const content = decodeBody(part.body.replace(/\r?\n$/, ''), part.headers['content-transfer-encoding']);
    const disposition = parseParams(part.headers['content-disposition'] ?? '');
    const filename = disposition.params.filename ?? part.params.name;
    if (disposition.value === 'attachment' || filename) {
      attachments.push({ filename: filename ?? '', contentType: part.contentType, content });
    } else if (part.contentType === 'text/plain' && text === undefined) {
      text = content.toString('utf8');
    } else if (part.contentType === 'text/html' && html === undefined) {
      html = content.toString('utf8');
    }
  }
  return {
    seq: 0,
    receivedAt: 0,
    envelope,
    headers,
    subject: headers.subject ?? '',
    emailId: headers['x-z-events-email-id'],
    kind: headers['x-z-events-kind'],
    text,
    html,
    attachments,
    partTypes,
    attachmentNames: options.headersOnly
      ? [...raw.matchAll(/^Content-Disposition: *attachment;(?:\r?\n)?[ \t]*filename="?([^";\r\n]+)/gim)].map(
          (m) => m[1] ?? '',
        )
      : attachments.map((attachment) => attachment.filename),
    raw: options.headersOnly ? '' : raw,
  };
}
