import { expect } from 'chai';
import { ScenarioControl } from '../../../src/scenario/control.js';
import { withScenarioControl } from '../../../src/scenario/controlled-emulator.js';
import { parseScenarioHeader } from '../../../src/scenario/header.js';
import { ScenarioSettingsError } from '../../../src/scenario/settings.js';
import { AnswerCache, charsOfServiceAnswer, type CachedServiceAnswer } from '../../../src/ssbtek/answer-cache.js';
import { KeptAnswers } from '../../../src/ssbtek/kept-answers.js';
import { SKV_DELAR } from '../../../src/ssbtek/model.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { TODAY } from '../../support/fraga.js';
import { ANSTALLD, delarOf, skv, v11Fraga } from './skv-support.js';

const catalogue = new Map([[skv.id, skv]]);

describe('SKV scenario codes: a part error per part (`<del>.<status>`)', () => {
  it('accepts every part with 403, 404, 500, 503 and 504, from the header and from settings', () => {
    const control = new ScenarioControl({}, catalogue);
    for (const del of SKV_DELAR) {
      for (const status of [403, 404, 500, 503, 504]) {
        expect(() => control.check(parseScenarioHeader(`SKV:error=${del}.${status}`))).to.not.throw();
      }
    }
  });

  it('refuses a part SKV does not have, a status a part does not give, and a part error for another service', () => {
    const control = new ScenarioControl({}, catalogue);
    for (const error of ['kapital.404', 'skattekonto.502', 'skattekonto', 'skattekonto.404.1']) {
      expect(() => control.check({ SKV: { error } }), error).to.throw(ScenarioSettingsError);
    }
    expect(() => control.check({ AF: { error: 'skattekonto.503' } })).to.throw(ScenarioSettingsError);
  });

  it('keeps SKV’s whole-service codes and the gateway’s 403/404/500', () => {
    const control = new ScenarioControl({}, catalogue);
    for (const error of ['9071000', '9071010', '403', '404', '500', 'garbage']) {
      expect(() => control.check({ SKV: { error } }), error).to.not.throw();
    }
  });
});

describe('SKV v11 and kept answers: a part error a scenario shaped is never kept', () => {
  const control = new ScenarioControl({}, catalogue);
  const emulator = withScenarioControl(skv.emulator, control);

  function kept() {
    // As in the app: an answer is kept from its native request's second offer on (each test offers it twice).
    const serviceAnswers = new AnswerCache<CachedServiceAnswer>(
      { entries: 10, chars: 1_000_000, admitOnSecondSight: true },
      charsOfServiceAnswer,
    );
    const keeper = new KeptAnswers(
      {
        answers: new AnswerCache({ entries: 10, chars: 1_000_000 }),
        serviceAnswers,
        today: () => TODAY,
        inProcess: () => true,
      },
      { quiet: true, generation: 0 },
    );
    return keeper;
  }

  it('keeps the deterministic answer (404 parts from the population included)', async () => {
    const fraga = v11Fraga({ personidentitet: ANSTALLD }, { ar: [2020], delar: ['skatteuppgifter', 'skattekonto'] });
    const request = skv.adapter.toNative(fraga, adapterContext());
    const response = await emulator.handle(request, emulatorContext());
    const utfall = skv.adapter.fromNative(response, fraga, adapterContext());
    expect(delarOf(utfall).skatteuppgifter?.kind).to.equal('error');
    const keeper = kept();
    for (let offer = 0; offer < 2; offer++) keeper.lookup('SKV', request)?.keep(response, utfall);
    expect(keeper.lookup('SKV', request)?.hit).to.not.equal(undefined);
  });

  it('does not keep an answer whose part error came from X-SSBTEK-Scenario', async () => {
    const fraga = v11Fraga({ personidentitet: ANSTALLD });
    const request = {
      ...skv.adapter.toNative(fraga, adapterContext()),
      headers: { 'X-SSBTEK-Scenario': 'SKV:error=skattekonto.503' },
    };
    const response = await emulator.handle(request, emulatorContext());
    const utfall = skv.adapter.fromNative(response, fraga, adapterContext());
    expect(delarOf(utfall).skattekonto).to.deep.include({ felkod: '503' });
    expect(response.shapedByScenario).to.equal(true);
    const keeper = kept();
    for (let offer = 0; offer < 2; offer++) keeper.lookup('SKV', request)?.keep(response, utfall);
    expect(keeper.lookup('SKV', request)?.hit).to.equal(undefined);
  });

  it('does not keep an answer whose part error is the scenario person’s own', async () => {
    const fraga = v11Fraga({ personidentitet: '197603122388' });
    const request = skv.adapter.toNative(fraga, adapterContext());
    const response = await emulator.handle(request, emulatorContext());
    expect(response.shapedByScenario).to.equal(true);
    const keeper = kept();
    const utfall = skv.adapter.fromNative(response, fraga, adapterContext());
    for (let offer = 0; offer < 2; offer++) keeper.lookup('SKV', request)?.keep(response, utfall);
    expect(keeper.lookup('SKV', request)?.hit).to.equal(undefined);
  });
});
