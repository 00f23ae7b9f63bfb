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

/** The sentence a person reads for a field; a function when the field can fail in more than one way. */
export type FieldMessage = string | ((issue: SchemaIssue) => string);

export interface SchemaValidationOptions<Values> {
  /** The request body the form's values become (trimmed, optional fields left out); the values as they are by default. */
  toBody?: (values: Values) => unknown;
  /** Body paths that differ from the form's fields (`buyer.email` -> `email`), as for the server's errors. */
  fields?: Record<string, string>;
  /** Form field -> what to say when the schema refuses it (the schema's own words are for developers). */
  messages: Partial<Record<string, FieldMessage>>;
}

/**
 * A Mantine `validate` function from a `@zevents/contracts` schema: the form checks exactly what the
 * API will, before the request, and each refused field shows the form's human sentence. The first
 * problem of a field wins.
 */
export function schemaValidator<Values>(schema: SafeParseSchema, options: SchemaValidationOptions<Values>) {
  const { toBody, fields = {}, messages } = options;
  return (values: Values): Record<string, string> => {
    const result = schema.safeParse(toBody ? toBody(values) : values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      const field = fields[path] ?? path;
      if (errors[field] !== undefined) continue;
      const message = messages[field];
      errors[field] =
        typeof message === 'function' ? message(issue) : (message ?? humanizeMessage(issue.message));
    }
    return errors;
  };
}
