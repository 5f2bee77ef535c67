import { readExample } from '../../src/examples/catalogue.js';
import { TODAY } from '../support/fraga.js';
import { fixture } from './cli.js';

/** Documents the validator tests write to a temporary folder, built from the project's own fixtures. */
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const V10 = 'http://schema.forsakringskassan.se/integration/ssbt/10';

export const AF_FRAGA = fixture('test/fixtures/native/af/af-fraga-ok.xml');

/** AF's question with a non-boolean Test (line 5) and an element AF does not know after it. */
export const AF_FRAGA_INVALID = AF_FRAGA.replace('<Test>1</Test>', '<Test>7</Test><Okand/>');

/** Body of a SOAP 1.1 envelope around a document (its XML declaration dropped). */
export function inEnvelope(document: string, header = ''): string {
  const body = document.replace(/^<\?xml[^>]*\?>\s*/, '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="${SOAP}">
  <soapenv:Header>${header}</soapenv:Header>
  <soapenv:Body>
${body}
  </soapenv:Body>
</soapenv:Envelope>
`;
}

/** A v10 Fault as the composite service sends it: felkod and felmeddelande in detail. */
export function v10Fault(felkod: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:ssbt="${V10}">
  <soapenv:Body>
    <soapenv:Fault>
      <faultcode>soapenv:Client</faultcode>
      <faultstring>Förfrågan kunde inte tolkas.</faultstring>
      <detail>
        <ssbt:hamtaBastjanstInformationFault>
          <ssbt:felkod>${felkod}</ssbt:felkod>
          <ssbt:felmeddelande>Förfrågan kunde inte tolkas.</ssbt:felmeddelande>
        </ssbt:hamtaBastjanstInformationFault>
      </detail>
    </soapenv:Fault>
  </soapenv:Body>
</soapenv:Envelope>
`;
}

/** The seed's v1 example as the seed's WSDL spells its namespace (SSBTEK/1 instead of ssbt/1). */
export const V1_SSBTEK_QUERY = readExample('seed-example-v1.xml', TODAY).replace(
  'http://schema.forsakringskassan.se/integration/ssbt/1',
  'http://schema.forsakringskassan.se/integration/SSBTEK/1',
);

/** An external entity pointing at a local file: must be refused, never read. */
export const XXE = `<?xml version="1.0"?>
<!DOCTYPE FragaMeddelande [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<FragaMeddelande xmlns="http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2">&secret;</FragaMeddelande>
`;

export const UNKNOWN_ROOT = '<?xml version="1.0"?>\n<Kvitto xmlns="urn:example:okand"><id>1</id></Kvitto>\n';

export const EMPTY_BODY = `<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body/></soapenv:Envelope>`;
