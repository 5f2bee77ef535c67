import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { v10Request } from '../support/requests.js';

describe('Fan-out deadlines (one timer for all of a query’s calls)', function () {
  this.timeout(20_000);
  let app: App;

  before(() => {
    app = createApp({
      ...DEFAULT_CONFIG,
      storePath: ':memory:',
      logLevel: 'silent',
      journal: false,
      serviceTimeoutsMs: { AF: 150, CSN: 450 },
    });
  });
  after(async () => app.close());

  it('ends each slow call at its own deadline, the earlier first, and answers the others', async () => {
    const started = performance.now();
    const result = await app.pipeline.handle(
      Buffer.from(v10Request({ personidentitet: '198412042395', include: ['AF', 'CSN', 'TNS'] })),
      { scenarioHeader: 'AF:latency=fixed(5000);CSN:latency=fixed(5000)' },
    );
    const elapsed = performance.now() - started;
    const services = result.summary.services!;
    expect(services.AF?.outcome).to.equal('error:SSBT:2000');
    expect(services.CSN?.outcome).to.equal('error:SSBT:2000');
    expect(services.TNS?.outcome).to.equal('data');
    // Each at its own deadline (a timer fires no earlier than asked, and not much later on a quiet loop).
    expect(services.AF!.ms).to.be.within(149, 400);
    expect(services.CSN!.ms).to.be.within(449, 800);
    expect(elapsed).to.be.below(1500);
  });

  it('ends every call at once when the query is abandoned (timers: test/robustness/aborted-requests)', async () => {
    const controller = new AbortController();
    const pending = app.pipeline.handle(
      Buffer.from(v10Request({ personidentitet: '198412042395', include: ['AF', 'CSN', 'TNS'] })),
      { scenarioHeader: 'AF:latency=fixed(5000);CSN:latency=fixed(5000)', signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    controller.abort();
    await pending.catch(() => undefined);
    expect(performance.now() - started).to.be.below(100);
  });

  it('makes no abort signal for a call answered at once: only the query’s own, for its overall deadline', async () => {
    const Original = globalThis.AbortController;
    let made = 0;
    globalThis.AbortController = class Counted extends Original {
      constructor() {
        super();
        made++;
      }
    };
    try {
      // A person none of whose services is given a delay (198412042395's SKV waits: its call makes a signal).
      const result = await app.pipeline.handle(Buffer.from(v10Request({ personidentitet: '198601042388' })));
      expect(Object.keys(result.summary.services!)).to.have.length(7);
    } finally {
      globalThis.AbortController = Original;
    }
    expect(made).to.equal(1);
  });
});
