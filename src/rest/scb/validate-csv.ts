import type { CsvColumn, CsvFormat } from './contracts.js';
import type { ScbRowError, ScbValidationError } from './errors.js';
import { normalizeOrgNr } from './orgnr.js';

/** More row errors than this are counted but not listed: one broken export must not make a huge result. */
export const MAX_ROW_ERRORS = 1000;

/**
 * Validates a CSV delivery against its declared columns: UTF-8 text, the header row (when declared), then each data
 * row: the number of fields, and per column required / type / pattern / length / range. Every problem is reported,
 * with its row number (1 = the first line of the file) and the row as delivered.
 */
export function validateCsv(bytes: Uint8Array, format: CsvFormat, label: string): ScbValidationError[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return [
      {
        errorCode: 'FileEncoding',
        errorReason: 'Filen är inte UTF-8',
        errorMessage: `Filen kan inte läsas som UTF-8-text (${label}).`,
        rowErrors: [],
      },
    ];
  }
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const delimiter = format.delimiter ?? ';';
  const errors: ScbValidationError[] = [];
  let first = 0;
  if (format.header) {
    first = 1;
    const header = lines[0] === undefined ? undefined : splitFields(lines[0], delimiter);
    const expected = format.columns.map((c) => c.name);
    const actual = header && 'fields' in header ? header.fields.map((f) => f.trim()) : undefined;
    if (lines[0] !== undefined && (!actual || actual.join('\u0000') !== expected.join('\u0000'))) {
      errors.push({
        errorCode: 'CsvHeader',
        errorReason: 'Fel rubrikrad',
        errorMessage: `Rubrikraden ska vara: ${expected.join(delimiter)} (${label}).`,
        rowErrors: [
          { errorDescription: 'Rad 1: rubrikraden stämmer inte med leveransformatets kolumner.', rowData: lines[0] },
        ],
      });
    }
  }
  if (lines.length <= first) {
    errors.push({
      errorCode: 'EmptyFile',
      errorReason: 'Filen saknar rader',
      errorMessage: `Filen innehåller inga datarader (${label}).`,
      rowErrors: [],
    });
    return errors;
  }
  const rowErrors: ScbRowError[] = [];
  let count = 0;
  let badRows = 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    const problems = checkRow(line, i + 1, format.columns, delimiter);
    if (problems.length === 0) continue;
    badRows++;
    count += problems.length;
    for (const p of problems)
      if (rowErrors.length < MAX_ROW_ERRORS) rowErrors.push({ errorDescription: p, rowData: line });
  }
  if (count > 0) {
    const listed = count > rowErrors.length ? ` De första ${rowErrors.length} redovisas.` : '';
    errors.push({
      errorCode: 'RowValidation',
      errorReason: 'Rader följer inte leveransformatet',
      errorMessage: `${count} fel på ${badRows} rader (${label}).${listed}`,
      rowErrors,
    });
  }
  return errors;
}

function checkRow(line: string, row: number, columns: CsvColumn[], delimiter: string): string[] {
  if (line.trim() === '') return [`Rad ${row}: raden är tom.`];
  const split = splitFields(line, delimiter);
  if ('error' in split) return [`Rad ${row}: ${split.error}`];
  if (split.fields.length !== columns.length)
    return [`Rad ${row}: raden har ${split.fields.length} fält, leveransformatet har ${columns.length} kolumner.`];
  const problems: string[] = [];
  columns.forEach((column, i) => {
    const problem = checkValue(split.fields[i]!.trim(), column);
    if (problem) problems.push(`Rad ${row}, kolumn ${column.name}: ${problem}`);
  });
  return problems;
}

/** Why a value does not fit its column, or undefined when it does. */
export function checkValue(value: string, column: CsvColumn): string | undefined {
  if (value === '') return column.required ? 'värde saknas (obligatorisk kolumn).' : undefined;
  let numeric: number | undefined;
  switch (column.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return `"${value}" är inte ett heltal.`;
      numeric = Number(value);
      break;
    case 'decimal':
      if (!/^-?\d+([.,]\d+)?$/.test(value)) return `"${value}" är inte ett decimaltal.`;
      numeric = Number(value.replace(',', '.'));
      break;
    case 'date':
      if (!isDate(value)) return `"${value}" är inte ett datum (ÅÅÅÅ-MM-DD).`;
      break;
    case 'orgnr':
      if (!normalizeOrgNr(value)) return `"${value}" är inte ett giltigt organisationsnummer.`;
      break;
    case 'string':
      break;
  }
  if (column.maxLength !== undefined && value.length > column.maxLength)
    return `"${value}" är längre än ${column.maxLength} tecken.`;
  if (column.pattern !== undefined && !new RegExp(column.pattern, 'u').test(value))
    return `"${value}" har fel format (${column.pattern}).`;
  if (numeric !== undefined && column.min !== undefined && numeric < column.min)
    return `${value} är mindre än ${column.min}.`;
  if (numeric !== undefined && column.max !== undefined && numeric > column.max)
    return `${value} är större än ${column.max}.`;
  return undefined;
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Splits one line; fields may be quoted ("a;b", "" for a quote inside). A quoted field cannot span lines. */
export function splitFields(line: string, delimiter: string): { fields: string[] } | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return { error: 'ett citerat fält avslutas inte på raden.' };
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      if (i < line.length && line[i] !== delimiter) return { error: 'tecken efter ett citerat fält.' };
      fields.push(value);
    } else {
      const end = line.indexOf(delimiter, i);
      fields.push(end < 0 ? line.slice(i) : line.slice(i, end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return { fields };
    i++; // past the delimiter
    if (i === line.length) {
      fields.push('');
      return { fields };
    }
  }
}
