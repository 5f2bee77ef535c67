import type { Person } from '../../../population/person.js';
import { beskattningsar, type Beskattningsar } from '../data.js';
import type { Skatteuppgifter } from './typer.js';

/**
 * The decided years among those asked (the same three latest decided years as v10's document, oldest first).
 * A person's beskattningsperiod is the calendar year: period P4.
 */
export function beslutadeAr(person: Person, ar: number[], today: string): Beskattningsar[] {
  return beskattningsar(person, today)
    .filter((b) => ar.includes(b.inkomstar))
    .sort((a, b) => a.inkomstar - b.inkomstar);
}

/** The final tax decisions of the years asked, figures as in v10's document; nothing when none is decided. */
export function skatteuppgifter(person: Person, ar: number[], today: string): Skatteuppgifter | undefined {
  const beslutade = beslutadeAr(person, ar, today);
  if (beslutade.length === 0) return undefined;
  return {
    identitet: person.identity.number,
    beslutadeSkatteuppgifter: beslutade.map((b) => ({
      beskattningsar: b.inkomstar,
      beskattningsperiod: `${b.inkomstar}P4`,
      datumFaststalld: b.beslutsdatum,
      uppgifter: {
        inkomstar: String(b.inkomstar),
        overskottAvTjanst: String(b.overskottAvTjanst),
        ...(b.taxeradInkomstAvNaringsverksamhet !== undefined && {
          overskottAvNaringsverksamhet: String(b.taxeradInkomstAvNaringsverksamhet),
        }),
        // Capital as one figure: the surplus, or the deficit as a negative amount.
        sumKapital: String((b.inkomstAvKapital ?? 0) - (b.underskottAvKapital ?? 0)),
        fastStalldinkomst: String(b.taxeradForvarvsinkomst),
        summaSlutligSkatt: String(b.slutligSkatt),
      },
    })),
  };
}
