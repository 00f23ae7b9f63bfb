import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'zevents_session',
    description: 'Set by signup and login. Unsafe methods also need the X-CSRF-Token header (double submit).',
  });
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An organization API key (`zev_...`), created at POST /api/organizations/{orgId}/api-keys.',
  });
  return registry;
}

/** Generated from the registry every route was added to: the same zod schemas that validate requests. */
export function buildOpenApiDocument(registry: OpenAPIRegistry, serverUrl: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Z-Events API',
      version: '1.0.0',
      description:
        'Event ticketing: organizers publish events and ticket types, buyers reserve and pay, staff check in. ' +
        'Errors are RFC 9457 problem details with a stable `code`.',
    },
    servers: [{ url: serverUrl }],
  });
}
