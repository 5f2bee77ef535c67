/**
 * Leveransöverenskommelser (contracts) and their leveransformat, as configured data. The embedded defaults hold
 * one documented demo contract; the config key `scbContracts` adds contracts or replaces one by its id.
 */

/** One column of a CSV delivery format, checked on every data row. */
export interface CsvColumn {
  name: string;
  required: boolean;
  /** string: any text; integer: optional minus and digits; decimal: also a decimal comma or point; date: YYYY-MM-DD. */
  type: 'string' | 'integer' | 'decimal' | 'date' | 'orgnr';
  /** Anchored regular expression the value must match (after the type check). */
  pattern?: string;
  maxLength?: number;
  min?: number;
  max?: number;
}

export interface CsvFormat {
  kind: 'csv';
  /** Field separator; `;` when not given (what Swedish spreadsheets write). */
  delimiter?: string;
  /** The first row names the columns (checked against `columns`, in order). */
  header: boolean;
  columns: CsvColumn[];
}

export interface XmlFormat {
  kind: 'xml';
  /** The schema, relative to the project's xsd/ folder (the only place schemas are read from). */
  xsd: string;
}

export type FormatVersion = { externalVersionId: string } & (CsvFormat | XmlFormat);

export interface DeliveryFormat {
  name: string;
  description?: string;
  /** The version used when a delivery names none. */
  defaultVersion: string;
  versions: FormatVersion[];
}

export interface Contract {
  contract: string;
  description?: string;
  /** The organisations the contract covers: a delivery's orgNr must be one of them. */
  orgNrs: string[];
  /**
   * Software suppliers (their organisationsnummer, as in their certificate) who may deliver for every
   * organisation of the contract: one certificate can serve many organisations.
   */
  submitters?: string[];
  deliveryFormats: DeliveryFormat[];
}

const LON_COLUMNS_V1: CsvColumn[] = [
  { name: 'Period', required: true, type: 'string', pattern: '^\\d{4}(0[1-9]|1[0-2])$' },
  { name: 'Anstallningsnummer', required: true, type: 'string', maxLength: 20 },
  { name: 'Yrkeskod', required: true, type: 'string', pattern: '^\\d{4}$' },
  { name: 'Manadslon', required: true, type: 'integer', min: 0, max: 10_000_000 },
];

/**
 * The demo contract: organisations 559900-0006 and 559900-0014 (fictitious numbers with a valid check digit),
 * supplier 559900-0022 may deliver for both. Two delivery formats: a CSV salary list in two versions (2 is the
 * default) and the same content as XML (xsd/scb/demo-lonerapport-1.xsd).
 */
export const DEFAULT_CONTRACTS: Contract[] = [
  {
    contract: 'demo',
    description: 'Emulatorns demokontrakt: lönerapport per anställd och månad, som CSV eller XML.',
    orgNrs: ['5599000006', '5599000014'],
    submitters: ['5599000022'],
    deliveryFormats: [
      {
        name: 'LONERAPPORT_CSV',
        description: 'Semikolonseparerad fil med rubrikrad; en rad per anställd och period.',
        defaultVersion: '2',
        versions: [
          { externalVersionId: '1', kind: 'csv', header: true, columns: LON_COLUMNS_V1 },
          {
            externalVersionId: '2',
            kind: 'csv',
            header: true,
            columns: [
              ...LON_COLUMNS_V1,
              { name: 'Sysselsattningsgrad', required: false, type: 'decimal', min: 0, max: 100 },
            ],
          },
        ],
      },
      {
        name: 'LONERAPPORT_XML',
        description: 'XML enligt xsd/scb/demo-lonerapport-1.xsd.',
        defaultVersion: '1',
        versions: [{ externalVersionId: '1', kind: 'xml', xsd: 'scb/demo-lonerapport-1.xsd' }],
      },
    ],
  },
];
