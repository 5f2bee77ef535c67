import { expect } from 'chai';
import { DEFAULT_CONTRACTS, type CsvFormat } from '../../../src/rest/scb/contracts.js';
import { checkValue, splitFields, validateCsv } from '../../../src/rest/scb/validate-csv.js';
import { validateXml } from '../../../src/rest/scb/validate-xml.js';
import { startServer, type TestServer } from '../../support/server.js';
import { CSV_V2_OK, XML_OK, b64, resultOf, ticketFor } from './support.js';

const lonCsv = DEFAULT_CONTRACTS[0]!.deliveryFormats[0]!;
const V2 = lonCsv.versions.find((v) => v.externalVersionId === '2') as CsvFormat & { externalVersionId: string };
const XSD = 'scb/demo-lonerapport-1.xsd';

describe('SCB: CSV validation by declared columns', () => {
  it('accepts a correct file (quoted field with the delimiter, decimal comma, empty optional column, CRLF)', () => {
    expect(validateCsv(Buffer.from(CSV_V2_OK), V2, 'L')).to.deep.equal([]);
  });

  it('reports every row error with its row number and the row as delivered', () => {
    const file = [
      'Period;Anstallningsnummer;Yrkeskod;Manadslon;Sysselsattningsgrad',
      '202613;A-1;2512;45000;100', // period month 13
      ';A-2;25;4x;', // period missing, yrkeskod short, lön not an integer
      '202610;A-3;2512;45000', // one field short
      '202610;A-4;2512;45000;100,5', // over 100
      '202610;A-5;2512;45000;50',
    ].join('\n');
    const [error, ...rest] = validateCsv(Buffer.from(file), V2, 'LONERAPPORT_CSV version 2');
    expect(rest).to.deep.equal([]);
    expect(error!.errorCode).to.equal('RowValidation');
    expect(error!.errorMessage).to.equal('6 fel på 4 rader (LONERAPPORT_CSV version 2).');
    expect(error!.rowErrors.map((r) => r.errorDescription)).to.deep.equal([
      'Rad 2, kolumn Period: "202613" har fel format (^\\d{4}(0[1-9]|1[0-2])$).',
      'Rad 3, kolumn Period: värde saknas (obligatorisk kolumn).',
      'Rad 3, kolumn Yrkeskod: "25" har fel format (^\\d{4}$).',
      'Rad 3, kolumn Manadslon: "4x" är inte ett heltal.',
      'Rad 4: raden har 4 fält, leveransformatet har 5 kolumner.',
      'Rad 5, kolumn Sysselsattningsgrad: 100,5 är större än 100.',
    ]);
    expect(error!.rowErrors[1]!.rowData).to.equal(';A-2;25;4x;');
    expect(error!.rowErrors[4]!.rowData).to.equal('202610;A-3;2512;45000');
  });

  it('checks the header row, an empty file, and UTF-8', () => {
    const header = validateCsv(Buffer.from('Period;Anstallningsnr\n'), V2, 'L');
    expect(header.map((e) => e.errorCode)).to.deep.equal(['CsvHeader', 'EmptyFile']);
    expect(header[0]!.rowErrors[0]).to.deep.equal({
      errorDescription: 'Rad 1: rubrikraden stämmer inte med leveransformatets kolumner.',
      rowData: 'Period;Anstallningsnr',
    });
    expect(validateCsv(Buffer.from([0x50, 0xe4, 0x0a]), V2, 'L').map((e) => e.errorCode)).to.deep.equal([
      'FileEncoding',
    ]);
    // A byte-order mark is allowed before the header.
    expect(validateCsv(Buffer.from('\uFEFF' + CSV_V2_OK), V2, 'L')).to.deep.equal([]);
  });

  it('reports a blank line and an unterminated quote inside the file', () => {
    const file = `${CSV_V2_OK.split('\r\n')[0]}\n\n202610;"A-1;2512;45000;1\n202610;A-2;2512;45000;1\n`;
    const [error] = validateCsv(Buffer.from(file), V2, 'L');
    expect(error!.rowErrors.map((r) => r.errorDescription)).to.deep.equal([
      'Rad 2: raden är tom.',
      'Rad 3: ett citerat fält avslutas inte på raden.',
    ]);
  });

  it('splits quoted fields and checks column types', () => {
    expect(splitFields('a;"b;""c""";', ';')).to.deep.equal({ fields: ['a', 'b;"c"', ''] });
    expect(splitFields('"a"x;b', ';')).to.have.property('error');
    expect(checkValue('2026-02-30', { name: 'D', required: true, type: 'date' })).to.match(/inte ett datum/);
    expect(checkValue('2026-02-28', { name: 'D', required: true, type: 'date' })).to.equal(undefined);
    expect(checkValue('559900-0007', { name: 'O', required: true, type: 'orgnr' })).to.match(/organisationsnummer/);
    expect(checkValue('559900-0006', { name: 'O', required: true, type: 'orgnr' })).to.equal(undefined);
    expect(checkValue('toolong', { name: 'S', required: false, type: 'string', maxLength: 3 })).to.match(/längre än 3/);
  });
});

