import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DeliveryStore } from './store.js';
import type { DeliveryResult } from './validate.js';
import { ValidationThread } from './validation-thread.js';

/**
 * The background worker over the durable queue (the scb_delivery table). A delivery is claimed (queued →
 * processing) in one transaction, validated, and finished (processing → processed, result stored) in another
 * that only succeeds for the claim that is still current: a ticket is processed once even if the process stops
 * in between (on start, unfinished claims go back to the queue). No timer keeps the process alive. Files larger
 * than OFF_THREAD_BYTES are validated in a worker thread (validation-thread.ts), so a large delivery never holds
 * the main thread: one delivery is validated at a time, and HTTP is served meanwhile.
 *
 * When other processes share the store (cluster workers, replicas), each one's queue claims from the same table and
 * a claim goes to exactly one; a process that starts does not take back others' claims, but a claim older than the
 * lease (its process died) is due again, and the queue looks for due work every second (a delivery accepted by
 * another process, or left by a dead one).
 */
export class DeliveryQueue {
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private stopped = false;
  /** A delivery is being validated (off the main thread): the next waits for it. */
  private busy = false;
  private readonly validation = new ValidationThread();

  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: DeliveryStore,
    private readonly logger: Logger,
    private readonly sharing: { shared: boolean; leaseMs: number; pollMs?: number } = {
      shared: false,
      leaseMs: 30_000,
    },
  ) {}

  start(): void {
    void this.begin().catch((error: unknown) => this.logger.error({ err: error }, 'scb: queue could not start'));
  }

  private async begin(): Promise<void> {
    if (!this.sharing.shared) {
      const requeued = await this.store.requeueUnfinished();
      if (requeued > 0) this.logger.warn({ requeued }, 'scb: deliveries claimed before a stop are queued again');
    } else {
      this.poller = setInterval(() => this.wakeAt(Date.now()), this.sharing.pollMs ?? 1_000);
      this.poller.unref();
    }
    const next = await this.store.nextAvailableAt();
    if (next !== undefined) this.wakeAt(next);
  }

  /** A delivery was queued: make sure the worker wakes up when it is due. */
  notify(availableAt: number): void {
    this.wakeAt(availableAt);
  }

  stop(): void {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.validation.close();
  }

  private wakeAt(at: number): void {
    if (this.stopped || (this.timer && this.timerAt <= at)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () =>
        void this.run().catch((error: unknown) => {
          this.busy = false;
          if (!this.stopped && this.store.open) this.logger.error({ err: error }, 'scb: queue turn failed');
        }),
      Math.max(0, at - Date.now()),
    );
    this.timer.unref();
  }

  /** Processes one due delivery, then comes back for the next (one per turn, so HTTP keeps being served). */
  private async run(): Promise<void> {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.stopped || this.busy) return;
    if (!this.store.open) {
      this.stop();
      return;
    }
    this.busy = true;
    let claimed;
    try {
      claimed = await this.store.claimNext(Date.now(), randomUUID(), this.sharing.leaseMs);
    } finally {
      this.busy = false;
    }
    if (!claimed) {
      const next = await this.store.nextAvailableAt();
      if (next !== undefined) this.wakeAt(next);
      return;
    }
    let result: DeliveryResult;
    this.busy = true;
    try {
      const errors = await this.validation.validate(claimed.fileContent, claimed.deliveryFormat, claimed.version);
      result = { successfulValidation: errors.length === 0, ticket: claimed.ticket, errors };
    } catch (error) {
      // Stopped meanwhile: the claim stays unfinished and goes back to the queue at the next start.
      if (this.stopped || !this.store.open) return;
      this.logger.error({ err: error, ticket: claimed.ticket }, 'scb: validation failed unexpectedly');
      result = {
        successfulValidation: false,
        ticket: claimed.ticket,
        errors: [
          {
            errorCode: 'InternalError',
            errorReason: 'Internt fel',
            errorMessage: 'Leveransen kunde inte valideras på grund av ett internt fel. Leverera filen igen.',
            rowErrors: [],
          },
        ],
      };
    } finally {
      this.busy = false;
    }
    if (this.stopped || !this.store.open) return;
    if (!(await this.store.finish(claimed.ticket, claimed.claimId, result)))
      this.logger.warn({ ticket: claimed.ticket }, 'scb: claim lost before the result was stored');
    this.wakeAt(Date.now());
  }
}

/** Every running queue in this process, so that the service's close() can stop them. */
export const runningQueues = new Set<DeliveryQueue>();
