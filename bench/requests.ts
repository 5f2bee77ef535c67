import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './stages.js';

/** The requests the benchmark and the soak send, read from the shipped examples. */
export const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' };

export const example = (name: string): string =>
  fs.readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'examples', name), 'utf8');

/** A v10 query for all seven services (198601042388 has data in each). */
export const V10 = example('v10-all-services.xml');
/** The seed's own v1 example. */
export const V1 = example('seed-example-v1.xml');
/** An 11-digit personidentitet breaks the v10 pattern: Fault 1001. */
export const INVALID = V10.replace('<ssbt:personidentitet>198601042388<', '<ssbt:personidentitet>19860104238<');
if (INVALID === V10) throw new Error('the v10 example no longer has the personidentitet the Fault 1001 case breaks');
