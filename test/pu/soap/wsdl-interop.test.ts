import { expect } from 'chai';
import soap from 'soap';
import { NS } from '../../../src/xml/namespaces.js';
import { ROOT } from '../../../src/pu/profiles/identities.js';
import { startServer, type TestServer } from '../../support/server.js';
import { CONSUMERS, IDS } from './support/pu.js';

const PATH = '/pu/v5/GetPersonsForProfile';

describe('PU GetPersonsForProfile v5: served WSDL and a node-soap client (whole emulator)', () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(() => server.close());

  it('serves the WSDL with its address and schema locations on this server', async () => {
    const res = await fetch(`${server.url}${PATH}?wsdl`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/xml/);
    const wsdl = await res.text();
    expect(wsdl).to.include(`<soap:address location="${server.url}${PATH}"/>`);
    expect(wsdl).to.include(
      `schemaLocation="${server.url}/xsd/pu/interactions/GetPersonsForProfileInteraction/GetPersonsForProfileResponder_5.0.xsd"`,
    );
    expect(wsdl).to.include(`schemaLocation="${server.url}/xsd/pu/core_components/itintegration_registry_1.0.xsd"`);
    expect(wsdl).to.not.include('REPLACE_WITH_ACTUAL_URL');
    for (const file of [
      'pu/interactions/GetPersonsForProfileInteraction/GetPersonsForProfileResponder_5.0.xsd',
      'pu/core_components/strategicresourcemanagement_persons_person_5.0.xsd',
      'pu/core_components/itintegration_registry_1.0.xsd',
    ]) {
      expect((await fetch(`${server.url}/xsd/${file}`)).status, file).to.equal(200);
    }
  });

  it('a node-soap client built from the served WSDL calls GetPersonsForProfile', async () => {
    const client = await soap.createClientAsync(`${server.url}${PATH}?wsdl`);
    const port =
      client.wsdl.definitions.services.GetPersonsForProfileResponderService?.ports.GetPersonsForProfileResponderPort;
    expect(port?.location).to.equal(`${server.url}${PATH}`);
    client.addSoapHeader(`<itr:LogicalAddress xmlns:itr="${NS.rivRegistry}">5565594230</itr:LogicalAddress>`);
    client.addHttpHeader('X-PU-Consumer', CONSUMERS.normal);
    const [result] = (await client.GetPersonsForProfileAsync({
      personId: [
        { root: ROOT.personnummer, extension: IDS.plain2 },
        { root: ROOT.personnummer, extension: IDS.badChecksum },
      ],
      profile: 'P2',
      ignoreReferredIdentity: false,
    })) as [
      {
        requestedPersonRecord: {
          requestedPersonalIdentity: { extension: string };
          personRecord?: Record<string, unknown>;
        }[];
      },
    ];
    const records = result.requestedPersonRecord;
    expect(records.map((r) => r.requestedPersonalIdentity.extension)).to.deep.equal([IDS.plain2, IDS.badChecksum]);
    const first = records[0]?.personRecord as {
      personalIdentity: { extension: string };
      protectedPersonIndicator: boolean;
    };
    expect(first.personalIdentity.extension).to.equal(IDS.plain2);
    expect(first.protectedPersonIndicator).to.equal(false);
    expect(records[1]?.personRecord).to.equal(undefined);
  });

  it('the node-soap client sees a Fault for an unknown consumer', async () => {
    const client = await soap.createClientAsync(`${server.url}${PATH}?wsdl`);
    client.addSoapHeader(`<itr:LogicalAddress xmlns:itr="${NS.rivRegistry}">5565594230</itr:LogicalAddress>`);
    client.addHttpHeader('X-PU-Consumer', 'SE0000000000-OKAND');
    const error = await client
      .GetPersonsForProfileAsync({
        personId: [{ root: ROOT.personnummer, extension: IDS.plain }],
        profile: 'P1',
        ignoreReferredIdentity: false,
      })
      .then(
        () => undefined,
        (e: unknown) => e as { root?: { Envelope?: { Body?: { Fault?: { faultstring?: string } } } } },
      );
    expect(error?.root?.Envelope?.Body?.Fault?.faultstring).to.match(/^VP007 /);
  });
});
