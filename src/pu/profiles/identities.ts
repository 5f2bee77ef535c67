import { parseIdentity, type Identity } from '../../population/identity.js';
import type { ReserveIdentity } from '../registry.js';

/** Identity roots (OIDs) in IIType `root`: what kind of number `extension` is. */
export const ROOT = {
  personnummer: '1.2.752.129.2.1.3.1',
  samordningsnummer: '1.2.752.129.2.1.3.3',
  /** Inera's national reserve number (NRID). */
  nationalReserve: '1.2.752.129.2.1.3.2',
  /** A region's own reserve number (LRID); the emulator writes Region Stockholm's root for every regional format. */
  regionalReserve: '1.2.752.97.3.1.3',
} as const;

/** An IIType value: the identity's root (OID) and the number itself. */
export interface Ii {
  root: string;
  extension: string;
}

export function identityIi(identity: Identity): Ii {
  return { root: ROOT[identity.kind], extension: identity.number };
}

export function reserveIi(reserve: ReserveIdentity): Ii {
  return { root: reserve.kind === 'NATIONAL' ? ROOT.nationalReserve : ROOT.regionalReserve, extension: reserve.id };
}

/** How a requested personId is looked up: in the population (Navet), among reserve identities, or not at all. */
export type Lookup = { kind: 'navet'; identity: Identity } | { kind: 'reserve'; id: string } | { kind: 'none' };

/**
 * The personnummer/samordningsnummer roots read the population (a valid number of the root's kind, correct check
 * digit); any other root names a reserve identity (national, or a region's own root).
 */
export function lookupFor(ii: Ii): Lookup {
  const extension = ii.extension.trim();
  if (ii.root === ROOT.personnummer || ii.root === ROOT.samordningsnummer) {
    const { identity, problem } = parseIdentity(extension);
    if (!identity || problem) return { kind: 'none' };
    return ROOT[identity.kind] === ii.root ? { kind: 'navet', identity } : { kind: 'none' };
  }
  return extension ? { kind: 'reserve', id: extension } : { kind: 'none' };
}
