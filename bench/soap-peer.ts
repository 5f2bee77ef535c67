import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import soap from 'soap';
import { PROJECT_ROOT } from '../src/xml/schema.js';

/**
 * The second peer: a hand-written node-soap (soap.listen) mock of the v10 service, as a team would write one, on
 * 127.0.0.1:argv[3], answering hamtaBastjanstInformation with the emulator's own reply (read from the file named in
 * argv[2]): its Response's content as raw XML ($xml), each top element carrying the namespaces it uses. node-soap
 * parses every request and writes its own envelope around the content. Run as its own process.
 */
const WSDL = path.join(PROJECT_ROOT, 'wsdl', 'ssbtek', 'v10', 'Sammansatt_Bastjanst_v10.wsdl');
const reply = fs.readFileSync(process.argv[2] ?? '', 'utf8');
const port = Number(process.argv[3] ?? 0);

/** The Response element's children, each with the reply's namespace declarations (they were on its Envelope). */
export function responseContent(envelope: string): string {
  // node-soap declares a default namespace on the Response: unqualified elements (SKV's svar) must stay unqualified.
  const declarations = [...envelope.matchAll(/\sxmlns:\w+="[^"]*"/g)].map((m) => m[0]).join('') + ' xmlns=""';
  const open = /<(\w+):hamtaBastjanstInformationResponse>/.exec(envelope);
  if (!open) throw new Error('the reply has no hamtaBastjanstInformationResponse');
  const close = `</${open[1]}:hamtaBastjanstInformationResponse>`;
  const inner = envelope.slice(open.index + open[0].length, envelope.indexOf(close));
  // Top-level start tags (depth 0) get the declarations; the serializer writes no text between elements.
  let out = '';
  let depth = 0;
  for (const tag of inner.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (tag.startsWith('</')) depth--;
    else if (tag.startsWith('<')) {
      const selfClosing = tag.endsWith('/>');
      out += depth === 0 ? tag.replace(/^(<[\w:.-]+)/, `$1${declarations}`) : tag;
      if (!selfClosing) depth++;
      continue;
    }
    out += tag;
  }
  return out;
}

const content = responseContent(reply);
const service = {
  BastjanstInformationInterfaceService: {
    BastjanstInformationInterfacePort: {
      hamtaBastjanstInformation: () => ({ $xml: content }),
      testaBastjanstInformation: () => ({}),
    },
  },
};
const server = http.createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  soap.listen(server, { path: '/ssbtek', services: service, xml: fs.readFileSync(WSDL, 'utf8'), uri: WSDL });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
