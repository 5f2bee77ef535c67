import type { ServiceId } from '../ssbtek/model.js';
import { parseIdentity, type Identity } from './identity.js';
import { personFor, type Person } from './person.js';
import { hasPlaceholders, resolveRelativeDates } from './relative-dates.js';
import type { RegistryStore } from '../store/registry-store.js';
import type { ScenarioPerson, TjanstScenario } from './scenarios.js';

/**
 * The synthetic population every emulator draws from: any valid number yields a deterministic person; curated
 * scenario persons override fields and name per-service scenarios.
 */
export class Population {
  private readonly scenarios: Map<string, ScenarioPerson>;
  /** Scenario persons with dates relative to today among their fields: their fields as last resolved, and for when. */
  private readonly relative: Map<string, { today?: string; person?: ScenarioPerson['person'] }>;

  constructor(
    scenarioPersons: ScenarioPerson[] = [],
    private readonly registry?: RegistryStore,
  ) {
    this.scenarios = new Map(scenarioPersons.map((p) => [p.personidentitet, p]));
    this.relative = new Map(
      scenarioPersons
        .filter((p) => hasPlaceholders(JSON.stringify(p.person ?? {})))
        .map((p) => [p.personidentitet, {}] as const),
    );
  }

  /** The person behind a number (also for a wrong check digit: emulators decide whether that is an error). */
  person(number: string, today: string): Person | undefined {
    const { identity } = parseIdentity(number);
    if (!identity) return undefined;
    return this.personFor(identity, today);
  }

  personFor(identity: Identity, today: string): Person {
    const generated = personFor(identity, today);
    const overrides = this.overrides(identity.number, today);
    const person = overrides ? { ...generated, ...overrides, identity } : generated;
    const registered = this.registry?.get(identity.number);
    if (!registered) return person;
    const { status, since, details } = registered;
    return { ...person, registrering: { status, since, details } };
  }

  /**
   * A scenario person's fields, with dates written relative to today (`{{today-17m}}`) resolved for `today`: once
   * per day (every service asks for the person several times per request).
   */
  private overrides(number: string, today: string): ScenarioPerson['person'] {
    const overrides = this.scenarios.get(number)?.person;
    const relative = this.relative.get(number);
    if (!overrides || !relative) return overrides;
    if (relative.today !== today) {
      relative.person = JSON.parse(resolveRelativeDates(JSON.stringify(overrides), today)) as ScenarioPerson['person'];
      relative.today = today;
    }
    return relative.person;
  }

  scenario(number: string, service: ServiceId): TjanstScenario | undefined {
    return this.scenarios.get(number)?.tjanster?.[service];
  }

  scenarioPersons(): ScenarioPerson[] {
    return [...this.scenarios.values()];
  }
}
