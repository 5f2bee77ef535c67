import { expect } from 'chai';
import soap from 'soap';
import { SERVICE_IDS } from '../../src/ssbtek/model.js';
import { testPopulation } from '../support/context.js';
import { lefiFragaAllaGrupper } from '../../src/bastjanster/fk/lefi/fraga-alla-grupper.js';
import { REAL_CLIENT_PERIOD } from '../support/real-client.js';
import { referencePresent, referenceSchema, SSBTEK_V10_REFERENCE, SSBTEK_V11_REFERENCE } from '../support/reference.js';
import { referenceCopyInUtf8 } from '../support/reference-copy.js';
import { startServer, type TestServer } from '../support/server.js';
import { replyViolations } from '../support/validate.js';

type Dialect = 'v10' | 'v11';
type Svarsdata = Record<string, Record<string, unknown>>;

const REFERENCE = { v10: SSBTEK_V10_REFERENCE, v11: SSBTEK_V11_REFERENCE };

/**
 * SOAP clients built from the REFERENCE WSDLs (the public v10 contract and the v11 reconstruction), not from the
 * emulator's own: each asks for every service for every scenario person. Every answer must parse in the client,
 * name each service with data or an error, and validate against the reference schema.
 */
describe('Interop: node-soap clients built from the reference WSDLs (../shared/reference)', function () {
  let server: TestServer;
  let copy: ReturnType<typeof referenceCopyInUtf8> | undefined;
  const clients = new Map<Dialect, soap.Client>();

  before(async function () {
    if (!referencePresent() || !referencePresent(SSBTEK_V11_REFERENCE)) {
      console.log('      (skipped: the reference SSBTEK v10/v11 contracts are not at ../shared/reference)');
      this.skip();
    }
    // A 500 ms deadline, so the scenario person whose SKV answers after 15 s gives 2000 without waiting for it.
    server = await startServer({ serviceTimeoutsMs: { SKV: 500 } });
    copy = referenceCopyInUtf8();
    for (const dialect of ['v10', 'v11'] as const) {
      clients.set(dialect, await soap.createClientAsync(copy.wsdl(dialect), { endpoint: `${server.url}/ssbtek` }));
    }
  });
  after(async () => {
    copy?.remove();
    await server?.close();
  });

  const ask = async (dialect: Dialect, personidentitet: string): Promise<Svarsdata> => {
    const client = clients.get(dialect)!;
    const { from, tom } = REAL_CLIENT_PERIOD;
    const lefi = Buffer.from(JSON.stringify(lefiFragaAllaGrupper(personidentitet, from, tom))).toString('base64');
    const specifika: Record<string, unknown> = Object.fromEntries(
      SERVICE_IDS.map((id) => [id, { attributes: { inkludera: true } }]),
    );
    specifika.FK = {
      attributes: { inkludera: true },
      fraga: { version: 'v9', aktorsid: '026-51', lefiJsonFraga: lefi },
    };
    if (dialect === 'v11') {
      specifika.SKV = {
        attributes: { inkludera: true },
        fraga: {
          ar: [2025, 2024],
          foretagsinformation: true,
          individuppgifter: true,
          skattekonto: true,
          skatteuppgifter: true,
          beskattningsbilagor: true,
        },
      };
    }
    const [result] = (await client.hamtaBastjanstInformationAsync({
      generellaFrageparametrar: {
        korrelationsid: `REF-${dialect}-${personidentitet}`,
        fraganSkallInkluderasISvaret: false,
        ingivare: { organisationsnummer: '162120002411', namn: 'Kommun A', handlaggare: 'HL1' },
        personidentitet,
        arendeidentitet: `A-${personidentitet}`,
        tidsperiod: { fromDatum: from, tomDatum: tom },
        syfte: 'Beslut om eller kontroll av ekonomiskt bistånd',
        lagtext: '11 kap. 11 a § socialtjänstlagen (2001:453)',
      },
      specifikaFrageparametrar: specifika,
    })) as [{ korrelationsid: string; svarsdata: Svarsdata }];
    expect(result.korrelationsid).to.equal(`REF-${dialect}-${personidentitet}`);
    expect(replyViolations(client.lastResponse as string, referenceSchema(REFERENCE[dialect]))).to.deep.equal([]);
    return result.svarsdata;
  };

  for (const dialect of ['v10', 'v11'] as const) {
    it(`${dialect}: every scenario person, all seven services, parsed by the client`, async () => {
      for (const person of testPopulation().scenarioPersons()) {
        const svarsdata = await ask(dialect, person.personidentitet);
        expect(Object.keys(svarsdata), person.personidentitet).to.deep.equal([...SERVICE_IDS]);
        for (const [service, answer] of Object.entries(svarsdata)) {
          const parts = Object.keys(answer);
          if (dialect === 'v11' && service === 'SKV') {
            expect(parts, `${person.personidentitet} SKV`).to.satisfy((p: string[]) => p.length > 0);
          } else {
            expect(parts, `${person.personidentitet} ${service}`).to.satisfy(
              (p: string[]) => p.length === 1 && (p[0] === 'data' || p[0] === 'error'),
            );
          }
        }
      }
    });
  }

  it('v11: SKV answers each part asked for the data-rich person, as base64 JSON', async () => {
    const skv = (await ask('v11', '198601042388')).SKV as Record<string, { data?: string; error?: unknown }>;
    expect(Object.keys(skv)).to.have.members([
      'foretagsinformation',
      'individuppgifter',
      'skattekonto',
      'skatteuppgifter',
      'beskattningsbilagor',
    ]);
    for (const [part, answer] of Object.entries(skv)) {
      expect(answer.data, part).to.be.a('string');
      expect(JSON.parse(Buffer.from(answer.data!, 'base64').toString('utf8')), part).to.be.an('object');
    }
  });

  for (const dialect of ['v10', 'v11'] as const) {
    it(`${dialect}: testaBastjanstInformation`, async () => {
      const client = clients.get(dialect)!;
      const [result] = (await client.testaBastjanstInformationAsync({})) as [Record<string, { anropad: boolean }>];
      expect(Object.keys(result)).to.deep.equal([...SERVICE_IDS]);
      expect(replyViolations(client.lastResponse as string, referenceSchema(REFERENCE[dialect]))).to.deep.equal([]);
    });
  }
});
