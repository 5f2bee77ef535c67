import type { AccessCodes } from '../common/access.js';
import type { TjanstFel } from '../../ssbtek/model.js';

/**
 * Skatteverket's error codes (seed §7.3.3, "SKV bastjänst"), row by row: code → Statustyp (what happened) and
 * Felmeddelande (the text SKV sends as MeddelandeText). `faultcode` is ours: whose fault it is in SOAP 1.1 terms.
 */
export const SKV_MEDDELANDEN = {
  9071000: {
    statustyp:
      'Förfrågan mottagen, men inga uppgifter kunde levereras pga oväntat internt tekniskt fel. Förfrågan måste göras på nytt.',
    felmeddelande: 'Tekniskt fel. Försök igen senare. Om felet uppstår igen, kontakta teknisk support.',
    faultcode: 'Server',
  },
  9071001: {
    statustyp:
      'Förfrågan mottagen, men inga uppgifter kunde levereras pga oväntat internt tekniskt fel. Förfrågan måste göras på nytt.',
    felmeddelande: 'Tekniskt fel. Försök igen senare. Om felet uppstår igen, kontakta teknisk support.',
    faultcode: 'Server',
  },
  9071002: {
    statustyp: 'Inskickad förfrågan tog för lång tid. Sessionstiden är ute (timeout). Förfrågan måste göras på nytt.',
    felmeddelande:
      'Tekniskt fel. Inskickad förfrågan tog för lång tid. Försök igen senare. Om felet uppstår igen, kontakta teknisk support.',
    faultcode: 'Server',
  },
  9071003: {
    statustyp: 'Förfrågan kan inte tas emot. För många samtidiga förfrågningar. Förfrågan måste göras på nytt.',
    felmeddelande:
      'Tekniskt fel. För många samtidiga förfrågningar. Försök igen senare. Om felet uppstår igen, kontakta teknisk support.',
    faultcode: 'Server',
  },
  9071004: {
    statustyp:
      'Förfrågan har skickats in från en kund som inte är godkänd att nyttja en informationstjänst. Behörighetsfel uppstår vid kontroll mot Skatteverkets "Behörighetskontrollsystem".',
    felmeddelande: 'Behörighet saknas för att använda informationstjänsten. Kontakta teknisk support.',
    faultcode: 'Client',
  },
  9071005: {
    statustyp:
      'Förfrågan har skickats in från en kund som inte är godkänd att nyttja aktuell informationstjänst. Behörighetsfel uppstår vid kontroll mot en specifik informationstjänst.',
    felmeddelande: 'Behörighet saknas för att använda informationstjänsten. Kontakta teknisk support.',
    faultcode: 'Client',
  },
  9071006: {
    statustyp:
      'Förfrågan kan inte tas emot pga att organisationsnummer i Förfrågan inte överensstämmer med organisationsnummer i certifikatet. Förfrågan måste göras på nytt med korrekt organisationsnummer.',
    felmeddelande:
      'Organisationsnummer i förfrågan är inte detsamma som organisationsnummer i certifikatet. Kontakta teknisk support.',
    faultcode: 'Client',
  },
  9071007: {
    statustyp:
      'Förfrågan kan inte tas emot pga att fel uppstår vid xml-validering av förfrågan. Förfrågan måste göras på nytt.',
    felmeddelande:
      'Tekniskt fel vid validering av förfrågan. Försök igen med åtgärdad förfrågan. Om felet uppstår igen, kontakta teknisk support.',
    faultcode: 'Client',
  },
  9071008: {
    statustyp: 'Förfrågan mottagen, men inga uppgifter kunde levereras pga svarsuppgifter inte kan valideras.',
    felmeddelande: 'Tekniskt fel vid validering av svar. Om felet uppstår igen, kontakta teknisk support.',
    faultcode: 'Server',
  },
  9071009: {
    statustyp:
      'Förfrågan mottagen, men inga uppgifter kunde levereras pga internt tekniskt fel. Förfrågan måste göras på nytt.',
    felmeddelande: 'Tekniskt fel. Försök igen senare. Om felet uppstår igen, kontakta teknisk support',
    faultcode: 'Server',
  },
  9071010: {
    statustyp:
      'Förfrågan kan inte tas emot pga att anropet gjordes mot den "gamla" versionen av tjänsten. Det finns en ny version av tjänsten som måste användas. Förfrågan måste göras på nytt mot den nya versionen av tjänsten',
    felmeddelande: 'Ny version av tjänsten måste användas. Kontakta teknisk support.',
    faultcode: 'Client',
  },
} as const satisfies Record<number, { statustyp: string; felmeddelande: string; faultcode: 'Client' | 'Server' }>;

