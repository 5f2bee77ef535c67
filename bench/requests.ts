import { readExample } from '../src/examples/catalogue.js';

/** The emulator's "today" in the benchmark and the soak (SSBTEK_TODAY), so every run asks the same queries. */
export const BENCH_TODAY = '2026-11-24';

/** The requests the benchmark and the soak send, read from the shipped examples. */
export const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' };

/** A shipped example, its dates filled in for the bench's today. */
export const example = (name: string): string => readExample(name, BENCH_TODAY);

/** A v10 query for all seven services (198601042388 has data in each). */
export const V10 = example('v10-all-services.xml');
/** The seed's own v1 example. */
export const V1 = example('seed-example-v1.xml');
/** An 11-digit personidentitet breaks the v10 pattern: Fault 1001. */
export const INVALID = V10.replace('<ssbt:personidentitet>198601042388<', '<ssbt:personidentitet>19860104238<');
if (INVALID === V10) throw new Error('the v10 example no longer has the personidentitet the Fault 1001 case breaks');
