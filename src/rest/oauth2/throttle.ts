/**
 * Throttling of failed client authentication at the token endpoint, as a gateway does it: failures are counted per
 * remote address and per client id; past a number of failures the key is locked for a while that doubles with each
 * further failure. A locked key's requests are refused (429) before the secret is looked at, so a guesser learns
 * nothing while locked. A client that authenticated from an address recently (a trusted pair) is judged by its own
 * failures only: others guessing wrong never lock it out.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface ThrottleSettings {
  /** Failed authentications from one address (IPv6: its /64) that lock it; 0 = not counted per address. */
  addressFailures: number;
  /** Failed authentications for one configured client id, from untrusted addresses, that lock it; 0 = not counted. */
  clientFailures: number;
  /** The first lock, doubled with each further failure up to maxLockSeconds. */
  lockSeconds: number;
  maxLockSeconds: number;
  /** A key's failures are forgotten after this long without one once its lock has ended. */
  forgetSeconds: number;
  /** How long a (client id, address) pair stays trusted after its last successful authentication. */
  trustSeconds: number;
  /** At most this many addresses, and this many trusted pairs, are remembered (the longest untouched go first). */
  entries: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  addressFailures: 10,
  clientFailures: 50,
  lockSeconds: 1,
  maxLockSeconds: 900,
  forgetSeconds: 3600,
  trustSeconds: 86_400,
  entries: 10_000,
};

/** One key's failures: how many in a row, the last one, and until when it is locked. */
class Backoff {
  private failures = 0;
  private lastFailure = 0;
  private lockedUntil = 0;

  /** Milliseconds the key stays locked from `now` (0: not locked). */
  lockedFor(now: number): number {
    return Math.max(0, this.lockedUntil - now);
  }

  /** True when nothing about the key matters any more at `now`. */
  forgotten(now: number, forgetMs: number): boolean {
    return now - Math.max(this.lastFailure, this.lockedUntil) > forgetMs;
  }

  fail(now: number, limit: number, s: ThrottleSettings): void {
    if (this.forgotten(now, s.forgetSeconds * 1000)) this.failures = 0;
    this.failures++;
    this.lastFailure = now;
    if (limit > 0 && this.failures >= limit) {
      const doublings = Math.min(this.failures - limit, 30);
      this.lockedUntil = now + Math.min(s.lockSeconds * 1000 * 2 ** doublings, s.maxLockSeconds * 1000);
    }
  }
}

/** A Map kept in least-recently-touched order, dropping the oldest past `max` entries. */
class BoundedMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** The entry for key (made by `create` when missing), moved to the newest end. */
  touch(key: string, create: () => V): V {
    const value = this.map.get(key) ?? create();
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
    return value;
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

interface Trusted {
  until: number;
  own: Backoff;
}

/**
 * The address a throttle counts: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 (one host usually holds a
 * whole /64, so counting single addresses would give it 2^64 fresh starts).
 */
export function addressKey(remoteAddress: string | undefined): string {
  const address = (remoteAddress ?? 'unknown').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class AuthThrottle {
  private readonly addresses: BoundedMap<Backoff>;
  private readonly clients = new Map<string, Backoff>();
  private readonly trusted: BoundedMap<Trusted>;

  /**
   * `clientIds` are the configured clients: only they are counted per client id, so that table is as large as the
   * configuration whatever ids callers make up.
   */
  constructor(
    private readonly settings: ThrottleSettings,
    private readonly clientIds: ReadonlySet<string>,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new BoundedMap(settings.entries);
    this.trusted = new BoundedMap(settings.entries);
  }

  /** How many keys are remembered (addresses, client ids, trusted pairs). */
  get size(): { addresses: number; clients: number; trusted: number } {
    return { addresses: this.addresses.size, clients: this.clients.size, trusted: this.trusted.size };
  }

  /**
   * Milliseconds to wait before this caller's authentication is looked at, or 0. A trusted pair answers for its own
   * failures only; anyone else waits for the address's and the client id's locks.
   */
  retryAfterMs(clientId: string | undefined, remoteAddress: string | undefined): number {
    const now = this.now();
    const address = addressKey(remoteAddress);
    const pair = clientId === undefined ? undefined : this.trustedPair(clientId, address, now);
    if (pair) return pair.own.lockedFor(now);
    const byAddress = this.addresses.get(address)?.lockedFor(now) ?? 0;
    const byClient = clientId === undefined ? 0 : (this.clients.get(clientId)?.lockedFor(now) ?? 0);
    return Math.max(byAddress, byClient);
  }

  /** A failed client authentication (unknown client, wrong secret, unreadable credentials). */
  failed(clientId: string | undefined, remoteAddress: string | undefined): void {
    const { settings: s } = this;
    const now = this.now();
    const address = addressKey(remoteAddress);
    if (s.addressFailures > 0) this.addresses.touch(address, () => new Backoff()).fail(now, s.addressFailures, s);
    if (clientId === undefined || !this.clientIds.has(clientId)) return;
    const pair = this.trustedPair(clientId, address, now);
    if (pair) pair.own.fail(now, s.addressFailures || s.clientFailures, s);
    if (s.clientFailures > 0) {
      let backoff = this.clients.get(clientId);
      if (!backoff) this.clients.set(clientId, (backoff = new Backoff()));
      backoff.fail(now, s.clientFailures, s);
    }
  }

  /** A successful authentication: the pair is trusted for trustSeconds, its own failures forgotten. */
  succeeded(clientId: string, remoteAddress: string | undefined): void {
    const now = this.now();
    const key = pairKey(clientId, addressKey(remoteAddress));
    const pair = this.trusted.touch(key, () => ({ until: 0, own: new Backoff() }));
    pair.until = now + this.settings.trustSeconds * 1000;
    pair.own = new Backoff();
  }

  private trustedPair(clientId: string, address: string, now: number): Trusted | undefined {
    const key = pairKey(clientId, address);
    const pair = this.trusted.get(key);
    if (!pair) return undefined;
    if (pair.until > now) return pair;
    this.trusted.delete(key);
    return undefined;
  }
}

function pairKey(clientId: string, address: string): string {
  return `${address} ${clientId}`;
}
