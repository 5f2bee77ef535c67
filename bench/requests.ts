import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES_DIR, readExample } from '../src/examples/catalogue.js';
import { fillPlaceholders } from '../src/examples/placeholders.js';
import { loadScenarioPersons } from '../src/population/scenarios.js';

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

/** Skatteverket's CC0 test personnummer (fixtures/testnummer), the persons the varied-person row rotates through. */
export const TEST_PERSONNUMMER = fs
  .readFileSync(path.join(EXAMPLES_DIR, '..', 'testnummer', 'personnummer.txt'), 'utf8')
  .split('\n')
  .filter((line) => /^\d{12}$/.test(line));

/**
 * The scenario persons whose story is a delay or no answer at all (198412042395: Skatteverket answers after 15 s, so
 * the composite waits out SKV's 10 s deadline). One of them ties up one of a row's connections for ten seconds doing
 * nothing, a tenth of a 10-connection row's capacity for as long as a row lasts.
 */
export const WAITING_SCENARIO_PERSONS: readonly string[] = loadScenarioPersons()
  .filter((p) => Object.values(p.tjanster ?? {}).some((t) => t.delayMs !== undefined || t.scenario === 'timeout'))
  .map((p) => p.personidentitet);

/**
 * The persons the varied-person row asks for: the CC0 list without WAITING_SCENARIO_PERSONS (the row measures the
 * emulator's work for a new person). Every other scenario person (error codes, no data, protected identity) answers
 * at once and stays in the rotation.
 */
export const VARIED_PERSONNUMMER = TEST_PERSONNUMMER.filter((id) => !WAITING_SCENARIO_PERSONS.includes(id));
const STRIDE = 7919;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
if (gcd(STRIDE, VARIED_PERSONNUMMER.length) !== 1)
  throw new Error(`the varied rotation's stride ${STRIDE} is not prime to ${VARIED_PERSONNUMMER.length} persons`);

const V10_TEMPLATE = fs.readFileSync(path.join(EXAMPLES_DIR, 'v10-all-services.xml'), 'utf8');
const V10_PERSON = '198601042388';
if (!V10_TEMPLATE.includes(V10_PERSON)) throw new Error(`the v10 example no longer asks for ${V10_PERSON}`);
if (!V10_TEMPLATE.includes('AID12341234'))
  throw new Error('the v10 example no longer names arendeidentitet AID12341234');
const LEFI_FROM = '"from":"{{today-1m}}"';
if (!V10_TEMPLATE.includes(LEFI_FROM)) throw new Error(`the v10 example's LEFI question no longer asks ${LEFI_FROM}`);

/**
 * The v10 all-services query for the n-th person of a rotation through VARIED_PERSONNUMMER (a stride that is prime
 * to its length, so consecutive requests ask for persons of every age), FK's LEFI question asking for that person too, and
 * its own korrelationsid and arendeidentitet. No answer, composite or native, is kept for it, also once the rotation
 * has gone round the list: every native request but LEFI's carries one of the two, and each round asks LEFI for a
 * period a day longer than the round before.
 */
export function variedPerson(n: number): string {
  const personnummer = VARIED_PERSONNUMMER[(n * STRIDE) % VARIED_PERSONNUMMER.length]!;
  const round = Math.floor(n / VARIED_PERSONNUMMER.length);
  const question = round === 0 ? V10_TEMPLATE : V10_TEMPLATE.replace(LEFI_FROM, `"from":"{{today-1m-${round}d}}"`);
  return fillPlaceholders(question.replaceAll(V10_PERSON, personnummer), BENCH_TODAY)
    .replace('KORRID-V10-0001', `KORRID-P-${n}`)
    .replace('AID12341234', `AID${String(n).padStart(8, '0')}`);
}

/** A PU GetPersonsForProfile (P5) for `count` persons of the CC0 list (the shipped example's header and profile). */
export function puRequest(count: number): string {
  const example = fs.readFileSync(path.join(EXAMPLES_DIR, 'pu-get-persons-p5.xml'), 'utf8');
  const ids = TEST_PERSONNUMMER.filter((_, i) => i % 80 === 0)
    .slice(0, count)
    .map((id) => `<gp:personId><p:root>1.2.752.129.2.1.3.1</p:root><p:extension>${id}</p:extension></gp:personId>`);
  if (ids.length !== count) throw new Error(`only ${ids.length} persons for a PU request of ${count}`);
  const replaced = example.replace(/(\s*<gp:personId>.*<\/gp:personId>)+/s, `\n      ${ids.join('')}`);
  if (replaced === example) throw new Error('the PU example no longer lists personId elements');
  return replaced;
}

/** One kind of request a bench row sends (autocannon's url, method, headers and body). */
export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Makes the body of the n-th request (each request different: nothing is answered from memory). */
  vary?: (body: string, n: number) => string;
}
