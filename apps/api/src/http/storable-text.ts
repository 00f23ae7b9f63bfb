import type { RequestHandler } from 'express';
import { AppError, type FieldProblem } from './errors';

/**
 * U+0000 and lone UTF-16 surrogates (JSON `"\ud800x"`) cannot be stored as PostgreSQL text: the
 * first is refused by the database, the second is silently turned into U+FFFD or breaks a json
 * parameter. In `u` mode `\p{Cs}` matches only a surrogate without its pair, so valid emoji pass.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

const MESSAGE = 'must not contain U+0000 or an unpaired UTF-16 surrogate';
/** Enough to name the fields to fix, without walking a hostile body to its end. */
const MAX_PROBLEMS = 20;

/**
 * Where text cannot be stored, named like validation errors (`buyer.name`, `items.0.ticketTypeId`;
 * `where` itself for the top level): every such string and every such member name.
 */
export function findUnstorableText(value: unknown, where: 'body' | 'query'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // An explicit stack, not recursion: JSON nested thousands deep must not overflow the call stack.
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const [current, at] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (!isStorableText(current))
        problems.push({ path: at || where, message: MESSAGE, code: 'invalid_string' });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], join(at, String(i))]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, member] = entries[i] as [string, unknown];
        if (!isStorableText(key)) {
          problems.push({ path: at || where, message: `a member name ${MESSAGE}`, code: 'invalid_key' });
          continue;
        }
        stack.push([member, join(at, key)]);
      }
    }
  }
  return problems;
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

/**
 * One check at the edge, for every JSON body and query string of the API, so no route can forget it
 * and such text never reaches a service or the database: 400 VALIDATION_FAILED naming the fields.
 * Webhook bodies are the payment provider's own words, verified by signature: they are left alone.
 */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  if (req.originalUrl.startsWith('/api/payments/webhooks/')) {
    next();
    return;
  }
  const inBody = req.body === undefined ? [] : findUnstorableText(req.body, 'body');
  if (inBody.length > 0) {
    next(new AppError('VALIDATION_FAILED', 'The request body is invalid', { errors: inBody }));
    return;
  }
  const inQuery = findUnstorableText(req.query, 'query');
  if (inQuery.length > 0) {
    next(new AppError('VALIDATION_FAILED', 'The request query is invalid', { errors: inQuery }));
    return;
  }
  next();
};
