import { validate as isUuidString } from 'uuid';

/** Ids are opaque to clients; anything that is not one of our UUIDs simply does not exist (404). */
export function isUuid(value: string): boolean {
  return isUuidString(value);
}
