import { parseXml, XmlInputError, type ParsedXml, type XmlInputErrorKind } from '../../xml/parse.js';
import { CompiledSchema } from '../../xml/schema.js';
import type { ScbRowError, ScbValidationError } from './errors.js';
import { MAX_ROW_ERRORS } from './validate-csv.js';

/** Schemas compiled once per process (by their path under xsd/), shared by every app in it. */
const compiled = new Map<string, CompiledSchema>();

export function compileDeliverySchema(xsd: string): CompiledSchema {
  let schema = compiled.get(xsd);
  if (!schema) {
    schema = CompiledSchema.compile(`scb:${xsd}`, xsd);
    compiled.set(xsd, schema);
  }
  return schema;
}

const INPUT_ERRORS: Record<XmlInputErrorKind, [string, string]> = {
  empty: ['EmptyFile', 'Filen är tom'],
  malformed: ['XmlNotWellFormed', 'Filen är inte välformad XML'],
  dtd: ['XmlDtdNotAllowed', 'Filen har en DTD, vilket inte är tillåtet'],
};

/**
 * Validates an XML delivery: parsed as the emulator parses every request (no DTD, nothing fetched), then
 * against the format version's schema. Every violation becomes a row error with its line number and that line
 * of the file as rowData.
 */
export function validateXml(bytes: Uint8Array, xsd: string, label: string): ScbValidationError[] {
  const schema = compileDeliverySchema(xsd);
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .split(/\r\n|\n|\r/);
  const lineAt = (line: number): string => (line > 0 ? (lines[line - 1] ?? '').trim() : '');
  let parsed: ParsedXml;
  try {
    parsed = parseXml(bytes);
  } catch (error) {
    if (!(error instanceof XmlInputError)) throw error;
    const line = error.line ?? 0;
    const [errorCode, errorReason] = INPUT_ERRORS[error.kind];
    const description = error.kind === 'empty' ? 'Filen innehåller ingen XML.' : error.message;
    return [
      {
        errorCode,
        errorReason,
        errorMessage: `${errorReason} (${label}).`,
        rowErrors: [{ errorDescription: line ? `Rad ${line}: ${description}` : description, rowData: lineAt(line) }],
      },
    ];
  }
  try {
    const violations = schema.validate(parsed);
    if (violations.length === 0) return [];
    const rowErrors: ScbRowError[] = violations.slice(0, MAX_ROW_ERRORS).map((v) => ({
      errorDescription: `Rad ${v.line}: ${v.path ? `${v.path}: ` : ''}${v.message}`,
      rowData: lineAt(v.line),
    }));
    const listed = violations.length > rowErrors.length ? ` De första ${rowErrors.length} redovisas.` : '';
    return [
      {
        errorCode: 'SchemaValidation',
        errorReason: 'Filen följer inte leveransformatets schema',
        errorMessage: `${violations.length} fel mot schemat (${label}).${listed}`,
        rowErrors,
      },
    ];
  } finally {
    parsed.dispose();
  }
}
