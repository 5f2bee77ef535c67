import { addDays, addMonths, daysBetween, maxDate } from '../../population/dates.js';
import type { Person } from '../../population/person.js';
import { SeededRandom } from '../../population/random.js';
import { utbetstatus, type Arende } from './arende.js';

/**
 * Hemutrustningslån (HUT): for adults who came as refugees or their family and seek work, applied for within two
 * years of arrival; paid once, on a day inside the asked period (at the earliest two months after arrival).
 */
export function hemutrustningslan(person: Person, from: string, tom: string, today: string): Arende[] {
  const invandring = person.invandring;
  if (person.sysselsattning !== 'arbetssokande' || person.alder < 18 || !invandring) return [];
  if (invandring.grund !== 'ASYL' && invandring.grund !== 'ANKNYTNING') return [];
  if (invandring.inresedatum < addMonths(today, -24)) return [];
  const random = new SeededRandom(`csn:hut:${person.identity.number}`);
  if (!random.chance(0.8)) return [];
  const tidigast = maxDate(from, addDays(invandring.inresedatum, 60));
  if (tidigast > tom) return [];
  const utbetdatum = addDays(tidigast, Math.floor(random.next() * (daysBetween(tidigast, tom) + 1)));
  const lanebelopp = Math.min(20_000 + 5_000 * person.antalBarn, 35_000);
  return [
    {
      lopnummer: String(random.int(1_000_000, 9_999_999)),
      stodform: 'HUT',
      klartext: 'Hemutrustningslån',
      status: 'BESLUTAD',
      soktaTider: [],
      beviljadeTider: [],
      utbetalningar: [
        {
          utbetdatum,
          utbetstatus: utbetstatus(utbetdatum, today),
          tider: [
            {
              beloppen: [
                { beloppstyp: 'HUT', klartext: 'Hemutrustningslån', belopp: lanebelopp, totbelopp: lanebelopp },
              ],
            },
          ],
        },
      ],
    },
  ];
}
