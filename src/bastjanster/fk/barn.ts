import { addDays, addMonths, maxDate } from '../../population/dates.js';
import { FORNAMN_K, FORNAMN_M } from '../../population/names.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';

/** A child of the person, as FK knows it (barnbidrag, föräldrapenning, generell personinformation). */
export interface Barn {
  fornamn: string;
  efternamn: string;
  fodd: string;
}

/**
 * The person's children under 16, youngest first. A parent on parental leave has a young child (born within the
 * last one and a half years), so föräldrapenning has a child to be about.
 */
export function barnFor(person: Person, today: string): Barn[] {
  const random = new SeededRandom(`fk:barn:${person.identity.number}`);
  const aldsta = addDays(addMonths(today, -192), 1); // born after this date: still under 16 today
  const barn: Barn[] = [];
  for (let i = 0; i < person.antalBarn; i++) {
    const yngstaForaldraledig = i === 0 && person.sysselsattning === 'foraldraledig';
    const fodd = yngstaForaldraledig
      ? addDays(today, -random.int(60, 540))
      : addDays(today, -(random.int(0, Math.max(0, Math.min(15, person.alder - 20))) * 365 + random.int(30, 364)));
    barn.push({
      fornamn: random.pick(random.chance(0.5) ? FORNAMN_K : FORNAMN_M),
      efternamn: person.efternamn,
      fodd: maxDate(fodd, aldsta),
    });
  }
  return barn.sort((a, b) => (a.fodd < b.fodd ? 1 : a.fodd > b.fodd ? -1 : 0));
}
