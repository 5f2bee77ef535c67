import type { FkForman } from '../formaner.js';
import type { Formansinformation } from './typer.js';

/**
 * LEFI v9's group codes with the short Swedish descriptions the answer carries (kod + beskrivning), and which of
 * them the emulator models. A requested group it does not model is answered as an avvikelse (OBEHORIG), as LEFI
 * does for groups the asking aktör may not see.
 */
export const FK_GRUPPER: Record<string, string> = {
  'FK:ABB': 'Barnbidrag',
  'FK:AP': 'Allmän pension',
  'FK:AS': 'Aktivitetsstöd',
  'FK:BOB': 'Bostadsbidrag',
  'FK:BST': 'Bostadstillägg',
  'FK:BTI': 'Bostads- och inkomststöd',
  'FK:DPE': 'Dagpenning till totalförsvarspliktiga',
  'FK:EJO': 'Ersättning inom jobb- och utvecklingsgarantin',
  'FK:ET': 'Etableringsersättning',
  'FK:FP': 'Föräldrapenning',
  'FK:FSJP': 'Förebyggande sjukpenning',
  'FK:GP': 'Graviditetspenning',
  'FK:HE': 'Handikappersättning',
  'FK:MABB': 'Mottagare av barnbidrag',
  'FK:MEK': 'Merkostnadsersättning',
  'FK:NP': 'Närståendepenning',
  'FK:OMV': 'Omvårdnadsbidrag',
  'FK:PJOB': 'Programjobbdagar',
  'FK:PROG': 'Programersättning',
  'FK:RBE': 'Rehabiliteringsersättning',
  'FK:SA': 'Sjuk- och aktivitetsersättning',
  'FK:SBP': 'Smittbärarpenning',
  'FK:SJP': 'Sjukpenning',
  'FK:TFP': 'Tillfällig föräldrapenning',
  'FK:US': 'Underhållsstöd',
  'FK:VB': 'Vårdbidrag',
  'FK:YL': 'Yrkesskadelivränta',
};

export const PM_GRUPPER: Record<string, string> = {
  'PM:AP': 'Allmän pension',
  'PM:BTI': 'Bostads- och inkomststöd',
  'PM:EF': 'Efterlevandeförmåner',
};

export const OVRIG_INFORMATION: Record<string, string> = {
  'FK:GEPI': 'Generell personinformation',
  'FK:PANV': 'Programanvisning',
  'FK:SGI': 'Sjukpenninggrundande inkomst',
  'FK:SKUP': 'Skatteuppgift',
  'FK:STAV': 'Studiemedelsavisering',
  'PM:LINT': 'Levnadsintyg',
  'PM:PBH': 'Pensionsbehållning',
  'PM:PU': 'Pensionsunderlag',
};

/** The keys of formansinformation that hold ärenden. */
export type ArendeNyckel = Exclude<
  keyof Formansinformation,
  'generellPersoninformation' | 'utbetalningsuppgift' | 'preliminarautbetalningar' | 'programjobdagar'
>;

/** FK groups the benefits model covers with ärenden and payments, and the key of each under formansinformation. */

export const MODELLERADE_FK_GRUPPER: Partial<Record<string, { forman: FkForman; nyckel: ArendeNyckel }>> = {
  'FK:ABB': { forman: 'ABB', nyckel: 'barnbidragsarende' },
  'FK:AS': { forman: 'AS', nyckel: 'aktivitetsstodsarende' },
  'FK:BOB': { forman: 'BOB', nyckel: 'bostadsbidragsarende' },
  'FK:FP': { forman: 'FP', nyckel: 'foraldrapenningarende' },
  'FK:SA': { forman: 'SA', nyckel: 'sjukOchAktivitetsersattningsarende' },
  'FK:SJP': { forman: 'SJP', nyckel: 'sjukpenningarende' },
};

/** FK:PJOB: not ärenden but the days used in the jobb- och utvecklingsgaranti (formansinformation.programjobdagar). */
export const PROGRAMJOBBDAGAR = 'FK:PJOB';

export const MODELLERADE_PM_GRUPPER = ['PM:AP'];
export const MODELLERAD_OVRIG_INFORMATION = ['FK:GEPI'];

export function gruppBeskrivning(kod: string): string {
  return FK_GRUPPER[kod] ?? PM_GRUPPER[kod] ?? OVRIG_INFORMATION[kod] ?? kod;
}
