/**
 * Fuzzing properties: each one mutates valid requests of one protocol (mutations/) and checks that the reply is
 * a well-formed answer of that protocol. Shared by the CI tests (test/fuzz/*.test.ts) and the long runner (run.ts);
 * the protocols live in properties/ (ssbtek.ts, pu.ts, rest.ts, over the shared soap.ts and environment.ts).
 *
 * SOAP (SSBTEK v10/v1, PU GetPersonsForProfile v5): the expected outcome is decided with the project's own parser,
 * envelope reader and compiled schemas, so the property is exact — unreadable XML or a broken envelope → a SOAP
 * Fault of the right code; an unknown operation → Client Fault; a schema-invalid payload → Fault 1001 (SSBTEK) or
 * a Client Fault (PU), never 200; a schema-valid payload → 200 with a complete answer that satisfies the schema, or
 * a documented Client Fault (SSBTEK 1001 for a semantic error; PU: too many personId, reserved profile). Every
 * reply parses as a SOAP 1.1 envelope with one Body child.
 *
 * REST (birth report, samordningsnummer renewal, SCB delivery): the status must be one the operation's OpenAPI
 * document lists, 2xx or 4xx (5xx are only forced ones), the body JSON of that response's schema; a body that is
 * not JSON or breaks the request schema is never 2xx.
 *
 * Everywhere: no stack trace or file path in any body.
 */
import fc from 'fast-check';
import { jsonCaseArb, type JsonCase } from './mutations/json.js';
import type { FuzzEnv } from './properties/environment.js';
import { puBases, puCase } from './properties/pu.js';
import { REST_TARGETS, restCase } from './properties/rest.js';
import { soapCaseArb, type SoapCase } from './properties/soap.js';
import { ssbtekBases, ssbtekCase } from './properties/ssbtek.js';

export interface FuzzProperty {
  name: string;
  /** Share of a total run count this property gets. */
  weight: number;
  property: fc.IAsyncPropertyWithHooks<[unknown]>;
}

/** FUZZ_TRACE=1 prints every case before it runs (to find one that hangs). */
const TRACE = process.env.FUZZ_TRACE === '1';

/**
 * Every property over one environment. `httpShare`: one SOAP case in that many goes over real HTTP (REST always
 * does). `outcomes` counts each outcome class (e.g. "ssbtek valid→200") when given.
 */
export function fuzzProperties(
  env: FuzzEnv,
  httpShare = 10,
  outcomes?: Map<string, number>,
  onSlow?: (name: string, ms: number, input: unknown) => void,
): FuzzProperty[] {
  const timed =
    <T>(name: string, run: (input: T) => Promise<string>) =>
    async (input: T): Promise<void> => {
      if (TRACE) process.stderr.write(`${name} ${fc.stringify(input).slice(0, 2000)}\n`);
      const t0 = performance.now();
      const outcome = await run(input);
      const ms = performance.now() - t0;
      const key = `${name} ${outcome}`;
      outcomes?.set(key, (outcomes.get(key) ?? 0) + 1);
      if (ms > 1000) onSlow?.(name, ms, input);
    };
  const ssbtek = ssbtekBases();
  const pu = puBases();
  const properties: FuzzProperty[] = [
    {
      name: 'ssbtek',
      weight: 5,
      property: fc.asyncProperty(
        soapCaseArb(httpShare),
        timed('ssbtek', (sc: SoapCase) => ssbtekCase(env, ssbtek, sc)),
      ) as fc.IAsyncPropertyWithHooks<[unknown]>,
    },
    {
      name: 'pu',
      weight: 2,
      property: fc.asyncProperty(
        soapCaseArb(httpShare),
        timed('pu', (sc: SoapCase) => puCase(env, pu, sc)),
      ) as fc.IAsyncPropertyWithHooks<[unknown]>,
    },
  ];
  for (const target of REST_TARGETS) {
    properties.push({
      name: `rest:${target.name}`,
      weight: 1,
      property: fc.asyncProperty(
        jsonCaseArb,
        timed(`rest:${target.name}`, (c: JsonCase) => restCase(env, target, c)),
      ) as fc.IAsyncPropertyWithHooks<[unknown]>,
    });
  }
  return properties;
}
