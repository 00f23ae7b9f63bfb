import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { isConnectionError } from '../db/database-health';
import { AppError } from './errors';
import { sendProblem } from './problem';

/** Errors thrown by body-parser carry a `type`; each one is the client's fault, never a 500. */
const BODY_PARSER_ERRORS: Record<string, AppError> = {
  'entity.parse.failed': new AppError('MALFORMED_JSON', 'The request body is not valid JSON'),
  'entity.too.large': new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large'),
  'encoding.unsupported': new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body encoding is not supported'),
  'charset.unsupported': new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body charset is not supported'),
  'request.aborted': new AppError('VALIDATION_FAILED', 'The request was aborted'),
  'request.size.invalid': new AppError('VALIDATION_FAILED', 'The request body length does not match'),
  'stream.encoding.set': new AppError('VALIDATION_FAILED', 'The request body could not be read'),
  'parameters.too.many': new AppError('VALIDATION_FAILED', 'Too many parameters'),
};

/** PostgreSQL errors that mean "your input" or "try again", not "our bug". */
function fromDatabaseError(error: { code?: unknown; message?: unknown }): AppError | undefined {
  switch (error.code) {
    case '22P02': // invalid text representation (e.g. not a uuid)
      return new AppError('NOT_FOUND', 'Resource not found');
    case '22003': // numeric value out of range
    case '22007': // invalid datetime format
    case '22008': // datetime out of range
      return new AppError('VALIDATION_FAILED', 'A value is out of range');
    case '22001': // string data right truncation (a value longer than its column)
      return new AppError('VALIDATION_FAILED', 'A value is too long');
    case '22021': // character not in repertoire (U+0000 in a text value)
    case '22P05': // untranslatable character
      return new AppError(
        'VALIDATION_FAILED',
        'A value contains a character that cannot be stored (such as U+0000)',
      );
    case '40001': // serialization failure
    case '40P01': // deadlock
    case '53300': // too many connections
      return new AppError('SERVICE_UNAVAILABLE', 'The database is busy; try again', {
        headers: { 'Retry-After': '1' },
      });
    default:
      break;
  }
  // Restarting, shut down, unreachable, or the connection dropped mid-query (57P01, 57P03,
  // ECONNREFUSED, "Connection terminated unexpectedly", ...): the server reconnects by itself.
  if (isConnectionError(error)) return databaseUnavailable();
  if (
    typeof error.message === 'string' &&
    error.message.includes('timeout exceeded when trying to connect')
  ) {
    return new AppError('SERVICE_UNAVAILABLE', 'The server is busy; try again', {
      headers: { 'Retry-After': '1' },
    });
  }
  return undefined;
}

/** The answer while PostgreSQL cannot be reached; load shedding gives the same one without a query. */
export function databaseUnavailable(): AppError {
  return new AppError('SERVICE_UNAVAILABLE', 'The database cannot be reached right now; try again shortly', {
    headers: { 'Retry-After': '1' },
  });
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', 'The request is invalid', {
      errors: error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
        code: issue.code,
      })),
    });
  }
  if (error && typeof error === 'object') {
    const typed = error as { type?: unknown; code?: unknown; message?: unknown };
    if (typeof typed.type === 'string' && BODY_PARSER_ERRORS[typed.type])
      return BODY_PARSER_ERRORS[typed.type];
    return fromDatabaseErrorChain(error) ?? fromClientHttpError(error);
  }
  return undefined;
}

/** Drizzle wraps driver errors (DrizzleQueryError): the PostgreSQL code sits on `cause`. */
function fromDatabaseErrorChain(error: object): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const mapped = fromDatabaseError(current as { code?: unknown; message?: unknown });
    if (mapped) return mapped;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Other errors that already carry a 4xx status (http-errors from body-parser without a known `type`,
 * such as a corrupt gzip body; the router's URIError for a badly percent-encoded path) are the
 * client's fault too.
 */
function fromClientHttpError(error: object): AppError | undefined {
  const typed = error as { status?: unknown; statusCode?: unknown };
  const status = typeof typed.status === 'number' ? typed.status : typed.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body type is not supported');
  return new AppError('VALIDATION_FAILED', 'The request could not be read');
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const requestId = typeof req.id === 'string' ? req.id : String(req.id ?? '');
    const known = toAppError(error);
    if (res.headersSent) {
      // A streamed response failed midway: nothing sensible can be sent, so cut the connection.
      logger.error({ err: error, requestId }, 'error after the response started');
      res.destroy();
      return;
    }
    if (known) {
      if (known.code === 'SERVICE_UNAVAILABLE') logger.warn({ err: error, requestId }, known.detail);
      sendProblem(res, known, requestId);
      return;
    }
    logger.error({ err: error, requestId }, 'unhandled error');
    sendProblem(
      res,
      new AppError('INTERNAL', 'Something went wrong on our side; it has been logged'),
      requestId,
    );
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};
