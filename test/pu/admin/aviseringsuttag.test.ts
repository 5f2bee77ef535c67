import { expect } from 'chai';
import { CALLER_HEADERS, sampleReport } from '../../rest/birthreport/support.js';
import type { TestServer } from '../../support/server.js';
import {
  BASE,
  PRIVATE,
  STOCKHOLM,
  STOCKHOLM_EXTENDED,
  VASTERNORRLAND,
  call,
  countyOf,
  expectProblem,
  expectShape,
  inCounty,
  start,
  type Json,
} from './support.js';

const CONSENT = (sharedWith: string[]): Json => ({ givenAt: '2026-11-01T10:00:00Z', sharedWith });

describe('PU admin: aviseringsuttag (NDJSON, the region rule)', () => {
  let server: TestServer;
  const stockholm = inCounty('01', 32);
  const vasternorrland = inCounty('22', 2);
  let reserveId = '';
  let child = '';

  before(async () => {
    server = await start();
    expect(stockholm).to.have.length(32);
    expect(vasternorrland).to.have.length(2);
    // Stockholm: 31 persons with contact details (the first shared with STOCKHOLM only), one linked to a reserve id.
    for (const [i, pnr] of stockholm.slice(0, 31).entries()) {
      const consent = CONSENT(i === 0 ? [STOCKHOLM] : ['ALL']);
      expect(
        (await call(server, 'PUT', `/contacts/${pnr}`, { body: { email: `p${i}@example.se`, consent } })).status,
      ).to.equal(201);
    }
    reserveId = String((await call(server, 'POST', '/reserve-identities/national', { body: {} })).body.id);
    const linked = await call(server, 'PUT', `/reserve-identities/${reserveId}/link`, {
      body: { personidentitet: stockholm[31] },
    });
    expect(linked.status, linked.text).to.equal(200);
    await call(server, 'PUT', `/contacts/${vasternorrland[0]}`, {
      body: { phone: '060-12 34 56', consent: CONSENT(['ALL']) },
    });
    // A reported birth: the child is registered in the population, and so known to the uttag.
    const born = await fetch(`${server.url}/v1/birthreport`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CALLER_HEADERS },
      body: JSON.stringify(sampleReport()),
    });
    expect(born.status).to.equal(201);
    child = String(((await born.json()) as Json).personalIdentityNumber);
  });
  after(() => server.close());

  const uttag = async (lan: string, consumer: string): Promise<{ response: Response; lines: Json[] }> => {
    const response = await fetch(`${server.url}${BASE}/aviseringsuttag?lan=${lan}`, {
      headers: { 'x-pu-consumer': consumer },
    });
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
    }
    if (response.status !== 200) return { response, lines: [JSON.parse(text) as Json] };
    expect(text.endsWith('\n')).to.equal(true);
    return {
      response,
      lines: text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Json),
    };
  };

  it("streams the region's known persons, one JSON object per line, in number order", async () => {
    const { response, lines } = await uttag('01', STOCKHOLM);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/x-ndjson/);
    expect(response.headers.get('transfer-encoding')).to.equal('chunked');
    const expected = [...stockholm, ...(countyOf(child) === '01' ? [child] : [])].sort();
    expect(lines.map((l) => l.id)).to.deep.equal(expected);
    for (const line of lines) {
      expectShape('UttagLine', line);
      expect(line.lan).to.equal('01');
    }
    expect(lines.find((l) => l.id === stockholm[31])?.reservidentiteter).to.deep.equal([reserveId]);
    expect(lines.find((l) => l.id === stockholm[0])?.kontaktuppgifter).to.deep.include({ email: 'p0@example.se' });
  });

  it('includes contact details only when the consent shares them with the consumer', async () => {
    const { lines } = await uttag('01', STOCKHOLM_EXTENDED);
    expect(lines.find((l) => l.id === stockholm[0])).to.not.have.property('kontaktuppgifter');
    expect(lines.find((l) => l.id === stockholm[1])?.kontaktuppgifter).to.deep.include({ email: 'p1@example.se' });
  });

  it("gives Västernorrland's consumer its own county's persons", async () => {
    const { lines } = await uttag('22', VASTERNORRLAND);
    const expected = [vasternorrland[0], ...(countyOf(child) === '22' ? [child] : [])].sort();
    expect(lines.map((l) => l.id)).to.deep.equal(expected);
    expect((lines[0]?.kontaktuppgifter as Json).phone).to.equal('+4660123456');
  });

  it('includes a reported birth in its county', async () => {
    const lan = countyOf(child);
    const { lines } = await uttag(lan, `TEST-LAN-${lan}`);
    expect(lines.map((l) => l.id)).to.include(child);
  });

  it("refuses another region's consumer, a consumer without a region, and an unknown consumer (403)", async () => {
    for (const [lan, consumer, reason] of [
      ['22', STOCKHOLM, /belongs to county 01/],
      ['01', VASTERNORRLAND, /belongs to county 22/],
      ['01', PRIVATE, /not a region's consumer/],
      ['01', 'SE0000000000-NOBODY', /not a known consumer/],
    ] as const) {
      const answer = await call(server, 'GET', `/aviseringsuttag?lan=${lan}`, { consumer });
      expect(expectProblem(answer, 403).detail).to.match(reason);
    }
  });

  it('refuses a missing or malformed county code (400)', async () => {
    expect(expectProblem(await call(server, 'GET', '/aviseringsuttag?lan=1'), 400).errors).to.deep.include({
      parameter: 'lan',
      detail: 'must match pattern "^[0-9]{2}$"',
    });
    expectProblem(await call(server, 'GET', '/aviseringsuttag'), 400);
  });
});
