import type { RestService } from '../types.js';
import { OAUTH2_OPENAPI } from './openapi.js';
import { OAUTH2_MOUNT_PATH, oauth2Router } from './router.js';

/** The emulated OAuth2 token endpoint the REST APIs' clients get their access tokens from. */
export const oauth2Service: RestService = {
  id: 'oauth2',
  title: 'OAuth2 token endpoint (client credentials)',
  mountPath: OAUTH2_MOUNT_PATH,
  openapi: OAUTH2_OPENAPI,
  router: (context) => oauth2Router(context, OAUTH2_OPENAPI),
};
