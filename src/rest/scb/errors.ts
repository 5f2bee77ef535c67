import type { Response } from 'express';

/**
 * One error as the service reports it. The delivery result's `errors[]` items have this shape (plus `rowErrors`),
 * and so does every error a call is refused with, so a client reads both the same way.
 */
export interface ScbErrorItem {
  errorCode: string;
  errorReason: string;
  errorMessage: string;
}

export interface ScbRowError {
  errorDescription: string;
  rowData: string;
}

export interface ScbValidationError extends ScbErrorItem {
  rowErrors: ScbRowError[];
}

/** The body of every refused call: `{ "errors": [ { errorCode, errorReason, errorMessage } ] }`. */
export interface ScbErrorBody {
  errors: ScbErrorItem[];
}

/** A refused call: HTTP status plus one or more errors; thrown anywhere below a route, answered by the router. */
export class ScbError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ScbErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => e.errorMessage).join(' '));
    this.name = 'ScbError';
  }
}

function one(status: number, errorCode: string, errorReason: string, errorMessage: string): ScbError {
  return new ScbError(status, [{ errorCode, errorReason, errorMessage }]);
}

/** The catalogue of refusals; the codes are the emulator's own (the service description names none). */
export const refuse = {
  invalidRequest: (messages: string[]) =>
    new ScbError(
      400,
      messages.map((m) => ({ errorCode: 'InvalidRequest', errorReason: 'Felaktigt anrop', errorMessage: m })),
    ),
  missingParameter: (name: string) =>
    one(400, 'MissingParameter', 'Parameter saknas', `Parametern ${name} är obligatorisk och saknas.`),
  duplicateParameter: (name: string) =>
    one(
      400,
      'DuplicateParameter',
      'Parameter angiven två gånger',
      `Parametern ${name} är angiven med olika värden i olika skrivsätt.`,
    ),
  unknownContract: (contract: string) =>
    one(
      400,
      'UnknownContract',
      'Okänt kontrakt',
      `Kontraktet "${contract}" finns inte. Tillåtna värden erhålls från SCB när integrationen upprättas.`,
    ),
  deliveryFormatRequired: (contract: string, names: string[]) =>
    one(
      400,
      'DeliveryFormatRequired',
      'Leveransformat saknas',
      `Kontraktet "${contract}" har flera leveransformat (${names.join(', ')}); ange DeliveryFormatName.`,
    ),
  unknownDeliveryFormat: (contract: string, name: string) =>
    one(
      400,
      'UnknownDeliveryFormat',
      'Okänt leveransformat',
      `Leveransformatet "${name}" finns inte i kontraktet "${contract}".`,
    ),
  unknownVersion: (format: string, version: string, known: string[]) =>
    one(
      400,
      'UnknownExternalVersionId',
      'Okänd version av leveransformatet',
      `Version "${version}" av leveransformatet "${format}" finns inte (tillåtna: ${known.join(', ')}).`,
    ),
  invalidOrgNr: (orgNr: string) =>
    one(400, 'InvalidOrgNr', 'Ogiltigt organisationsnummer', `"${orgNr}" är inte ett giltigt organisationsnummer.`),
  orgNrNotInContract: (orgNr: string, contract: string) =>
    one(
      400,
      'OrgNrNotInContract',
      'Organisationsnumret ingår inte i kontraktet',
      `Organisationsnummer ${orgNr} ingår inte i leveransöverenskommelsen "${contract}".`,
    ),
  invalidFileContent: () =>
    one(
      400,
      'InvalidFileContent',
      'Filinnehållet är inte base64',
      'fileContent ska vara filens binära innehåll som en base64-kodad sträng.',
    ),
  emptyFileContent: () => one(400, 'EmptyFileContent', 'Filen är tom', 'fileContent innehåller ingen fil.'),
  unauthenticated: (message: string) => one(401, 'Unauthenticated', 'Ej autentiserad', message),
  forbidden: (message: string) => one(403, 'Forbidden', 'Åtkomst nekad', message),
  unknownTicket: (ticket: string) =>
    one(404, 'UnknownTicket', 'Okänd biljett', `Det finns ingen leverans med biljetten ${ticket}.`),
  notFound: (path: string) => one(404, 'NotFound', 'Resursen finns inte', `${path} finns inte i tjänsten.`),
  methodNotAllowed: (method: string, allow: string) =>
    new ScbError(
      405,
      [{ errorCode: 'MethodNotAllowed', errorReason: 'Metoden stöds inte', errorMessage: `${method} stöds inte här.` }],
      allow ? { Allow: allow } : {},
    ),
  tooLarge: (limit: number) =>
    one(413, 'PayloadTooLarge', 'Anropet är för stort', `Anropet får vara högst ${limit} byte.`),
  unsupportedMediaType: () =>
    one(
      415,
      'UnsupportedMediaType',
      'Fel mediatyp',
      'Anropets innehåll ska vara JSON (Content-Type: application/json).',
    ),
  internal: () =>
    one(500, 'InternalError', 'Internt fel', 'Ett oväntat fel inträffade i inlämningstjänsten. Försök igen senare.'),
};

/** The emulator-forced errors (`X-Emulator-Error`) a real deployment can give without a rule of its own. */
export const EMULATED_STATUSES: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'För många anrop'],
  500: ['InternalError', 'Internt fel'],
  502: ['BadGateway', 'Felaktigt svar från bakomliggande system'],
  503: ['ServiceUnavailable', 'Tjänsten är inte tillgänglig'],
  504: ['GatewayTimeout', 'Bakomliggande system svarade inte i tid'],
};

export function emulatedError(status: number): ScbError {
  const [code, reason] = EMULATED_STATUSES[status] ?? EMULATED_STATUSES[500]!;
  return one(status, code, reason, `${reason} (framkallat med X-Emulator-Error: ${status}).`);
}

export function sendError(res: Response, error: ScbError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  const body: ScbErrorBody = { errors: error.errors };
  res.status(error.status).json(body);
}
