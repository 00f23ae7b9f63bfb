import type { UseFormReturnType } from '@mantine/form';
import { ApiError } from '../../../api/client';

export interface ServerErrorMapping {
  /** API field path -> form field, where they differ (`priceCents` -> `price`). */
  fields?: Record<string, string>;
  /** API field path -> words a person reads, to rewrite "must be after salesStartAt". */
  labels?: Record<string, string>;
  /** Codes without field errors that still belong to one field (`PROMO_CODE_TAKEN` -> `code`). */
  codes?: Record<string, string>;
}

/** "must be after salesStartAt" -> "Must be after the sales start". */
export function humanizeMessage(message: string, labels: Record<string, string> = {}): string {
  let text = message;
  for (const [path, label] of Object.entries(labels))
    text = text.replace(new RegExp(`\\b${path}\\b`, 'g'), label);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Puts a 400/422 answer's field errors onto the form's fields (as Hi.Events does) and returns what is
 * left for a form-level alert: errors of fields the form does not have, or the problem's detail. A
 * fully placed answer returns null.
 */
export function applyServerErrors<Values extends object, Rules>(
  form: UseFormReturnType<Values, Values, Rules>,
  error: unknown,
  mapping: ServerErrorMapping = {},
): string | null {
  if (!(error instanceof ApiError)) return 'Could not reach the server. Check your connection and try again.';
  const values = form.getValues();
  const fieldErrors: Record<string, string> = {};
  const leftovers: string[] = [];
  for (const { path, message } of error.fieldErrors) {
    const field = mapping.fields?.[path] ?? path;
    const text = humanizeMessage(message, mapping.labels);
    if (field in values) {
      fieldErrors[field] ??= text;
    } else {
      leftovers.push(path ? `${humanizeMessage(mapping.labels?.[path] ?? path)}: ${message}` : text);
    }
  }
  const codeField = mapping.codes?.[error.code];
  if (codeField && Object.keys(fieldErrors).length === 0 && codeField in values) {
    fieldErrors[codeField] = humanizeMessage(error.message, mapping.labels);
  }
  if (Object.keys(fieldErrors).length > 0) form.setErrors({ ...form.errors, ...fieldErrors });
  if (leftovers.length > 0) return leftovers.join(' ');
  if (Object.keys(fieldErrors).length > 0) return null;
  return error.message;
}

/** One line for a notification or alert from whatever a mutation threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Could not reach the server. Check your connection and try again.';
}
