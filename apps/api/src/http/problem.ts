import type { Problem } from '@zevents/contracts';
import type { Response } from 'express';
import { type AppError, STATUS_BY_CODE, TITLE_BY_STATUS } from './errors';

/** Writes an RFC 9457 problem document for an AppError. */
export function sendProblem(res: Response, error: AppError, requestId?: string): void {
  const status = STATUS_BY_CODE[error.code];
  const body: Problem & Record<string, unknown> = {
    type: `urn:z-events:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLE_BY_STATUS[status] ?? 'Error',
    status,
    detail: error.detail,
    code: error.code,
    ...(requestId ? { requestId } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extra,
  };
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  // Written as it is: a problem is never served from a cache, so no ETag is hashed for it (a sold-out
  // flash sale answers thousands of them a second).
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.end(JSON.stringify(body));
}
