import fs from 'node:fs';
import path from 'node:path';
import type { ServiceId } from '../ssbtek/model.js';
import { PROJECT_ROOT } from '../xml/schema.js';
import type { Person } from './person.js';

/**
 * What one base service does for a scenario person, as data (Microcks-style dispatch): a named scenario the
 * service's emulator renders (its own error codes, 'ingen-data', 'garbage', 'http-500', ...) and/or a delay.
 */
export interface TjanstScenario {
  scenario?: string;
  delayMs?: number;
}

export interface ScenarioPerson {
  personidentitet: string;
  beskrivning: string;
  /** Fields that replace the generated person's (e.g. sysselsattning, antalFordon, skyddadIdentitet). */
  person?: Partial<Omit<Person, 'identity'>>;
  tjanster?: Partial<Record<ServiceId, TjanstScenario>>;
}

export const SCENARIO_FILE = path.join(PROJECT_ROOT, 'fixtures', 'population', 'scenario-persons.json');

export function loadScenarioPersons(file = SCENARIO_FILE): ScenarioPerson[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { persons: ScenarioPerson[] };
  const seen = new Set<string>();
  for (const p of parsed.persons) {
    if (!/^\d{12}$/.test(p.personidentitet)) throw new Error(`${file}: bad personidentitet ${p.personidentitet}`);
    if (seen.has(p.personidentitet)) throw new Error(`${file}: duplicate personidentitet ${p.personidentitet}`);
    seen.add(p.personidentitet);
  }
  return parsed.persons;
}
