import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ChangeListeners, type ChangeFeed, type ChangeListener } from '../change-feed.js';
import { nodePostgres, type PgClient } from './pg.js';

const CHANNEL = 'ssbtek_change';

/**
 * The change feed across replicas on one PostgreSQL database: a writer sends `pg_notify` inside the transaction
 * that makes the change (PostgreSQL delivers it at commit, never for a rolled-back one); every replica LISTENs on
 * one dedicated connection and applies what others changed. Freshness: a change reaches the other replicas when
 * the notification does, normally within a millisecond or two of the commit on one network. A lost connection is
 * re-established every 500 ms, and then every listener reloads everything (notifications sent meanwhile are lost).
 */
export class PgChangeFeed implements ChangeFeed {
  private readonly listeners = new ChangeListeners();
  private readonly origin = randomUUID();
  private client: pg.Client | undefined;
  private closed = false;
  private readonly echoes = new Map<string, () => void>();

  private constructor(private readonly url: string) {}

  static async open(url: string): Promise<PgChangeFeed> {
    const feed = new PgChangeFeed(url);
    await feed.connect();
    return feed;
  }

  private async connect(): Promise<void> {
    const client = new (nodePostgres().Client)({ connectionString: this.url });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.closed) return;
      this.client = undefined;
      setTimeout(() => void this.reconnect(), 500).unref();
    });
    client.on('notification', (message) => this.receive(message.payload ?? ''));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.connect();
      this.listeners.resync();
    } catch {
      setTimeout(() => void this.reconnect(), 500).unref();
    }
  }

  private receive(payload: string): void {
    const [origin, nonce, topic, ...rest] = payload.split('\t');
    if (origin === this.origin) {
      this.echoes.get(nonce!)?.();
      return;
    }
    if (topic) this.listeners.dispatch(topic, rest.join('\t'));
  }

  subscribe(topic: string, listener: ChangeListener): void {
    this.listeners.subscribe(topic, listener);
  }

  refresh(): void {}

  /**
   * Announces a change; call it inside the transaction that makes it. The promise it returns resolves when this
   * replica's own listening connection received the announcement (or after 1 s): other replicas' connections get
   * it from the server at the same moment, so an admin change is answered once the others have it too.
   */
  async announce(client: PgClient, topic: string, key: string): Promise<Promise<void>> {
    const nonce = randomUUID();
    const echoed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1_000);
      timer.unref();
      this.echoes.set(nonce, () => {
        clearTimeout(timer);
        resolve();
      });
    }).finally(() => this.echoes.delete(nonce));
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, [this.origin, nonce, topic, key].join('\t')]);
    return echoed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }
}
