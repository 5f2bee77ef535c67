import { barnFor } from '../barn.js';
import { fkFormaner } from '../formaner.js';
import { alderspension } from '../pension.js';
import type { Person } from '../../../population/person.js';
import { fkArende, UTBETALNING_PRESUMTIV, utbetalningsuppgift } from './arenden.js';
import {
  gruppBeskrivning,
  MODELLERAD_OVRIG_INFORMATION,
  MODELLERADE_FK_GRUPPER,
  MODELLERADE_PM_GRUPPER,
  PROGRAMJOBBDAGAR,
} from './koder.js';
import { generellPersoninformation } from './personinformation.js';
import { pmAnsprak, pmBeslut, pmUtbetalningar } from './pm.js';
import type {
  Avvikelser,
  Formansinformation,
  GruppAvvikelse,
  LefiFraga,
  LefiSvar,
  OvrigAvvikelse,
  UtlamnareTillstand,
} from './typer.js';

const OBEHORIG = {
  kod: 'OBEHORIG',
  beskrivning: 'Frågeställaren är inte behörig att ta del av den efterfrågade informationstypen.',
} as const;

/**
 * The 200 answer to a valid question: only the asked information, from the shared benefits model. Groups the
 * emulator does not model become avvikelser; a modelled group the person has nothing in is an empty list.
 */
export function lefiSvar(fraga: LefiFraga, person: Person, today: string): LefiSvar {
  const asked = fraga.period;
  const fk = fkFormaner(person, asked, today);
  const pension = alderspension(person, asked, today);
  const barn = barnFor(person, today);
  const avvikelser: Avvikelser = {};
  const formansinformation: Formansinformation = {};
  const svar: LefiSvar = { utlamnare: utlamnare(fraga), avvikelser, formansinformation };

  // formansinformation: FK's benefit groups, each under its own key
  for (const kod of fraga.formansinformation ?? []) {
    if (kod === PROGRAMJOBBDAGAR) {
      const dagar = fk.programjobbdagar;
      formansinformation.programjobdagar = dagar
        ? [{ antalForbrukade: dagar.forbrukade, harForbrukatMaxAntal: dagar.allaForbrukade }]
        : [];
      continue;
    }
    const modell = MODELLERADE_FK_GRUPPER[kod];
    if (!modell) {
      (avvikelser.formansinformation ??= []).push(obehorig(kod));
      continue;
    }
    formansinformation[modell.nyckel] = fk.arenden
      .filter((a) => a.forman === modell.forman)
      .map((a) => fkArende(a, person, barn));
  }

  // ansprak and beslut: PM's groups (allmän pension only)
  for (const kod of fraga.ansprak ?? []) {
    if (MODELLERADE_PM_GRUPPER.includes(kod)) svar.ansprak = pension ? pmAnsprak(pension) : [];
    else (avvikelser.ansprak ??= []).push(obehorig(kod));
  }
  for (const kod of fraga.beslut ?? []) {
    if (MODELLERADE_PM_GRUPPER.includes(kod)) svar.beslut = pension ? pmBeslut(pension) : [];
    else (avvikelser.beslut ??= []).push(obehorig(kod));
  }

  // payments, preliminary and effectuated: FK's under formansinformation, PM's at the top level
  const preliminara = betalningsgrupper(fraga.preliminaraUtbetalningar, (a) =>
    (avvikelser.preliminaraUtbetalningar ??= []).push(a),
  );
  if (preliminara.fk) {
    formansinformation.preliminarautbetalningar = fk.preliminaraUtbetalningar
      .filter((u) => preliminara.fk?.has(u.forman))
      .map((u) => utbetalningsuppgift(u, UTBETALNING_PRESUMTIV));
  }
  if (preliminara.pm) svar.preliminaraUtbetalningar = pmUtbetalningar(pension?.preliminaraUtbetalningar ?? []);
  const effektuerade = betalningsgrupper(fraga.utbetalningar, (a) => (avvikelser.utbetalningar ??= []).push(a));
  if (effektuerade.fk) {
    formansinformation.utbetalningsuppgift = fk.utbetalningar
      .filter((u) => effektuerade.fk?.has(u.forman))
      .map((u) => utbetalningsuppgift(u));
  }
  if (effektuerade.pm) svar.utbetalningar = pmUtbetalningar(pension?.utbetalningar ?? []);

  for (const kod of fraga.ovrigInformation ?? []) {
    if (MODELLERAD_OVRIG_INFORMATION.includes(kod)) {
      formansinformation.generellPersoninformation = [generellPersoninformation(person, barn, today)];
    } else (avvikelser.ovrigInformation ??= []).push(obehorigOvrig(kod));
  }

  if (Object.keys(formansinformation).length === 0) delete svar.formansinformation;
  return svar;
}

/** The authorities the question concerns (by the prefixes of the asked codes), all available. */
function utlamnare(fraga: LefiFraga): UtlamnareTillstand[] {
  const koder = [
    ...(fraga.formansinformation ?? []),
    ...(fraga.ansprak ?? []),
    ...(fraga.beslut ?? []),
    ...(fraga.preliminaraUtbetalningar ?? []),
    ...(fraga.utbetalningar ?? []),
    ...(fraga.ovrigInformation ?? []),
  ];
  const tillganglig = { kod: 'OK', beskrivning: 'Tillgänglig' } as const;
  const out: UtlamnareTillstand[] = [];
  if (koder.some((k) => k.startsWith('FK:')))
    out.push({ utlamnare: { kod: 'FK', namn: 'Försäkringskassan' }, tillstand: tillganglig });
  if (koder.some((k) => k.startsWith('PM:')))
    out.push({ utlamnare: { kod: 'PM', namn: 'Pensionsmyndigheten' }, tillstand: tillganglig });
  return out;
}

/** Whether the question asks for anything at all (LEFI refuses an empty question with 400). */
export function fragarNagot(fraga: LefiFraga): boolean {
  return [
    fraga.formansinformation,
    fraga.ansprak,
    fraga.beslut,
    fraga.preliminaraUtbetalningar,
    fraga.utbetalningar,
    fraga.ovrigInformation,
  ].some((lista) => (lista?.length ?? 0) > 0);
}

/**
 * The payment groups asked (in utbetalningar or preliminaraUtbetalningar): the FK benefits among them (undefined
 * when none), whether PM's allmän pension is; every other code is reported through `avvikelse` (OBEHORIG).
 */
function betalningsgrupper(
  koder: string[] | undefined,
  avvikelse: (a: GruppAvvikelse) => void,
): { fk?: Set<string>; pm: boolean } {
  let fk: Set<string> | undefined;
  let pm = false;
  for (const kod of koder ?? []) {
    const modell = MODELLERADE_FK_GRUPPER[kod];
    if (modell) (fk ??= new Set()).add(modell.forman);
    else if (MODELLERADE_PM_GRUPPER.includes(kod)) pm = true;
    else avvikelse(obehorig(kod));
  }
  return { fk, pm };
}

function obehorig(kod: string): GruppAvvikelse {
  return { avvikelse: OBEHORIG, formansgrupp: { kod, beskrivning: gruppBeskrivning(kod) } };
}

function obehorigOvrig(kod: string): OvrigAvvikelse {
  return { avvikelse: OBEHORIG, ovrigInformationstyp: { kod, beskrivning: gruppBeskrivning(kod) } };
}
