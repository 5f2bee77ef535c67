import { expect } from 'chai';
import { DEFAULT_CONTRACTS, type FormatVersion } from '../../../src/rest/scb/contracts.js';
import { validateDelivery } from '../../../src/rest/scb/validate.js';
import { OFF_THREAD_BYTES, ValidationThread } from '../../../src/rest/scb/validation-thread.js';
import { startServer, type TestServer } from '../../support/server.js';
import { CSV_V2_OK, XML_OK, b64, resultOf, ticketFor } from './support.js';

const lonCsv = DEFAULT_CONTRACTS[0]!.deliveryFormats[0]!;
const V2 = lonCsv.versions.find((v) => v.externalVersionId === '2')!;
const XML_V1: FormatVersion = { externalVersionId: '1', kind: 'xml', xsd: 'scb/demo-lonerapport-1.xsd' };

/** A CSV of about `bytes` with two bad rows (a wrong Yrkeskod near the start and at the end). */
function bigCsv(bytes: number): Buffer {
  const [header, ...rows] = CSV_V2_OK.split('\r\n').filter(Boolean);
  const count = Math.ceil(bytes / (rows[0]!.length + 1));
  const body = Array.from({ length: count }, (_, i) => rows[i % rows.length]!.replace('A-', `A-${i}-`));
  body[3] = '202610;A-bad;99;45000;100';
  body.push('202610;A-last;7;45000;100');
  return Buffer.from(`${header}\n${body.join('\n')}\n`);
}

/** An XML delivery of about `bytes`: many Anstalld, one missing its Yrkeskod. */
function bigXml(bytes: number): Buffer {
  const [head, anstalld, tail] = /^(.*?)(<Anstalld>.*<\/Anstalld>)(.*)$/s.exec(XML_OK)!.slice(1) as [
    string,
    string,
    string,
  ];
  const count = Math.ceil(bytes / anstalld.length);
  const many = Array.from({ length: count }, (_, i) =>
    i === 10 ? anstalld.replace(/<Yrkeskod>.*<\/Yrkeskod>/, '') : anstalld,
  );
  return Buffer.from(head + many.join('\n') + tail);
}

/**
 * A delivered file larger than OFF_THREAD_BYTES is validated in a worker thread: the main thread's timers keep
 * running while it is (they would not tick at all during an in-place validation), and the result is exactly the
 * in-place one.
 */
describe('SCB: large deliveries are validated off the main thread', function () {
  this.timeout(60_000);
  const thread = new ValidationThread();
  after(() => thread.close());

  async function ticksDuring(work: Promise<unknown>): Promise<number> {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await work;
    } finally {
      clearInterval(timer);
    }
    return ticks;
  }

  for (const [name, file, format, version] of [
    ['CSV, 4 MB', bigCsv(4 * 1024 * 1024), 'LONERAPPORT_CSV', V2],
    ['XML, 2 MB', bigXml(2 * 1024 * 1024), 'LONERAPPORT_XML', XML_V1],
  ] as const) {
    it(`${name}: the same result as in place, the main thread free meanwhile`, async () => {
      expect(file.length).to.be.above(OFF_THREAD_BYTES);
      const started = performance.now();
      const inPlace = validateDelivery(file, format, version);
      const inPlaceMs = performance.now() - started;
      let offThread: unknown;
      const ticks = await ticksDuring(thread.validate(file, format, version).then((errors) => (offThread = errors)));
      expect(offThread).to.deep.equal(inPlace);
      expect(inPlace.length, 'the file has errors to find').to.be.above(0);
      // In place, the same work took inPlaceMs without a single tick.
      expect(ticks, `${ticks} timer ticks while validating (${Math.round(inPlaceMs)} ms in place)`).to.be.at.least(3);
    });
  }

  it('over HTTP: a 6 MB delivery gets its result, and a small one is validated in place as before', async () => {
    const server: TestServer = await startServer({ scbProcessingDelayMs: 0 });
    try {
      const big = await ticketFor(server.url, {
        Contract: 'demo',
        fileContent: bigCsv(6 * 1024 * 1024).toString('base64'),
        DeliveryFormatName: 'LONERAPPORT_CSV',
      });
      const small = await ticketFor(server.url, {
        Contract: 'demo',
        fileContent: b64(CSV_V2_OK),
        DeliveryFormatName: 'LONERAPPORT_CSV',
      });
      const bigResult = await resultOf(server.url, big);
      expect(bigResult.successfulValidation).to.equal(false);
      expect(bigResult.errors[0]!.rowErrors.map((r) => r.rowData)).to.deep.equal([
        '202610;A-bad;99;45000;100',
        '202610;A-last;7;45000;100',
      ]);
      expect((await resultOf(server.url, small)).successfulValidation).to.equal(true);
    } finally {
      await server.close();
    }
  });
});
