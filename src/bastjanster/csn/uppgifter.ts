import type { Person } from '../../population/person.js';
import type { Arende } from './arende.js';
import { hemutrustningslan } from './hemutrustningslan.js';
import { omstallningsstudiestod } from './omstallningsstudiestod.js';
import { studiehjalp } from './studiehjalp.js';
import { studiemedel } from './studiemedel.js';
import { studiestartsstod } from './studiestartsstod.js';

/** A person's cases, one list per kind of student aid, in the order CSN's Person lists them. */
export interface CsnUppgifter {
  studiemedel: Arende[];
  studiehjalp: Arende[];
  hemutrustningslan: Arende[];
  studiestartsstod: Arende[];
  omstallningsstudiestod: Arende[];
}

/**
 * CSN's cases for a person, or undefined when CSN knows of no student aid at all (→ -2). Students have
 * studiemedel, upper-secondary pupils studiehjälp (studiemedel from the autumn they turn 20), recently arrived
 * refugees (and their families) who seek work a hemutrustningslån, some job seekers studiestartsstöd and some
 * employees omställningsstudiestöd. Payments are those inside [from, tom]; "today" decides paid or planned.
 */
export function csnUppgifter(person: Person, from: string, tom: string, today: string): CsnUppgifter | undefined {
  const uppgifter: CsnUppgifter = {
    studiemedel: studiemedel(person, from, tom, today),
    studiehjalp: studiehjalp(person, from, tom, today),
    hemutrustningslan: hemutrustningslan(person, from, tom, today),
    studiestartsstod: studiestartsstod(person, from, tom, today),
    omstallningsstudiestod: omstallningsstudiestod(person, from, tom, today),
  };
  return Object.values(uppgifter).some((arenden) => arenden.length > 0) ? uppgifter : undefined;
}
