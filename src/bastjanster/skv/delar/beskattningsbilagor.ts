import { addDays } from '../../../population/dates.js';
import type { Person } from '../../../population/person.js';
import { SeededRandom } from '../../../population/random.js';
import type { Beskattningsar } from '../data.js';
import { beslutadeAr } from './skatteuppgifter.js';
import type { Beskattningsbilagor } from './typer.js';

/**
 * The forms attached to the income-tax return (inkomstdeklaration 1) of each decided year asked: NE for a year
 * with business income, K4 (section A) for a year with a sale of listed securities. Figures are those of the
 * decision (v10's Naringsuppgift, the gain inside Kapitaluppgift). Nothing when no year asked has a form.
 */
export function beskattningsbilagor(person: Person, ar: number[], today: string): Beskattningsbilagor | undefined {
  const years = beslutadeAr(person, ar, today)
    .map((b) => ({ beskattningsar: b.inkomstar, datumInkommen: inkommen(person, b), bilagor: bilagor(b) }))
    .filter((y) => y.bilagor.length > 0);
  if (years.length === 0) return undefined;
  return { identitet: person.identity.number, beskattningsbilagor: years };
}

function bilagor(b: Beskattningsar): Beskattningsbilagor['beskattningsbilagor'][number]['bilagor'] {
  const out: Beskattningsbilagor['beskattningsbilagor'][number]['bilagor'] = [];
  if (b.taxeradInkomstAvNaringsverksamhet !== undefined) {
    out.push({
      blankett: 'NE',
      uppgifter: {
        overskottAvNaringsverksamhet: String(b.taxeradInkomstAvNaringsverksamhet),
        avdragForEgenavgifter: String(b.allmannaAvdrag ?? 0),
      },
    });
  }
  if (b.k4) {
    out.push({
      blankett: 'K4',
      uppgifter: {
        forsaljningspris: String(b.k4.forsaljningspris),
        omkostnadsbelopp: String(b.k4.omkostnadsbelopp),
        vinst: String(b.k4.vinst),
      },
    });
  }
  return out;
}

/** The day the return came in: between 16 March and 4 May (the last day) of the year after the income year. */
function inkommen(person: Person, b: Beskattningsar): string {
  const random = new SeededRandom(`skv:${person.identity.number}:${b.inkomstar}:deklaration`);
  return addDays(`${b.inkomstar + 1}-03-16`, random.int(0, 49));
}
