import { useCallback, type ReactNode } from 'react';
import { ApiError } from '../../api/client';

export interface FieldProblem {
  path: string;
  message: string;
}

/** The two things the mapping needs from a Mantine form (`useForm()` satisfies it). */
export interface FormErrorTarget {
  setFieldError: (path: string, error: ReactNode) => void;
  getValues: () => unknown;
}

export interface FormErrorOptions {
  /** Server paths that differ from the form's own (`buyer.email` -> `email`). */
  pathMap?: Record<string, string>;
  /** Messages for error codes, shown above the form (`INVALID_CREDENTIALS` -> "Wrong email or password"). */
  codeMessages?: Partial<Record<string, string>>;
}

const DEFAULT_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'Check the highlighted fields and try again.',
  RATE_LIMITED: 'Too many attempts. Wait a minute, then try again.',
  CSRF_FAILED: 'Your session changed in another tab. Reload the page and try again.',
  SERVICE_UNAVAILABLE: 'The service is busy right now. Try again in a moment.',
  INTERNAL: 'Something went wrong on our side. Try again in a moment.',
};

/** `must be at least 8 characters` -> `Must be at least 8 characters`. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Puts each field error of an API answer on the form field it names. Returns the problems that
 * match no field, so the caller can show them elsewhere.
 */
export function applyFieldErrors(
  form: FormErrorTarget,
  problems: FieldProblem[],
  pathMap: Record<string, string> = {},
): FieldProblem[] {
  const values = form.getValues();
  const unmatched: FieldProblem[] = [];
  for (const problem of problems) {
    const path = pathMap[problem.path] ?? problem.path;
    if (hasPath(values, path)) form.setFieldError(path, sentence(problem.message));
    else unmatched.push(problem);
  }
  return unmatched;
}

/** The sentence to show for an error that is not about one field. */
export function describeApiError(error: unknown, codeMessages: Partial<Record<string, string>> = {}): string {
  if (error instanceof ApiError) {
    return codeMessages[error.code] ?? DEFAULT_MESSAGES[error.code] ?? error.message;
  }
  return 'Could not reach the server. Check your connection and try again.';
}

/**
 * The form's catch-all for a failed submit: field errors land on their fields, everything else
 * becomes one message for an alert above the form (null when there is nothing more to say).
 */
export function useFormErrorResponseHandler(form: FormErrorTarget, options: FormErrorOptions = {}) {
  const { pathMap, codeMessages } = options;
  return useCallback(
    (error: unknown): string | null => {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        const unmatched = applyFieldErrors(form, error.fieldErrors, pathMap);
        if (unmatched.length === 0) return codeMessages?.[error.code] ?? null;
        return unmatched.map((problem) => `${problem.path}: ${problem.message}`).join('. ');
      }
      return describeApiError(error, codeMessages);
    },
    [form, pathMap, codeMessages],
  );
}
