/**
 * Names for the statements the application sends with parameters, so each connection parses each
 * text once and PostgreSQL keeps its plan (a named prepared statement), instead of parsing and
 * planning the same text on every call: every email and every reserve and pay run 10-25 such
 * statements, and the server sends a couple of dozen distinct texts all day.
 *
 * Only a statement sent with parameters is named: it already goes through the extended protocol,
 * which takes one statement per text, so naming changes nothing else (a text without parameters may
 * hold several statements, and stays on the simple protocol). One name per text for the life of
 * the process (node-postgres refuses a name reused for another text on a connection). As pgjdbc does
 * (prepareThreshold, a statement cache of 256), a text is named from its USES_BEFORE_NAMING-th use,
 * so what runs once (a start-up seed, a rare report) takes no place, and at most MAX_NAMED texts are:
 * queries whose text varies (a list of n ids) cannot grow every connection's statements without
 * bound; past the limit they run unnamed, as before.
 */
export const MAX_NAMED = 256;
export const USES_BEFORE_NAMING = 3;
const PREFIX = 'zq_';
/** Texts counted while not yet named; past it the counts start again (a burst of one-off texts). */
const MAX_COUNTED = 1_000;
/**
 * Longer texts, or more parameters, are bulk statements (a multi-row insert, a list of n ids) whose
 * text changes with their size: never named, never counted.
 */
const MAX_TEXT_LENGTH = 8_192;
const MAX_PARAMETERS = 64;

const names = new Map<string, string>();
const uses = new Map<string, number>();

function nameFor(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const used = (uses.get(text) ?? 0) + 1;
  if (used < USES_BEFORE_NAMING) {
    if (uses.size >= MAX_COUNTED) uses.clear();
    uses.set(text, used);
    return undefined;
  }
  uses.delete(text);
  const name = `${PREFIX}${names.size}`;
  names.set(text, name);
  return name;
}

const isNonEmptyArray = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0;

/**
 * Values node-postgres turns into text without calling anything of ours. For any other value (an
 * object it serializes with JSON.stringify or its toPostgres) the call stays unnamed: node-postgres
 * answers a value that fails to serialize by closing the statement on the server, while its own
 * record still says the statement is prepared, and every later use of that text on the connection
 * would fail with "prepared statement does not exist".
 */
function isPlainValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      if (value instanceof Date) return !Number.isNaN(value.getTime());
      if (Buffer.isBuffer(value)) return true;
      return Array.isArray(value) && value.every(isPlainValue);
    default:
      return false;
  }
}

/** Parameters worth a name: a few, each one node-postgres sends as it is. */
const isNameable = (text: string, values: unknown[]) =>
  text.length <= MAX_TEXT_LENGTH && values.length <= MAX_PARAMETERS && values.every(isPlainValue);

interface QueryConfigLike {
  text: string;
  name?: unknown;
  values?: unknown;
}

function isQueryConfig(value: unknown): value is QueryConfigLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    // A Submittable (a cursor, a stream) is not a plain config: left alone.
    !('submit' in value) &&
    'text' in value &&
    typeof value.text === 'string'
  );
}

/**
 * The arguments of `client.query(...)` with a name added when the statement has parameters and no
 * name yet: `(config, values?, callback?)` or `(text, values, callback?)`. Anything else is returned
 * as it came.
 */
export function withStatementName(args: unknown[]): unknown[] {
  const [first, second, ...rest] = args;
  if (typeof first === 'string') {
    if (!isNonEmptyArray(second) || !isNameable(first, second)) return args;
    const name = nameFor(first);
    return name === undefined ? args : [{ text: first, values: second, name }, ...rest];
  }
  if (!isQueryConfig(first) || first.name) return args;
  const values = isNonEmptyArray(second) ? second : first.values;
  if (!isNonEmptyArray(values) || !isNameable(first.text, values)) return args;
  const name = nameFor(first.text);
  return name === undefined ? args : [{ ...first, name }, ...args.slice(1)];
}
