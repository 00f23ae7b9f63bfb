import type { Problem } from '@zevents/contracts';
import type { Response } from 'express';
import { type AppError, STATUS_BY_CODE, TITLE_BY_STATUS } from './errors';

/** Writes an RFC 9457 problem document for an AppError. */
export function sendProblem(res: Response, error: AppError, requestId?: string): void {
  const body = problemOf(error, requestId);
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  // Written as it is: a problem is never served from a cache, so no ETag is hashed for it (a sold-out
  // flash sale answers thousands of them a second).
  res.statusCode = body.status;
  res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  res.end(JSON.stringify(body));
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The RFC 9457 problem document of an AppError. */
export function problemOf(error: AppError, requestId?: string): Problem & Record<string, unknown> {
  const status = STATUS_BY_CODE[error.code];
  return {
    type: `urn:z-events:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLE_BY_STATUS[status] ?? 'Error',
    status,
    detail: error.detail,
    code: error.code,
    ...(requestId ? { requestId } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extra,
  };
}
