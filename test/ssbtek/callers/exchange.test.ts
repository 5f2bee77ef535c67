import { expect } from 'chai';
import { readIipHeader } from '../../../src/ssbtek/callers/iip.js';
import { readJournal } from '../../../src/tools/replay/recording.js';
import type { JournalEntry } from '../../../src/journal/journal.js';
import { parseXml } from '../../../src/xml/parse.js';
import { readEnvelope } from '../../../src/xml/soap.js';
import { example, postSoap, v10Request } from '../../support/requests.js';
import { startServer, type TestServer } from '../../support/server.js';
import { iipHeader, outcomes } from './support.js';

function headerOf(inner: string) {
  const xml =
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soapenv:Header>${inner}</soapenv:Header><soapenv:Body><x/></soapenv:Body></soapenv:Envelope>`;
  const parsed = parseXml(Buffer.from(xml));
  try {
    return readEnvelope(parsed.root).header;
  } finally {
    parsed.dispose();
  }
}

describe('SSBTEK callers: the iip header (seed §8.4)', () => {
  it('names the customer in iip:iipax/iip:From/iip:Address, in any of an organisationsnummer’s forms', () => {
    for (const address of ['8020069582', '802006-9582', '168020069582']) {
      expect(readIipHeader(headerOf(iipHeader(address)))).to.deep.equal({ from: '8020069582', problems: [] });
    }
  });

  it('is absent without a Header or without iipax; other header blocks and other iipax children are ignored', () => {
    expect(readIipHeader(undefined)).to.deep.equal({ problems: [] });
    expect(readIipHeader(headerOf('<w:Security xmlns:w="urn:x"/>'))).to.deep.equal({ problems: [] });
    const withMore =
      '<iip:iipax xmlns:iip="http://www.idainfront.se/ns/iip/1.0"><iip:To><iip:Address>2021005521</iip:Address></iip:To>' +
      '<iip:From><iip:Address>8020069582</iip:Address></iip:From></iip:iipax><w:Security xmlns:w="urn:x"/>';
    expect(readIipHeader(headerOf(withMore)).from).to.equal('8020069582');
  });

  it('an iipax in another namespace is not the iip header', () => {
    const other = '<x:iipax xmlns:x="urn:other"><x:From><x:Address>nonsense</x:Address></x:From></x:iipax>';
    expect(readIipHeader(headerOf(other))).to.deep.equal({ problems: [] });
  });

  it('says what makes a header unusable, with its line', () => {
    const [problem] = readIipHeader(headerOf(iipHeader('5565866996'))).problems;
    expect(problem).to.match(
      /^Rad 1: \/Envelope\/Header\/iipax\/From\/Address: "5565866996" är inget organisationsnummer/,
    );
  });
});

describe('SSBTEK callers: one exchange (kept answers, journal, a base service’s own path)', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('keeps answers per caller: the same bytes from another caller get that caller’s answer', async () => {
    const query = v10Request({ personidentitet: '198601042388', aktorsid: '026-51', korrelationsid: 'KEPT-1' });
    const ask = (caller?: string) =>
      postSoap(`${server.url}/ssbtek`, query, caller ? { 'X-SSBTEK-Client-OrgNr': caller } : {});
    for (let round = 0; round < 2; round++) {
      expect(outcomes((await ask('2120002411')).body).AF, `round ${round}`).to.equal('data');
      expect(outcomes((await ask('5599000030')).body).AF, `round ${round}`).to.equal('400');
      expect(outcomes((await ask()).body).AF, `round ${round}`).to.equal('data');
    }
    const journal = (await (await fetch(`${server.url}/__admin/requests?korrelationsid=KEPT-1`)).json()) as {
      requests: JournalEntry[];
    };
    // Newest first: the second round came from the kept answers, the first computed each caller's answer.
    expect(journal.requests.map((r) => [r.caller ?? '-', r.answeredFromCache === true])).to.deep.equal([
      ['-', true],
      ['5599000030', true],
      ['2120002411', true],
      ['-', false],
      ['5599000030', false],
      ['2120002411', false],
    ]);
  });

  it('journals who asked, and for whom an ombud asked (and the stand-in header)', async () => {
    const reply = await postSoap(`${server.url}/ssbtek`, example('v10-via-ombud.xml'), {
      'X-SSBTEK-Client-OrgNr': '5565866992',
    });
    expect(reply.status).to.equal(200);
    const journal = (await (
      await fetch(`${server.url}/__admin/requests?korrelationsid=KORRID-V10-OMBUD-0001`)
    ).json()) as {
      requests: JournalEntry[];
    };
    const [entry] = journal.requests;
    expect(entry).to.include({ caller: '5565866992', onBehalfOf: '8020069582' });
    expect(entry?.request.headers['x-ssbtek-client-orgnr']).to.equal('5565866992');
    // record --from-journal makes a case that asks as the same caller again
    const { exchanges } = await readJournal(server.url, 1000, 5000);
    const recorded = exchanges.find((e) => e.source.includes(entry?.id ?? '?'));
    expect(recorded?.headers).to.deep.equal({ 'X-SSBTEK-Client-OrgNr': '5565866992' });
  });

  it('a base service on its own path answers X-SSBTEK-Access in its own form, and refuses an unknown verdict', async () => {
    const afRequest = (
      await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF'], korrelationsid: 'AF-NATIVE' }))
    ).status;
    expect(afRequest).to.equal(200);
    const journal = (await (await fetch(`${server.url}/__admin/requests?korrelationsid=AF-NATIVE`)).json()) as {
      requests: JournalEntry[];
    };
    const native = journal.requests[0]?.services?.[0]?.request;
    const send = (access: string) =>
      fetch(`${server.url}/bastjanster/af${native?.path}`, {
        method: 'POST',
        headers: { 'content-type': native?.contentType ?? '', 'X-SSBTEK-Access': access },
        body: native?.body,
      });
    const refused = await send('ombud-not-named');
    expect(refused.status).to.equal(200);
    expect(await refused.text()).to.contain('<af:StatusSokandeinformationKod>402<');
    const unknown = await send('maybe');
    expect(unknown.status).to.equal(500);
    expect(await unknown.text()).to.contain('Invalid X-SSBTEK-Access header: "maybe" is not one of');
  });
});
