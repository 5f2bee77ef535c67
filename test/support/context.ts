import { Population } from '../../src/population/population.js';
import { loadScenarioPersons } from '../../src/population/scenarios.js';
import type { AdapterContext, EmulatorContext } from '../../src/bastjanster/types.js';
import { compileAllNativeSchemas } from '../../src/bastjanster/common/native-schemas.js';
import { TODAY } from './fraga.js';

let population: Population | undefined;

/** The shipped population (with the scenario persons in fixtures/), loaded once for all tests. */
export function testPopulation(): Population {
  if (!population) {
    compileAllNativeSchemas();
    population = new Population(loadScenarioPersons());
  }
  return population;
}

export function emulatorContext(overrides: Partial<EmulatorContext> = {}): EmulatorContext {
  const population = overrides.population ?? testPopulation();
  return {
    population,
    today: TODAY,
    signal: new AbortController().signal,
    scenario: (number, service) => population.scenario(number, service),
    ...overrides,
  };
}

export function adapterContext(overrides: Partial<AdapterContext> = {}): AdapterContext {
  return { settings: { testmiljo: true, systemId: 'SSBTEK-EMULATOR' }, korrelationsid: 'KORRID12345', ...overrides };
}
