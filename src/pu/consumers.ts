import type { IncomingMessage } from 'node:http';
import { certifiedCallerId } from '../http/caller-identity.js';

/**
 * Who calls Personuppgiftstjänsten, and under which contract (seed 004): a consumer (identified by its HSA id in
 * the `X-PU-Consumer` header on plain HTTP, or by its client certificate's serialNumber over TLS) has a contract
 * kind, normal or extended; private care providers never get extended access whatever they are configured with.
 * A region's own consumers carry its county code (län), which decides what an aviseringsuttag may contain.
 */
export interface PuConsumer {
  id: string;
  name: string;
  contract: 'normal' | 'extended';
  /** Public (region, municipality, state) or private care provider. */
  kind: 'public' | 'private';
  /** County code (län, two digits) of the region the consumer belongs to, if any. */
  lan?: string;
}

/** The embedded consumers (documented in README): one of each kind, so every rule can be tried at once. */
export const DEFAULT_PU_CONSUMERS: readonly PuConsumer[] = [
  {
    id: 'SE2321000016-NORMAL',
    name: 'Region Stockholm (normalt avtal)',
    contract: 'normal',
    kind: 'public',
    lan: '01',
  },
  {
    id: 'SE2321000016-UTOKAT',
    name: 'Region Stockholm (utökat avtal)',
    contract: 'extended',
    kind: 'public',
    lan: '01',
  },
  {
    id: 'SE2321000131-UTOKAT',
    name: 'Region Västernorrland (utökat avtal)',
    contract: 'extended',
    kind: 'public',
    lan: '22',
  },
  { id: 'SE5565594230-PRIVAT', name: 'Privat vårdgivare AB', contract: 'extended', kind: 'private' },
];

export const PU_CONSUMER_HEADER = 'x-pu-consumer';

/** The contract that actually applies: a private provider is never given extended access (seed 004). */
export function effectiveContract(consumer: PuConsumer): 'normal' | 'extended' {
  return consumer.kind === 'private' ? 'normal' : consumer.contract;
}

/** The configured consumers (config `puConsumers`), else the embedded ones. */
export function puConsumers(config: { puConsumers?: PuConsumer[] }): Map<string, PuConsumer> {
  const list = config.puConsumers ?? DEFAULT_PU_CONSUMERS;
  return new Map(list.map((c) => [c.id, c]));
}

/**
 * The calling consumer's id. Over TLS: the subject serialNumber of a client certificate the server's CA vouches for
 * (an untrusted or missing certificate names nobody, and the header is not taken instead). On plain HTTP: the
 * X-PU-Consumer header, the documented stand-in for local use.
 */
export function consumerIdOf(req: IncomingMessage): string | undefined {
  return certifiedCallerId(req, PU_CONSUMER_HEADER);
}
