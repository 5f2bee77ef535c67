import type { RestService } from '../types.js';
import { openapi } from './openapi.js';
import { runningQueues } from './queue.js';
import { MOUNT_PATH, scbRouter } from './router.js';

/** SCB:s inlämningstjänst: asynchronous file delivery under a delivery agreement (README "SCB inlämningstjänst"). */
export const scbService: RestService = {
  id: 'scb',
  title: 'SCB inlämningstjänst',
  mountPath: MOUNT_PATH,
  openapi,
  router: scbRouter,
  async close() {
    for (const queue of runningQueues) queue.stop();
    runningQueues.clear();
  },
};
