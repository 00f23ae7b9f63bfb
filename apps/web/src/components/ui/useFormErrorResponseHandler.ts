import { useCallback, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { i18n } from '../../i18n/i18n';

/** The two things the mapping needs from a Mantine form (`useForm()` satisfies it). */
export interface FormErrorTarget {
  setFieldError: (path: string, error: ReactNode) => void;
  getValues: () => unknown;
}

export interface FormErrorOptions {
  /** Server paths that differ from the form's own (`buyer.email` -> `email`, `priceCents` -> `price`). */
  fields?: Record<string, string>;
  /** Server paths -> words a person reads, to rewrite "must be after salesStartAt". */
  labels?: Record<string, string>;
  /** Codes without field errors that still belong to one field (`SLUG_TAKEN` -> `slug`). */
  codes?: Record<string, string>;
  /** Messages for error codes, shown above the form (`INVALID_CREDENTIALS` -> "Wrong email or password"). */
  codeMessages?: Partial<Record<string, string>>;
}

// Translated when an error is shown, not at import: the language can change in between.
const offlineMessage = () => i18n.t('web.org.core.shared.offline');

const DEFAULT_MESSAGE_KEYS: Partial<Record<string, string>> = {
  VALIDATION_FAILED: 'web.org.core.shared.validationFailed',
  RATE_LIMITED: 'web.org.core.shared.rateLimited',
  CSRF_FAILED: 'web.org.core.shared.csrfFailed',
  SERVICE_UNAVAILABLE: 'web.org.core.shared.serviceUnavailable',
  INTERNAL: 'web.org.core.shared.internalError',
};

function defaultMessage(code: string): string | undefined {
  const key = DEFAULT_MESSAGE_KEYS[code];
  return key ? i18n.t(key) : undefined;
}

/** "must be after salesStartAt" -> "Must be after the sales start". */
export function humanizeMessage(message: string, labels: Record<string, string> = {}): string {
  let text = message;
  for (const [path, label] of Object.entries(labels))
    text = text.replace(new RegExp(`\\b${path}\\b`, 'g'), label);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function hasPath(values: unknown, path: string): boolean {
  if (!path) return false;
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/** The sentence to show for an error that is not about one field (an alert, a notification). */
export function describeApiError(error: unknown, codeMessages: Partial<Record<string, string>> = {}): string {
  if (error instanceof ApiError) {
    return codeMessages[error.code] ?? defaultMessage(error.code) ?? error.message;
  }
  return offlineMessage();
}

/**
 * Puts a problem+json answer's field errors onto the form's fields (as Hi.Events does) and returns what
 * is left for an alert above the form: errors of fields the form does not have, or one sentence for
 * the whole answer. A fully placed answer returns null (or its code's message, when one is given).
 */
export function applyFormErrors(
  form: FormErrorTarget,
  error: unknown,
  options: FormErrorOptions = {},
): string | null {
  const { fields = {}, labels = {}, codes = {}, codeMessages = {} } = options;
  if (!(error instanceof ApiError)) return offlineMessage();
  const values = form.getValues();
  const placed = new Set<string>();
  const leftovers: string[] = [];
  for (const { path, message } of error.fieldErrors) {
    const field = fields[path] ?? path;
    if (hasPath(values, field)) {
      // The first problem of a field is the one to fix first; the rest would hide it.
      if (!placed.has(field)) form.setFieldError(field, humanizeMessage(message, labels));
      placed.add(field);
    } else if (!path) {
      leftovers.push(humanizeMessage(message, labels));
    } else {
      leftovers.push(`${labels[path] ? humanizeMessage(labels[path]) : path}: ${message}`);
    }
  }
  const codeField = codes[error.code];
  if (codeField && placed.size === 0 && leftovers.length === 0 && hasPath(values, codeField)) {
    form.setFieldError(codeField, humanizeMessage(error.message, labels));
    placed.add(codeField);
  }
  if (leftovers.length > 0) return leftovers.join('. ');
  if (placed.size > 0) return codeMessages[error.code] ?? null;
  return describeApiError(error, codeMessages);
}

/** `applyFormErrors` bound to one form and its options, for a submit's catch. */
export function useFormErrorResponseHandler(form: FormErrorTarget, options: FormErrorOptions = {}) {
  return useCallback((error: unknown) => applyFormErrors(form, error, options), [form, options]);
}
