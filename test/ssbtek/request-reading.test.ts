import { expect } from 'chai';
import { XmlDocument } from 'libxml2-wasm';
import { createApp, type App } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { v10Request } from '../support/requests.js';

/** How many documents libxml2 parses while `work` runs. */
async function libxml2Parses(work: () => Promise<unknown>): Promise<number> {
  const original = XmlDocument.fromBuffer;
  let parses = 0;
  XmlDocument.fromBuffer = function (this: typeof XmlDocument, ...args: Parameters<typeof original>) {
    parses++;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    XmlDocument.fromBuffer = original;
  }
  return parses;
}

describe('The SSBTEK query read by saxes and checked on its tree; libxml2 only for what is not shown valid', function () {
  this.timeout(20_000);
  let app: App;

  before(async () => {
    app = createApp({ ...DEFAULT_CONFIG, storePath: ':memory:', logLevel: 'silent', journal: false });
    // Schemas are compiled, and read into JavaScript, on first use: not counted below. (libxml2 compiles the
    // dialect's schema at the first query it validates: one that breaks the schema.)
    await app.pipeline.handle(Buffer.from(v10Request()));
    await app.pipeline.handle(
      Buffer.from(v10Request().replace('<ssbt:korrelationsid>', '<ssbt:x/><ssbt:korrelationsid>')),
    );
  });
  after(async () => app.close());

  it('answers a valid query without libxml2 parsing anything (the reply is shown valid on its tree too)', async () => {
    let status = 0;
    const parses = await libxml2Parses(async () => {
      status = (await app.pipeline.handle(Buffer.from(v10Request({ personidentitet: '198601042388' })))).status;
    });
    expect(status).to.equal(200);
    expect(parses).to.equal(0);
  });

  it('has libxml2 parse and validate a query that breaks the schema: its violations, lines and paths, as before', async () => {
    const request = v10Request({ personidentitet: '198601042388' }).replace(
      '<ssbt:korrelationsid>',
      '<ssbt:okand>1</ssbt:okand><ssbt:korrelationsid>',
    );
    let body = '';
    const parses = await libxml2Parses(async () => {
      body = (await app.pipeline.handle(Buffer.from(request))).body;
    });
    expect(parses).to.equal(1);
    expect(body).to.match(/felkod>1001</);
    expect(body).to.match(/Rad \d+: \/Envelope\/Body\/hamtaBastjanstInformation\/generellaFrageparametrar\/okand: /);
  });

  it('has libxml2 parse a query saxes does not read, and refuses what is not well-formed with libxml2’s message', async () => {
    const result = await app.pipeline.handle(Buffer.from('<a><b></a>'));
    expect(result.status).to.equal(500);
    expect(result.body).to.match(/The XML is not well-formed: .*\(line 1, column \d+\)/);
  });
});
