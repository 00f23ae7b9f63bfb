import type { Problem } from '@zevents/contracts';

/** A problem+json answer from the API, with its stable code and field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: Array<{ path: string; message: string }>;
  readonly problem: Partial<Problem> & Record<string, unknown>;

  constructor(status: number, problem: Partial<Problem> & Record<string, unknown>) {
    super(typeof problem.detail === 'string' ? problem.detail : `Request failed (${status})`);
    this.status = status;
    this.code = typeof problem.code === 'string' ? problem.code : 'UNKNOWN';
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }
}

function readCookie(name: string): string | undefined {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

/** The double-submit header every unsafe request carries (empty before the first response sets it). */
export function csrfHeaders(): Record<string, string> {
  const csrf = readCookie('zevents_csrf');
  return csrf ? { 'X-CSRF-Token': csrf } : {};
}

/** Turns a failed answer's body (problem+json, or text from a proxy) into an ApiError. */
export function toApiError(status: number, payload: unknown): ApiError {
  return new ApiError(
    status,
    typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>)
      : { detail: String(payload) },
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Calls the API with the session cookie; unsafe methods echo the CSRF cookie in X-CSRF-Token
 * (double submit). Errors become ApiError so forms can map `fieldErrors` onto their fields.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') Object.assign(headers, csrfHeaders());
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (response.status === 204) return undefined as T;
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const payload: unknown = isJson ? await response.json() : await response.text();
  if (!response.ok) throw toApiError(response.status, payload);
  return payload as T;
}

/** A fresh random key per user action, so a retried click never buys twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
