import type { AccessCodes } from '../common/access.js';

/**
 * CSN's result codes (seed §7.3.3, "CSN bastjänst"): ResultatKod → [Status typ, Felmeddelande]. ResultatText is
 * the Felmeddelande where the seed gives one, else the Status typ (code 0).
 */
export const CSN_RESULTAT = {
  0: ['Allt OK, inget att rapportera.', ''],
  [-2]: [
    'Posten finns inte, sökidentiteten finns inte i systemet',
    'Posten finns inte, sökidentiteten finns inte i systemet',
  ],
  [-1004]: ['Felaktigt format på personnummer', 'Ej giltigt personnummer'],
  [-1005]: [
    'Inparametrar bryter mot specifikation/kontrakt',
    'Inparametrar bryter mot specifikation/kontrakt, typ formatfel',
  ],
  // The seed's Felmeddelande lists five cases; ResultatText (at most 100 characters) carries the one that applies.
  [-1006]: ['Felaktigt datumintervall', ''],
  // The seed's Felmeddelande for -1101 names studiemedel/studiehjälp although the code is about hemutrustningslån;
  // we send the seed's text as written.
  [-1101]: [
    'Tekniskt fel systemet för hemutrustningslån ej tillgängligt',
    'Tekniskt fel systemet för studiemedel och studiehjälp ej tillgängliga',
  ],
  [-1102]: ['Tekniskt fel systemet för studiemedel och studiehjälp ej tillgängliga', 'SM eller SH svarar inte'],
  [-1103]: ['Tekniskt fel inget av CSN:s system tillgängliga', 'Inget av HUT, SM eller SH svarar'],
} as const satisfies Record<number, readonly [string, string]>;

export type CsnResultatKod = keyof typeof CSN_RESULTAT;

/** The five cases of -1006 (seed §7.3.3: "Felmeddelande" of Felaktigt datumintervall), in the order CSN checks them. */
export const DATUMINTERVALL_FEL = {
  ogiltigtFromdatum: 'Ej giltigt Fromdatum',
  ogiltigtTomdatum: 'Ej giltigt Tomdatum',
  tomdatumForeFromdatum: 'Tomdatum före Fromdatum',
  fromdatumForTidigt: 'Fromdatum mer än 2 månader innan dagens datum',
  tomdatumForSent: 'Tomdatum mer än 1 månad efter dagens datum',
} as const;

export type DatumintervallFel = keyof typeof DATUMINTERVALL_FEL;

export function isCsnResultatKod(code: number): code is CsnResultatKod {
  return code in CSN_RESULTAT;
}

/** The ResultatText CSN sends with a code (for -1006: the case that applies). */
export function resultatText(kod: CsnResultatKod, datumFel?: DatumintervallFel): string {
  if (kod === -1006) return DATUMINTERVALL_FEL[datumFel ?? 'ogiltigtFromdatum'];
  const [statustyp, felmeddelande] = CSN_RESULTAT[kod];
  return felmeddelande || statustyp;
}

/**
 * CSN has no access code of its own in the seed: an asker outside its agreement breaks the contract (-1005,
 * "Inparametrar bryter mot specifikation/kontrakt"), CSN's code for a request it may not take.
 */
export const CSN_ACCESS_CODES = {
  'not-customers-ombud': '-1005',
  'ingivare-not-caller': '-1005',
  'no-agreement': '-1005',
  'service-not-in-agreement': '-1005',
} as const satisfies AccessCodes;