/**
 * The table's HTTP-level rows: these come from the gateway in front of the service (SHS webservicegateway,
 * Tomcat), not as an skv:Exception. 500 is a SOAP Fault without Exception detail, 404 and 403 are HTML pages.
 */
export const SKV_HTTP_FEL = {
  500: {
    statustyp:
      'Internal Server Error (SHS och dess webservicegateway får fel senare i kedjan tex. om backend-domänen är nere. Fel lämnas som SOAP-fault.)',
    felmeddelande:
      'Tekniskt fel. Förfrågan kan inte tas emot. Informationstjänsten är inte tillgänglig. Förfrågan måste göras på nytt. Om felet uppstår igen under servicetiden 8-17 kontakta teknisk support.',
  },
  404: {
    statustyp:
      'Not Found (Felaktig url (http-adress) till informationstjänsten har angivits. För HTTP-statuskoder hänvisas till HTTP-specifikationen.)',
    felmeddelande:
      'Felaktig URL har angivits till informationstjänsten. Förfrågan måste göras på nytt. Kontakta teknisk support under servicetiden 8-17.',
  },
  403: {
    statustyp:
      'Forbidden (Certifikat saknas eller är felaktigt. Felkoder lämnas som html-sida enligt standard Apache tomcat. *MeddelandeKod 403 är ett exempel på en felkod.)',
    felmeddelande:
      'Certifikat fel. Inskickad förfrågan kan inte tas emot pga av certifikat saknas eller är felaktigt. Förfrågan måste göras på nytt. Kontakta teknisk support under servicetiden 8-17 .',
  },
} as const satisfies Record<number, { statustyp: string; felmeddelande: string }>;

export type SkvMeddelandeKod = keyof typeof SKV_MEDDELANDEN;
export type SkvHttpFel = keyof typeof SKV_HTTP_FEL;

export function isSkvMeddelandeKod(code: number): code is SkvMeddelandeKod {
  return code in SKV_MEDDELANDEN;
}

export function isSkvHttpFel(code: number): code is SkvHttpFel {
  return code in SKV_HTTP_FEL;
}

/** The version SKV reports in skv:Exception/Systemversion. */
export const SKV_SYSTEMVERSION = '1.0';

/** A gateway error of the table (403, 404, 500) as SSBTEK reports it: the code and the table's text. */
export function httpFel(status: SkvHttpFel): TjanstFel {
  return { kind: 'error', kalla: 'BT', felkod: String(status), felmeddelande: [SKV_HTTP_FEL[status].felmeddelande] };
}

/**
 * SKV's codes for an asker its Behörighetskontrollsystem does not approve (seed §7.3.3): an organisationsnummer in
 * the request that is not the certificate's (9071006: also a customer the certificate's ombud may not act for), a
 * customer not approved for any information service (9071004) or not for this one (9071005).
 */
export const SKV_ACCESS_CODES = {
  'not-customers-ombud': '9071006',
  'ingivare-not-caller': '9071006',
  'no-agreement': '9071004',
  'service-not-in-agreement': '9071005',
} as const satisfies AccessCodes;
