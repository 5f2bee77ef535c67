import { Worker } from 'node:worker_threads';
import type { FormatVersion } from './contracts.js';
import type { ScbValidationError } from './errors.js';
import { validateDelivery } from './validate.js';

/**
 * Files up to this size are validated on the main thread: at most about 16,000 nodes or rows, a few milliseconds,
 * less than a worker round trip costs when the worker has to start. Larger ones go to the validation worker.
 */
export const OFF_THREAD_BYTES = 64 * 1024;

/** The worker ends after this long without work, giving its memory (heap and WebAssembly) back. */
const IDLE_MS = 10_000;

/** A worker that runs out of this much heap ends (its job fails as an internal error), not the emulator. */
const WORKER_HEAP_MB = 512;

interface Pending {
  resolve(errors: ScbValidationError[]): void;
  reject(error: Error): void;
}

/**
 * Validates a delivered file: small files in place, larger ones in a worker thread (validation-worker.ts), one
 * worker for the process, started when first needed and ended when idle. A 10 MB file takes the worker about half a
 * second; the main thread meanwhile serves everyone else.
 */
export class ValidationThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  validate(bytes: Uint8Array, formatName: string, version: FormatVersion): Promise<ScbValidationError[]> {
    if (bytes.length <= OFF_THREAD_BYTES) {
      try {
        return Promise.resolve(validateDelivery(bytes, formatName, version));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const id = this.nextId++;
    const worker = this.running();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, bytes, formatName, version });
    });
  }

  /** Ends the worker now (shutdown); pending validations fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.failAll(new Error('the validation worker was stopped'));
    await worker?.terminate();
  }

  private running(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./validation-worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.unref();
    worker.on('message', (message: { id: number; errors?: ScbValidationError[]; failure?: string }) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.errors) pending?.resolve(message.errors);
      else pending?.reject(new Error(message.failure ?? 'validation failed'));
      if (this.pending.size === 0) this.idleSoon(worker);
    });
    const gone = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the validation worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private idleSoon(worker: Worker): void {
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker && this.pending.size === 0) {
        this.worker = undefined;
        void worker.terminate();
      }
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
