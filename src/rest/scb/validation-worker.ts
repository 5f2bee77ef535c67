import { parentPort } from 'node:worker_threads';
import type { FormatVersion } from './contracts.js';
import { validateDelivery } from './validate.js';

/**
 * The worker thread that validates SCB delivery files (validation-thread.ts starts it). It has its own libxml2
 * (WebAssembly) instance, schema cache and input provider, so a large file's parse and validation use neither the
 * main thread's time nor its WebAssembly memory (which never shrinks; this worker's goes when it ends).
 */
export interface ValidationJob {
  id: number;
  bytes: Uint8Array;
  formatName: string;
  version: FormatVersion;
}

parentPort?.on('message', (job: ValidationJob) => {
  try {
    parentPort!.postMessage({ id: job.id, errors: validateDelivery(job.bytes, job.formatName, job.version) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, failure: (error as Error).message ?? String(error) });
  }
});
