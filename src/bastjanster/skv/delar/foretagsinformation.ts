import type { Person } from '../../../population/person.js';
import { SeededRandom } from '../../../population/random.js';
import { beskattningsar, type Beskattningsar } from '../data.js';
import type { Foretagsinformation } from './typer.js';

/**
 * The person as a business (enskild näringsverksamhet, identified by the personnummer): registered for F-skatt,
 * VAT and as an employer only when the latest decided year has business income; otherwise every flag false (as
 * SSBTEK's v11 answer shows for a person without a business). Nothing for a person without taxation data.
 */
export function foretagsinformation(person: Person, _ar: number[], today: string): Foretagsinformation | undefined {
  const [senaste] = beskattningsar(person, today);
  if (!senaste) return undefined;
  const naring = harNaringsverksamhet(senaste);
  const random = new SeededRandom(`skv:${person.identity.number}:foretag`);
  const momsregistrerad = random.chance(0.8);
  const arbetsgivarregistrerad = random.chance(0.1);
  return {
    foretag: {
      foretagId: person.identity.number,
      arbetsgivarregistrerad: naring && arbetsgivarregistrerad,
      momsregistrerad: naring && momsregistrerad,
      godkandFskatt: naring,
    },
  };
}

export function harNaringsverksamhet(ar: Beskattningsar): boolean {
  return (ar.taxeradInkomstAvNaringsverksamhet ?? 0) > 0;
}
