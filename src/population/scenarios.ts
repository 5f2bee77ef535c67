import fs from 'node:fs';
import path from 'node:path';
import type { ServiceId } from '../ssbtek/model.js';
import { PROJECT_ROOT } from '../xml/schema.js';
import type { Person } from './person.js';
import { PlaceholderError, resolveRelativeDates } from './relative-dates.js';

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
  /**
   * Fields that replace the generated person's (e.g. sysselsattning, antalFordon, skyddadIdentitet). A date may be
   * written relative to the services' today, `{{today-17m-14d}}` (src/population/relative-dates.ts), so the
   * person's story stays the same on every day.
   */
  person?: Partial<Omit<Person, 'identity'>>;
  tjanster?: Partial<Record<ServiceId, TjanstScenario>>;
}

export const SCENARIO_DIR = path.join(PROJECT_ROOT, 'fixtures', 'population', 'scenario-persons');

/**
 * Loads every *.json file in the scenario folder (one per concern: general.json, af.json, csn.json, ...) and
 * merges them by personidentitet: person overrides and per-service scenarios from several files combine; the
 * same service scenario for the same person in two files is an error.
 */
export function loadScenarioPersons(dir = SCENARIO_DIR): ScenarioPerson[] {
  const merged = new Map<string, ScenarioPerson>();
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = path.join(dir, name);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { persons: ScenarioPerson[] };
    for (const p of parsed.persons) {
      if (!/^\d{12}$/.test(p.personidentitet)) throw new Error(`${file}: bad personidentitet ${p.personidentitet}`);
      checkRelativeDates(file, p);
      const existing = merged.get(p.personidentitet);
      if (!existing) {
        merged.set(p.personidentitet, { ...p, person: { ...p.person }, tjanster: { ...p.tjanster } });
        continue;
      }
      for (const [service, scenario] of Object.entries(p.tjanster ?? {})) {
        const tjanster = (existing.tjanster ??= {});
        if (tjanster[service as ServiceId]) {
          throw new Error(`${file}: ${p.personidentitet} already has a ${service} scenario in another file`);
        }
        tjanster[service as ServiceId] = scenario;
      }
      existing.person = { ...existing.person, ...p.person };
      existing.beskrivning = `${existing.beskrivning}; ${p.beskrivning}`;
    }
  }
  return [...merged.values()];
}

/** A misspelt placeholder in a scenario person stops the start, naming the file and the person. */
function checkRelativeDates(file: string, person: ScenarioPerson): void {
  try {
    resolveRelativeDates(JSON.stringify(person.person ?? {}), '2000-01-01');
  } catch (error) {
    if (!(error instanceof PlaceholderError)) throw error;
    throw new Error(`${file}: ${person.personidentitet}: ${error.message.replace(/^line \d+: /, '')}`, {
      cause: error,
    });
  }
}
