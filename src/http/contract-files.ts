import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { NS } from '../xml/namespaces.js';
import { PROJECT_ROOT, XSD_ROOT } from '../xml/schema.js';
import { escapeAttr } from '../xml/write.js';

export const WSDL_ROOT = path.join(PROJECT_ROOT, 'wsdl');

/**
 * A WSDL file with its soap:address set to `endpoint` and its relative schemaLocations (../../../xsd/...) made
 * absolute under `${base}/xsd/`, so clients fetch the schemas from this server.
 */
export function rewriteWsdl(wsdl: string, endpoint: string, base: string): string {
  return wsdl
    .replace(/location="REPLACE_WITH_ACTUAL_URL"/g, `location="${escapeAttr(endpoint)}"`)
    .replace(/schemaLocation="(?:\.\.\/)+xsd\//g, `schemaLocation="${escapeAttr(base)}/xsd/`);
}

export function readWsdl(relative: string): string {
  return fs.readFileSync(path.join(WSDL_ROOT, relative), 'utf8');
}

/**
 * Serves the bundled schemas read-only at /xsd/... (what the WSDLs import). `?ns=SSBTEK` serves the v1 schema
 * under the seed WSDL's namespace (.../integration/SSBTEK/1) instead of the example's (.../integration/ssbt/1).
 */
export function xsdRouter(): Router {
  const router = Router();
  const cache = new Map<string, string>();
  router.get('/xsd/*file', (req, res) => {
    const relative = (req.params as { file: string[] }).file.join('/');
    const file = path.resolve(XSD_ROOT, relative);
    if (!file.startsWith(XSD_ROOT + path.sep) || !file.endsWith('.xsd')) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    const variant = req.query.ns === 'SSBTEK';
    const key = `${file}|${variant}`;
    let body = cache.get(key);
    if (body === undefined) {
      try {
        body = fs.readFileSync(file, 'utf8');
      } catch {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      if (variant) body = body.split(NS.ssbtV1).join(NS.ssbtekV1);
      cache.set(key, body);
    }
    res.type('application/xml; charset=utf-8').send(body);
  });
  return router;
}
