import { expect } from 'chai';
import soap from 'soap';
import { startServer, type TestServer } from '../support/server.js';

/** A real SOAP client (node-soap), built from the served WSDL, calls the endpoint unchanged. */
describe('Interop: node-soap client built from the served WSDL', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  const general = {
    frageTidpunkt: '2026-11-20T09:30:47.123',
    korrelationsid: 'SOAPCLIENT-1',
    fraganSkallInkluderasISvaret: false,
    ingivare: { organisationsnummer: '162120002411', namn: 'Kommun A', handlaggare: 'HL1' },
    personidentitet: '196211262834',
    arendeidentitet: 'A1',
    tidsperiod: { fromDatum: '2026-09-01', tomDatum: '2026-11-20' },
    syfte: 'Beslut om ekonomiskt bistånd',
    lagtext: 'socialtjänstlagen (2001:453)',
  };
  const include = (ids: string[]) =>
    Object.fromEntries(
      ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'].map((id) => [id, { attributes: { inkludera: ids.includes(id) } }]),
    );

  it('calls hamtaBastjanstInformation and reads the composite answer', async () => {
    const client = await soap.createClientAsync(`${server.url}/ssbtek?wsdl`);
    const service = client.wsdl.definitions.services.BastjanstInformationInterfaceService;
    expect(service?.ports.BastjanstInformationInterfacePort?.location).to.equal(`${server.url}/ssbtek`);
    const [result] = (await client.hamtaBastjanstInformationAsync({
      generellaFrageparametrar: general,
      specifikaFrageparametrar: include(['AF', 'TNS']),
    })) as [{ korrelationsid: string; svarsdata: Record<string, { data?: Record<string, unknown>; error?: unknown }> }];
    expect(result.korrelationsid).to.equal('SOAPCLIENT-1');
    expect(Object.keys(result.svarsdata)).to.deep.equal(['AF', 'TNS']);
    const af = result.svarsdata.AF?.data as { Svar: { IdentitetsbeteckningFysiskPerson: string } };
    expect(af.Svar.IdentitetsbeteckningFysiskPerson).to.equal('196211262834');
  });

  it('receives Fault 1001 as a SOAP fault with felkod in the detail', async () => {
    const client = await soap.createClientAsync(`${server.url}/ssbtek?wsdl`);
    try {
      await client.hamtaBastjanstInformationAsync({
        generellaFrageparametrar: { ...general, personidentitet: '1962112628' },
        specifikaFrageparametrar: include(['AF']),
      });
      expect.fail('expected a fault');
    } catch (error) {
      const fault = (
        error as { root?: { Envelope?: { Body?: { Fault?: { detail?: Record<string, { felkod: string }> } } } } }
      ).root?.Envelope?.Body?.Fault;
      expect(fault?.detail?.hamtaBastjanstInformationFault?.felkod).to.equal('1001');
    }
  });

  it('calls testaBastjanstInformation', async () => {
    const client = await soap.createClientAsync(`${server.url}/ssbtek?wsdl`);
    const [result] = (await client.testaBastjanstInformationAsync({})) as [Record<string, { anropad: boolean }>];
    expect(result.AF?.anropad).to.equal(true);
  });
});
