import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildPublishedOpenApiDocument,
  CLIENT_OPENAPI_FILE,
  serializeOpenApiDocument,
} from './published-openapi-document';

/**
 * `npm run openapi`: writes the API's OpenAPI document to packages/client/openapi.json, the input of
 * the typed client (`npm run client:generate` runs this, then regenerates the client's types).
 * Needs no database: the document comes from the routes' schemas alone.
 */
function main(): void {
  writeFileSync(CLIENT_OPENAPI_FILE, serializeOpenApiDocument(buildPublishedOpenApiDocument()));
  console.log(`OpenAPI document written to ${path.relative(process.cwd(), CLIENT_OPENAPI_FILE)}`);
}

try {
  main();
} catch (error: unknown) {
  console.error(error);
  process.exit(1);
}
