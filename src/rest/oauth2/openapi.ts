/**
 * The project's own OpenAPI 3.1 description of the emulated OAuth2 token endpoint (client credentials grant).
 * Served at /openapi/oauth2.json and enforced on requests by the router.
 */
export const OAUTH2_OPENAPI: Record<string, unknown> = {
  openapi: '3.1.0',
  info: {
    title: 'OAuth2 token endpoint (emulated)',
    version: '1.0.0',
    description: [
      'Issues access tokens for the emulated REST APIs with the OAuth 2.0 client credentials grant (RFC 6749 §4.4).',
      'The client authenticates with `client_id` and `client_secret` in the form body, or with HTTP Basic',
      'authentication (one method per request). Clients and the scopes each may ask for are configured',
      '(`oauth2Clients`); the embedded default has one demo client, `demo`/`demo`, allowed scope `esnr`.',
      'Tokens are JWTs signed with HS256 (a per-process random key unless `oauth2SigningSecret` is set), typed',
      '`at+jwt`, with claims `iss`, `aud`, `sub`, `client_id`, `scope`, `iat`, `exp` and `jti`; they live',
      '`oauth2TokenExpiresInSeconds` seconds (default 3600). A request without `scope` gets every scope the client',
      'is allowed. Errors follow RFC 6749 §5.2: `{"error", "error_description"}`.',
      'Failed client authentication is throttled as a gateway does: ten failures from one address (an IPv6 host',
      'counts by its /64), or fifty for one client id, lock the address or the client id for a second, doubled with',
      'each further failure up to fifteen minutes (`oauth2Throttle`); while locked a request is answered 429',
      '`temporarily_unavailable` with `Retry-After` before its secret is looked at. A client that authenticated from',
      'an address in the last day is judged by its own failures there only, so others guessing wrong never lock it out.',
    ].join(' '),
  },
  servers: [{ url: '/oauth2/v1' }],
  paths: {
    '/sys/token': {
      post: {
        operationId: 'token',
        summary: 'Issue an access token (client credentials)',
        security: [{}, { clientBasic: [] }],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: { $ref: '#/components/schemas/TokenRequest' },
            },
          },
        },
        responses: {
          '200': {
            description: 'A token was issued.',
            headers: {
              'Cache-Control': { schema: { type: 'string', const: 'no-store' } },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenResponse' } } },
          },
          '400': {
            description:
              'invalid_request (a parameter missing, repeated or malformed; a body that is not form-encoded), ' +
              'unsupported_grant_type, invalid_grant (a refresh token: none is ever issued) or invalid_scope ' +
              '(a scope the client is not allowed).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenError' } } },
          },
          '401': {
            description: 'invalid_client: no client authentication, an unknown client or a wrong secret.',
            headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenError' } } },
          },
          '429': {
            description:
              'temporarily_unavailable: too many failed client authentications from this address or for this ' +
              'client id; try again after Retry-After seconds.',
            headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenError' } } },
          },
          '405': {
            description: 'Only POST is allowed.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenError' } } },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      clientBasic: {
        type: 'http',
        scheme: 'basic',
        description: 'client_id and client_secret as HTTP Basic credentials (RFC 6749 §2.3.1).',
      },
    },
    schemas: {
      TokenRequest: {
        type: 'object',
        required: ['grant_type'],
        properties: {
          grant_type: { type: 'string', description: 'Must be `client_credentials`.' },
          client_id: { type: 'string' },
          client_secret: { type: 'string' },
          scope: { type: 'string', description: 'Space-separated scopes, e.g. `esnr`.' },
        },
      },
      TokenResponse: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in', 'scope'],
        properties: {
          access_token: { type: 'string', description: 'A JWT (HS256) to send as `Authorization: Bearer …`.' },
          token_type: { type: 'string', const: 'Bearer' },
          expires_in: { type: 'integer', minimum: 1, description: 'Seconds until the token expires.' },
          scope: { type: 'string', description: 'The scopes granted, space-separated.' },
        },
      },
      TokenError: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'string',
            enum: [
              'invalid_request',
              'invalid_client',
              'invalid_grant',
              'unauthorized_client',
              'unsupported_grant_type',
              'invalid_scope',
              'temporarily_unavailable',
            ],
          },
          error_description: { type: 'string' },
        },
      },
    },
  },
};
