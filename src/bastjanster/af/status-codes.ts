import type { AccessCodes } from '../common/access.js';

/** Arbetsförmedlingen's status codes (seed §7.3.3, "AF bastjänst"): code → type and text. */
export const AF_STATUS = {
  0: ['OK', 'Frågan har behandlats normalt och ett giltigt svar har returnerats.'],
  10: [
    'OK',
    'Frågan har behandlats normalt och ett giltigt svar har returnerats. Dock saknas information från något av de underliggande systemen på grund av tekniskt oväntat internt fel. Frågan kan ställas om men är detta bestående skall tjänsteleverantören kontaktas.',
  ],
  110: [
    'VALIDERINGSFEL',
    'Angiven information är inte korrekt eller kan inte tolkas (sifferfält innehåller felaktiga tecken)',
  ],
  111: [
    'VALIDERINGSFEL',
    'Angiven information är inte korrekt eller kan inte tolkas (datumfält innehåller inte ett korrekt datumformat)',
  ],
  120: ['VALIDERINGSFEL', 'Angivet personnummer/samordningsnummer är inte korrekt (kontrollsiffror felaktiga)'],
  200: ['OGILTIGFRAGA', 'Frågan saknar obligatorisk inmatad information enligt specifikation/kontrakt.'],
  210: ['OGILTIGFRAGA', 'Angiven lagparagraf är inte korrekt, korrigerera frågan och ställ om den.'],
  220: ['OGILTIGFRAGA', 'Angivet syfte med frågan är inte korrekt, korrigerera frågan och ställ om den.'],
  300: ['OGILTIGTIDSPERIOD', 'Angivet fromdatum är ett datum i framtiden, korrigerera frågan och ställ om den.'],
  301: ['OGILTIGTIDSPERIOD', 'Angivet tomdatum är ett datum i framtiden, korrigera frågan och ställ om den.'],
  302: [
    'OGILTIGTIDSPERIOD',
    'Angivet from- eller tomdatum är felaktigt, korrigera frågan och ställ om den. Exempelvis att fromdatum är efter tomdatum.',
  ],
  303: ['OGILTIGTIDSPERIOD', 'Angiven period är större än tre månader, korrigera frågan och ställ om den.'],
  400: ['ATKOMSTNEKAD', 'Frågan innehåller ett icke godkänt organisationsnummer för ingivaren'],
  401: ['ATKOMSTNEKAD', 'Frågan innehåller ett icke godkänt organisationsnummer för ombudet'],
  402: ['ATKOMSTNEKAD', 'Frågan saknar ett godkänt organisationsnummer för ombudet'],
  403: ['ATKOMSTNEKAD', 'Frågan innehåller ett organisationsnummer för ombud där konsument inte har ett ombud'],
  410: ['ATKOMSTNEKAD', 'Uppgifterna kan inte lämnas ut på grund av sekretesskäl.'],
  500: ['UPPGIFTSAKNAS', 'Det finns inga uppgifter om den efterfrågade personen hos Arbetsförmedlingen.'],
  600: [
    'OGILTIGTPERSONID',
    'Den använda personidentiteten är inte längre giltig. Kan innebära att personen har ett nytt personnummer etc.',
  ],
  700: [
    'TEKNISKT FEL',
    'Tekniskt oväntat internt fel vid hämtning av information om efterfrågad person. Ett fel har uppstått i tjänsten, frågan kan ställas om men är detta bestående skall tjänsteleverantören kontaktas. Utanför kontorstid kan underliggande system vara stängda',
  ],
} as const satisfies Record<number, readonly [string, string]>;

export type AfStatusCode = keyof typeof AF_STATUS;

export function isAfStatusCode(code: number): code is AfStatusCode {
  return code in AF_STATUS;
}

/**
 * AF's codes for an asker its register does not approve (ATKOMSTNEKAD, seed §7.3.3): the ingivare (400), the ombud
 * named in the query (401), an ombud missing (402), an ombud where the consumer has none (403).
 */
export const AF_ACCESS_CODES = {
  'not-customers-ombud': '401',
  'ingivare-not-caller': '400',
  'no-agreement': '400',
  'service-not-in-agreement': '400',
  'ombud-not-named': '402',
  'ombud-not-approved': '401',
  'no-ombud-registered': '403',
} as const satisfies AccessCodes;
