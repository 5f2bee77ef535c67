import type { RestService } from '../types.js';
import { SAMORDNINGSNUMMER_OPENAPI } from './openapi.js';
import { SAMORDNINGSNUMMER_MOUNT_PATH, samordningsnummerRouter } from './router.js';

/** Skatteverket's Folkbokföring – Samordningsnummer v1: anmälan om förnyelse and ping, behind OAuth2. */
export const samordningsnummerService: RestService = {
  id: 'samordningsnummer',
  title: 'Folkbokföring – Samordningsnummer v1 (Skatteverket)',
  mountPath: SAMORDNINGSNUMMER_MOUNT_PATH,
  openapi: SAMORDNINGSNUMMER_OPENAPI,
  router: (context) => samordningsnummerRouter(context, SAMORDNINGSNUMMER_OPENAPI),
};
