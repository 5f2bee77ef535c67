import type { FormatVersion } from './contracts.js';
import type { ScbValidationError } from './errors.js';
import { validateCsv } from './validate-csv.js';
import { validateXml } from './validate-xml.js';

/** The delivery result as the delivery endpoint returns it. */
export interface DeliveryResult {
  successfulValidation: boolean;
  ticket: string;
  errors: ScbValidationError[];
}

/** Validates a delivered file against the format version it was resolved to; every error found is returned. */
export function validateDelivery(bytes: Uint8Array, formatName: string, version: FormatVersion): ScbValidationError[] {
  const label = `${formatName} version ${version.externalVersionId}`;
  return version.kind === 'xml' ? validateXml(bytes, version.xsd, label) : validateCsv(bytes, version, label);
}
