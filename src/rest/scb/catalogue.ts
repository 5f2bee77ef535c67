import { DEFAULT_CONTRACTS, type Contract, type DeliveryFormat, type FormatVersion } from './contracts.js';
import { refuse } from './errors.js';
import { normalizeOrgNr } from './orgnr.js';

/** What a delivery was resolved to: its contract, format and the version it is validated against. */
export interface ResolvedFormat {
  contract: Contract;
  format: DeliveryFormat;
  version: FormatVersion;
}

/**
 * The contracts in force: the embedded defaults, then the configured `scbContracts` (a contract with the id of a
 * default replaces it). Checked once at start so that a broken config stops the server, not a delivery.
 */
export class ContractCatalogue {
  private readonly contracts = new Map<string, Contract>();

  constructor(configured: unknown = undefined) {
    for (const c of DEFAULT_CONTRACTS) this.contracts.set(c.contract, c);
    if (configured !== undefined) {
      if (!Array.isArray(configured)) throw new Error('scbContracts must be an array of contracts');
      configured.forEach((c, i) => {
        const contract = checkContract(c, `scbContracts[${i}]`);
        this.contracts.set(contract.contract, contract);
      });
    }
  }

  all(): Contract[] {
    return [...this.contracts.values()];
  }

  contract(contractId: string): Contract {
    const contract = this.contracts.get(contractId);
    if (!contract) throw refuse.unknownContract(contractId);
    return contract;
  }

  /** Delivery format → version within a contract, each step refused with its own error. */
  resolve(contract: Contract, formatName: string | undefined, versionId: string | undefined): ResolvedFormat {
    const contractId = contract.contract;
    let format: DeliveryFormat | undefined;
    if (formatName === undefined) {
      // The name may be left out only where the contract has a single format.
      if (contract.deliveryFormats.length !== 1)
        throw refuse.deliveryFormatRequired(
          contractId,
          contract.deliveryFormats.map((f) => f.name),
        );
      format = contract.deliveryFormats[0]!;
    } else {
      format = contract.deliveryFormats.find((f) => f.name === formatName);
      if (!format) throw refuse.unknownDeliveryFormat(contractId, formatName);
    }
    const wanted = versionId ?? format.defaultVersion;
    const version = format.versions.find((v) => v.externalVersionId === wanted);
    if (!version)
      throw refuse.unknownVersion(
        format.name,
        wanted,
        format.versions.map((v) => v.externalVersionId),
      );
    return { contract, format, version };
  }
}

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

function nonEmptyString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'must be a non-empty string');
  return value;
}

function orgNrList(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) fail(where, 'must be an array of organisationsnummer');
  return value.map((v, i) => {
    const normalized = typeof v === 'string' ? normalizeOrgNr(v) : undefined;
    if (!normalized) fail(`${where}[${i}]`, `"${String(v)}" is not a valid organisationsnummer`);
    return normalized;
  });
}

const COLUMN_TYPES = ['string', 'integer', 'decimal', 'date', 'orgnr'];

/** Checks one configured contract's shape and references (default version exists, patterns compile). */
function checkContract(raw: unknown, where: string): Contract {
  if (typeof raw !== 'object' || raw === null) fail(where, 'must be an object');
  const c = raw as Record<string, unknown>;
  const contract: Contract = {
    contract: nonEmptyString(c.contract, `${where}.contract`),
    orgNrs: orgNrList(c.orgNrs, `${where}.orgNrs`),
    submitters: c.submitters === undefined ? [] : orgNrList(c.submitters, `${where}.submitters`),
    deliveryFormats: [],
  };
  if (typeof c.description === 'string') contract.description = c.description;
  if (!Array.isArray(c.deliveryFormats) || c.deliveryFormats.length === 0)
    fail(`${where}.deliveryFormats`, 'must be a non-empty array');
  for (const [i, f] of c.deliveryFormats.entries()) {
    const at = `${where}.deliveryFormats[${i}]`;
    const format = f as Record<string, unknown>;
    const name = nonEmptyString(format?.name, `${at}.name`);
    const defaultVersion = nonEmptyString(format.defaultVersion, `${at}.defaultVersion`);
    if (!Array.isArray(format.versions) || format.versions.length === 0)
      fail(`${at}.versions`, 'must be a non-empty array');
    const versions = format.versions.map((v, j) => checkVersion(v, `${at}.versions[${j}]`));
    if (!versions.some((v) => v.externalVersionId === defaultVersion))
      fail(`${at}.defaultVersion`, `"${defaultVersion}" is not one of its versions`);
    contract.deliveryFormats.push({ name, defaultVersion, versions, description: format.description as string });
  }
  return contract;
}

function checkVersion(raw: unknown, where: string): FormatVersion {
  const v = (raw ?? {}) as Record<string, unknown>;
  const externalVersionId = nonEmptyString(v.externalVersionId, `${where}.externalVersionId`);
  if (v.kind === 'xml') {
    const xsd = nonEmptyString(v.xsd, `${where}.xsd`);
    return { externalVersionId, kind: 'xml', xsd };
  }
  if (v.kind !== 'csv') fail(`${where}.kind`, 'must be "csv" or "xml"');
  if (!Array.isArray(v.columns) || v.columns.length === 0) fail(`${where}.columns`, 'must be a non-empty array');
  const columns = v.columns.map((col, k) => {
    const at = `${where}.columns[${k}]`;
    const column = (col ?? {}) as Record<string, unknown>;
    nonEmptyString(column.name, `${at}.name`);
    if (!COLUMN_TYPES.includes(column.type as string)) fail(`${at}.type`, `must be one of ${COLUMN_TYPES.join(', ')}`);
    if (typeof column.required !== 'boolean') fail(`${at}.required`, 'must be true or false');
    if (column.pattern !== undefined) {
      try {
        new RegExp(nonEmptyString(column.pattern, `${at}.pattern`), 'u');
      } catch (error) {
        fail(`${at}.pattern`, (error as Error).message);
      }
    }
    return column as unknown as CsvColumnShape;
  });
  const delimiter = v.delimiter === undefined ? ';' : nonEmptyString(v.delimiter, `${where}.delimiter`);
  if (delimiter.length !== 1) fail(`${where}.delimiter`, 'must be one character');
  return { externalVersionId, kind: 'csv', header: v.header !== false, delimiter, columns };
}

type CsvColumnShape = Extract<FormatVersion, { kind: 'csv' }>['columns'][number];
