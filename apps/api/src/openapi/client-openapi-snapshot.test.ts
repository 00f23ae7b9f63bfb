import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import {
  buildPublishedOpenApiDocument,
  CLIENT_OPENAPI_FILE,
  serializeOpenApiDocument,
} from './published-openapi-document';

const CLIENT_SCHEMA_FILE = new URL('../../../../packages/client/src/schema.d.ts', import.meta.url);
const REGENERATE = 'The typed client is stale: run `npm run client:generate` and commit the result.';

/** Generated files are checked like migrations: a route changed without regenerating fails here. */
describe('packages/client', () => {
  it('openapi.json is the document the API builds from its routes', () => {
    const committed = readFileSync(CLIENT_OPENAPI_FILE, 'utf8');
    expect(committed, REGENERATE).toBe(serializeOpenApiDocument(buildPublishedOpenApiDocument()));
  });

  it('schema.d.ts is what openapi-typescript generates from openapi.json', async () => {
    const document = readFileSync(CLIENT_OPENAPI_FILE, 'utf8');
    // The CLI's own output: its header, then the printed types (same defaults as `npm run generate`).
    const generated = `${COMMENT_HEADER}${astToString(await openapiTS(document, { silent: true }))}`;
    expect(readFileSync(CLIENT_SCHEMA_FILE, 'utf8'), REGENERATE).toBe(generated);
  });
});
