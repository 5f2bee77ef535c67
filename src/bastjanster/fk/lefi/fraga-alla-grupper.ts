import { FK_GRUPPER, PM_GRUPPER } from './koder.js';
import type { LefiFraga } from './typer.js';

/**
 * The LEFI question that asks for everything a socialnämnd may see: every FK benefit group, PM's claims and
 * decisions, preliminary and effected payments of every group, and FK:GEPI — exactly the question the public
 * SSBTEK client (Sundsvalls kommun's financial-aid service) sends for every person.
 */
export function lefiFragaAllaGrupper(personnummer: string, from: string, tom: string): LefiFraga {
  const fk = Object.keys(FK_GRUPPER);
  const pm = Object.keys(PM_GRUPPER);
  return {
    personnummer,
    period: { from, tom },
    formansinformation: fk,
    ansprak: pm,
    beslut: pm,
    preliminaraUtbetalningar: [...fk, ...pm],
    utbetalningar: [...fk, ...pm],
    ovrigInformation: ['FK:GEPI'],
  };
}
