import type { BaseServiceEmulator, EmulatorContext, NativeRequest, NativeResponse } from '../bastjanster/types.js';
import { ScenarioControl } from './control.js';
import { parseScenarioHeader, SCENARIO_HEADER } from './header.js';
import { ScenarioSettingsError } from './settings.js';

/**
 * Wraps an emulator with scenario control: for each call, the settings that apply (request header over run time
 * over config) are rolled into a decision, which the emulator sees through context.scenario() layered over the
 * scenario person's own. The emulator then renders it natively (its own error codes) or as a transport failure.
 */
export function withScenarioControl(emulator: BaseServiceEmulator, control: ScenarioControl): BaseServiceEmulator {
  return {
    id: emulator.id,
    title: emulator.title,
    async handle(request: NativeRequest, context: EmulatorContext): Promise<NativeResponse> {
      let requestSettings;
      try {
        const header = headerValue(request);
        requestSettings = header === undefined ? undefined : parseScenarioHeader(header);
        if (requestSettings) control.check(requestSettings);
      } catch (error) {
        if (!(error instanceof ScenarioSettingsError)) throw error;
        return {
          status: 400,
          contentType: 'application/problem+json',
          body: JSON.stringify({ title: 'Invalid X-SSBTEK-Scenario header', status: 400, detail: error.message }),
        };
      }
      const decision = control.decide(emulator.id, control.effective(emulator.id, requestSettings));
      let shaped = false;
      const response = await emulator.handle(request, {
        population: context.population,
        today: context.today,
        // Asked for only when used (the fan-out makes a call's signal then): not read here.
        get signal() {
          return context.signal;
        },
        scenario: (number, service) => {
          const scenario = ScenarioControl.asScenario(decision, context.population.scenario(number, service));
          if (scenario) shaped = true;
          return scenario;
        },
      });
      return shaped ? { ...response, shapedByScenario: true } : response;
    },
  };
}

function headerValue(request: NativeRequest): string | undefined {
  if (!request.headers) return undefined;
  for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() === SCENARIO_HEADER) return value;
  return undefined;
}
