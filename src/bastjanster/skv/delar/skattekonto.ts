import { addDays, daysBetween } from '../../../population/dates.js';
import type { Person } from '../../../population/person.js';
import { SeededRandom } from '../../../population/random.js';
import { beskattningsar } from '../data.js';
import { harNaringsverksamhet } from './foretagsinformation.js';
import { avdragenSkattForAr } from './individuppgifter.js';
import type { Skattekonto } from './typer.js';

/** Kostnadsränta on unpaid kvarskatt, per year (the emulator's constant: the floor of Skatteverket's basränta). */
export const KOSTNADSRANTA = 0.0125;
/** Differences below this are neither paid out nor charged: they stay on the account. */
const MINSTA_BELOPP = 100;
/** Kvarskatt is due this many days after the decision. */
const KVARSKATT_FORFALLER_EFTER_DAGAR = 90;

/**
 * The person's tax account after the latest final decision: the tax withheld during that year (the monthly
 * declarations' sum) against the decided final tax. Overpaid tax is paid out 10–25 days after the decision;
 * kvarskatt stays on the account as a negative balance, with interest accruing from 13 February of the decision
 * year, until it is paid on its due day. Nothing for a person without taxation data.
 */
export function skattekonto(person: Person, _ar: number[], today: string): Skattekonto | undefined {
  const [senaste] = beskattningsar(person, today);
  if (!senaste) return undefined;
  const number = person.identity.number;
  const random = new SeededRandom(`skv:${number}:${senaste.inkomstar}:skattekonto`);
  const diff = avdragenSkattForAr(person, senaste.inkomstar, today) - senaste.slutligSkatt;
  const konto = { utbetaltBelopp: 0, bokforingsdag: senaste.beslutsdatum, saldo: 0, preliminarRanta: 0 };
  if (diff >= MINSTA_BELOPP) {
    const utbetalningsdag = addDays(senaste.beslutsdatum, random.int(10, 25));
    if (utbetalningsdag <= today) Object.assign(konto, { utbetaltBelopp: diff, bokforingsdag: utbetalningsdag });
    else konto.saldo = diff;
  } else if (diff <= -MINSTA_BELOPP) {
    const forfallodag = addDays(senaste.beslutsdatum, KVARSKATT_FORFALLER_EFTER_DAGAR);
    if (today < forfallodag) {
      const dagar = Math.max(0, daysBetween(`${senaste.inkomstar + 1}-02-13`, today));
      const ranta = Math.round((-diff * KOSTNADSRANTA * dagar) / 365);
      Object.assign(konto, { saldo: diff, preliminarRanta: ranta === 0 ? 0 : -ranta });
    } else konto.bokforingsdag = forfallodag;
  } else konto.saldo = diff;
  const fast = new SeededRandom(`skv:${number}:skattekonto`);
  const utbetalningskonto = harNaringsverksamhet(senaste)
    ? `Bg ${fast.int(100, 9999)}-${fast.int(1000, 9999)}`
    : `Bankkonto ****${fast.int(1000, 9999)}`;
  const klockslag = [fast.int(1, 5), fast.int(0, 59), fast.int(0, 59)].map((n) => String(n).padStart(2, '0'));
  return {
    kontohavare: number,
    utbetaltBelopp: konto.utbetaltBelopp,
    bokforingsdag: konto.bokforingsdag,
    saldo: konto.saldo,
    preliminarRanta: konto.preliminarRanta,
    utbetalningskonto,
    // The account is brought up to date every night.
    senastUppdaterad: `${today}T${klockslag.join(':')}`,
  };
}
