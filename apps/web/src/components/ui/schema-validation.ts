import { humanizeMessage } from './useFormErrorResponseHandler';

/** What the adapter reads of a zod issue. */
export interface SchemaIssue {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Any zod schema (`safeParse`), typed structurally so the web app needs no zod import of its own. */
export interface SafeParseSchema {
  safeParse: (value: unknown) => { success: true } | { success: false; error: { issues: SchemaIssue[] } };
}

/**
 * The sentence a person reads for a field; a function when the field can fail in more than one way
 * (it gets the form's values too, for sentences that depend on another field).
 */
export type FieldMessage<Values = unknown> = string | ((issue: SchemaIssue, values: Values) => string);

export interface SchemaValidationOptions<Values> {
  /** The request body the form's values become (trimmed, optional fields left out); the values as they are by default. */
  toBody?: (values: Values) => unknown;
  /** Body paths that differ from the form's fields (`buyer.email` -> `email`), as for the server's errors. */
  fields?: Record<string, string>;
  /** Form field -> what to say when the schema refuses it (the schema's own words are for developers). */
  messages: Partial<Record<string, FieldMessage<Values>>>;
  /**
   * Checks only the form can make (a number already sold, a whole number before it is converted):
   * form field -> its sentence, or null when fine. They apply to fields the schema did not refuse.
   */
  extraChecks?: (values: Values) => Partial<Record<string, string | null>>;
}

/**
 * A Mantine `validate` function from a `@zevents/contracts` schema: the form checks exactly what the
 * API will, before the request, and each refused field shows the form's human sentence. The first
 * problem of a field wins.
 */
export function schemaValidator<Values>(schema: SafeParseSchema, options: SchemaValidationOptions<Values>) {
  const { toBody, fields = {}, messages, extraChecks } = options;
  return (values: Values): Record<string, string> => {
    const result = schema.safeParse(toBody ? toBody(values) : values);
    const errors: Record<string, string> = {};
    for (const [field, message] of Object.entries(extraChecks?.(values) ?? {}))
      if (message) errors[field] = message;
    if (result.success) return errors;
    // The schema's word wins over an extra check: it is what the API would answer.
    const refused = new Set<string>();
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      const field = fields[path] ?? path;
      if (refused.has(field)) continue;
      refused.add(field);
      const message = messages[field];
      errors[field] =
        typeof message === 'function' ? message(issue, values) : (message ?? humanizeMessage(issue.message));
    }
    return errors;
  };
}
