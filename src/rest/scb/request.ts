import { refuse } from './errors.js';

/** A delivery call's parameters, whichever spelling the client used. */
export interface DeliveryRequest {
  contract: string;
  orgNr: string | undefined;
  test: boolean;
  fileContent: string;
  deliveryFormatName: string | undefined;
  externalVersionId: string | undefined;
}

/**
 * Each parameter in the service description's spelling first (Contract, orgNr, Test, fileContent,
 * DeliveryFormatName, ExternalVersionId) and its other-case twin: clients serialize with PascalCase or camelCase.
 */
export const PARAMETERS = {
  contract: ['Contract', 'contract'],
  orgNr: ['orgNr', 'OrgNr'],
  test: ['Test', 'test'],
  fileContent: ['fileContent', 'FileContent'],
  deliveryFormatName: ['DeliveryFormatName', 'deliveryFormatName'],
  externalVersionId: ['ExternalVersionId', 'externalVersionId'],
} as const;

/** One parameter's value; both spellings with different values is refused rather than guessed between. */
function pick(body: Record<string, unknown>, names: readonly [string, string]): unknown {
  const [first, second] = names;
  const a = body[first];
  const b = body[second];
  if (a !== undefined && a !== null && b !== undefined && b !== null && a !== b) throw refuse.duplicateParameter(first);
  return a ?? b ?? undefined;
}

/** An optional text parameter: absent, null or blank all mean "not given". */
function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** Reads the (already schema-checked) JSON body; the types are guaranteed by the OpenAPI document. */
export function readDeliveryRequest(body: Record<string, unknown>): DeliveryRequest {
  const contract = optionalText(pick(body, PARAMETERS.contract));
  if (contract === undefined) throw refuse.missingParameter('Contract');
  const fileContent = pick(body, PARAMETERS.fileContent);
  if (fileContent === undefined || fileContent === null) throw refuse.missingParameter('fileContent');
  return {
    contract,
    orgNr: optionalText(pick(body, PARAMETERS.orgNr)),
    test: pick(body, PARAMETERS.test) === true,
    fileContent: String(fileContent),
    deliveryFormatName: optionalText(pick(body, PARAMETERS.deliveryFormatName)),
    externalVersionId: optionalText(pick(body, PARAMETERS.externalVersionId)),
  };
}

/**
 * Standard base64 (RFC 4648 §4, padded); line breaks and spaces are ignored, as MIME-wrapped encoders insert them.
 * Undefined when the text is not base64.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/[\s]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}
