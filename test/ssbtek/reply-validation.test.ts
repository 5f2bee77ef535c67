import { expect } from 'chai';
import { BASE_SERVICES, serviceMap } from '../../src/bastjanster/registry.js';
import { InProcessTransport } from '../../src/bastjanster/transport.js';
import { ScenarioControl } from '../../src/scenario/control.js';
import { loadDialects } from '../../src/ssbtek/dialects.js';
import { SsbtekPipeline } from '../../src/ssbtek/pipeline.js';
import { el } from '../../src/xml/tree.js';
import { testPopulation } from '../support/context.js';
import { TODAY } from '../support/fraga.js';
import { v10Request } from '../support/requests.js';

/** A pipeline whose AF adapter translates every answer into data that breaks the v10 contract. */
function pipelineWithBrokenAf(validateReplies: boolean): { pipeline: SsbtekPipeline; errors: unknown[] } {
  const services = BASE_SERVICES.map((s) =>
    s.id === 'AF'
      ? {
          ...s,
          adapter: {
            ...s.adapter,
            fromNative: () => ({ kind: 'data' as const, data: { kind: 'xml' as const, children: [el('', 'bogus')] } }),
          },
        }
      : s,
  );
  const scenarios = new ScenarioControl({}, serviceMap(services));
  const emulators = new Map(services.map((s) => [s.id, s.emulator]));
  const errors: unknown[] = [];
  const pipeline = new SsbtekPipeline({
    dialects: loadDialects(),
    services: serviceMap(services),
    transport: new InProcessTransport(emulators, { population: testPopulation(), today: () => TODAY }),
    settings: { testmiljo: true, systemId: 'SSBTEK-EMULATOR' },
    serviceTimeoutMs: () => 5000,
    scenarios,
    today: () => TODAY,
    overallTimeoutMs: 10_000,
    validateReplies,
    onInternalError: (error) => errors.push(error),
  });
  return { pipeline, errors };
}

describe('Reply validation (every reply checked against its contract before it is sent)', () => {
  it('turns a reply that breaks the contract into Fault 1002, saying where', async () => {
    const { pipeline, errors } = pipelineWithBrokenAf(true);
    const result = await pipeline.handle(Buffer.from(v10Request({ include: ['AF'] })));
    expect(result.status).to.equal(500);
    expect(result.body).to.match(/felkod>1002</);
    expect(String(errors[0])).to.match(/Reply violates .*\/AF\/data\/bogus/);
  });

  it('sends it as it is when reply validation is off', async () => {
    const { pipeline } = pipelineWithBrokenAf(false);
    const result = await pipeline.handle(Buffer.from(v10Request({ include: ['AF'] })));
    expect(result.status).to.equal(200);
    expect(result.body).to.contain('<bogus/>');
  });
});