describe('SCB: XML validation with the compiled XSD', () => {
  it('accepts a valid file', () => {
    expect(validateXml(Buffer.from(XML_OK), XSD, 'L')).to.deep.equal([]);
  });

  it('reports every schema violation with its line number and that line', () => {
    const bad = XML_OK.replace('<Period>202610</Period>', '<Period>202699</Period>').replace(
      '<Manadslon>45000</Manadslon>',
      '<Manadslon>-5</Manadslon>\n    <Bonus>1</Bonus>',
    );
    const [error, ...rest] = validateXml(Buffer.from(bad), XSD, 'LONERAPPORT_XML version 1');
    expect(rest).to.deep.equal([]);
    expect(error!.errorCode).to.equal('SchemaValidation');
    expect(error!.errorMessage).to.equal('3 fel mot schemat (LONERAPPORT_XML version 1).');
    const rows = error!.rowErrors;
    expect(rows.map((r) => r.errorDescription.split(':')[0])).to.deep.equal(['Rad 4', 'Rad 8', 'Rad 9']);
    expect(rows[0]!.errorDescription).to.contain('/Lonerapport/Period');
    expect(rows[0]!.errorDescription).to.contain('[0-9][0-9][0-9][0-9](0[1-9]|1[0-2])');
    expect(rows[0]!.rowData).to.equal('<Period>202699</Period>');
    expect(rows[1]!.rowData).to.equal('<Manadslon>-5</Manadslon>');
    expect(rows[2]!.rowData).to.equal('<Bonus>1</Bonus>');
  });

  it('reports a file that is not well-formed, with the line', () => {
    const broken = XML_OK.replace('</Yrkeskod>', '</Yrke>');
    const [error] = validateXml(Buffer.from(broken), XSD, 'L');
    expect(error!.errorCode).to.equal('XmlNotWellFormed');
    expect(error!.rowErrors[0]!.errorDescription).to.match(/^Rad 7: /);
    expect(error!.rowErrors[0]!.rowData).to.equal('<Yrkeskod>2512</Yrke>');
  });

  it('refuses a DTD and reports an empty file', () => {
    const dtd = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>';
    expect(validateXml(Buffer.from(dtd), XSD, 'L')[0]!.errorCode).to.equal('XmlDtdNotAllowed');
    expect(validateXml(Buffer.from('  \n'), XSD, 'L')[0]!.errorCode).to.equal('EmptyFile');
  });

  it('a document in another namespace does not validate', () => {
    const other = XML_OK.replace('urn:x-ssbtek-emulator:scb:demo:lonerapport:1', 'urn:other');
    expect(validateXml(Buffer.from(other), XSD, 'L')[0]!.rowErrors[0]!.errorDescription).to.match(/^Rad 2: /);
  });
});

describe('SCB: validation results over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('a CSV delivery with row errors', async () => {
    const file = `${CSV_V2_OK.split('\r\n')[0]}\n202610;A-1;2512;45000;100\n202610;A-2;99;45000;100\n`;
    const ticket = await ticketFor(server.url, {
      Contract: 'demo',
      fileContent: b64(file),
      DeliveryFormatName: 'LONERAPPORT_CSV',
    });
    const result = await resultOf(server.url, ticket);
    expect(result).to.deep.equal({
      successfulValidation: false,
      ticket,
      errors: [
        {
          errorCode: 'RowValidation',
          errorReason: 'Rader följer inte leveransformatet',
          errorMessage: '1 fel på 1 rader (LONERAPPORT_CSV version 2).',
          rowErrors: [
            {
              errorDescription: 'Rad 3, kolumn Yrkeskod: "99" har fel format (^\\d{4}$).',
              rowData: '202610;A-2;99;45000;100',
            },
          ],
        },
      ],
    });
  });

  it('an XML delivery with schema errors and one that is not XML at all', async () => {
    const bad = XML_OK.replace('<Yrkeskod>2512</Yrkeskod>', '');
    const t1 = await ticketFor(server.url, {
      Contract: 'demo',
      fileContent: b64(bad),
      DeliveryFormatName: 'LONERAPPORT_XML',
    });
    const t2 = await ticketFor(server.url, {
      Contract: 'demo',
      fileContent: b64('Period;A\n1;2'),
      DeliveryFormatName: 'LONERAPPORT_XML',
    });
    const r1 = await resultOf(server.url, t1);
    expect(r1.successfulValidation).to.equal(false);
    expect(r1.errors[0]!.rowErrors[0]!.errorDescription).to.match(
      /^Rad 8: \/Lonerapport\/Anstalld\/Manadslon: .*Expected is .*Yrkeskod/,
    );
    const r2 = await resultOf(server.url, t2);
    expect(r2.errors.map((e) => e.errorCode)).to.deep.equal(['XmlNotWellFormed']);
    expect(r2.errors[0]!.rowErrors[0]!.errorDescription).to.match(/^Rad 1: /);
  });
});
