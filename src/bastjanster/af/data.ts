import { addDays, addMonths, maxDate, minDate } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';

/** What Arbetsförmedlingen knows about a person, generated deterministically from the population. */
export interface AfUppgifter {
  registrerad: string;
  avaktualiserad?: string;
  skat: string;
  omfattning: number;
  senasteAktivitetsrapport?: string;
  beslut: { ersattningTyp: string; omfattning: number; from: string; tom: string }[];
}

/**
 * Job seekers are registered at AF; others are unknown to AF (500 UPPGIFTSAKNAS). Decisions on activity support
 * overlap the asked period so that a query always sees data inside its period.
 */
export function afUppgifter(person: Person, from: string, tom: string, today: string): AfUppgifter | undefined {
  if (person.sysselsattning !== 'arbetssokande') return undefined;
  const random = new SeededRandom(`af:${person.identity.number}`);
  const registrerad = minDate(addDays(from, -random.int(30, 700)), today);
  const beslut: AfUppgifter['beslut'] = [];
  const typ = person.invandring && person.invandring.grund === 'ASYL' ? 'ETABLERINGSERSATTNING' : 'AKTIVITETSSTOD';
  if (random.chance(0.7)) {
    const start = maxDate(registrerad, addMonths(from, -random.int(0, 3)));
    beslut.push({ ersattningTyp: typ, omfattning: random.pick([50, 75, 100]), from: start, tom: addMonths(start, 6) });
  }
  return {
    registrerad,
    skat: random.pick(['11', '12', '14', '22', '68', '70']),
    omfattning: random.pick([50, 75, 100]),
    senasteAktivitetsrapport: random.chance(0.85) ? minDate(addDays(tom, -random.int(5, 40)), today) : undefined,
    beslut,
  };
}
