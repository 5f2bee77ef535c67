import type { FkAktor } from '../../bastjanster/fk/lefi/aktorer.js';
import {
  AnslutningarError,
  Anslutningsregister,
  checkAnslutningar,
  DEFAULT_ANSLUTNINGAR,
  type Anslutningar,
} from './anslutningar.js';
import { CALLER_MODES, type CallerMode } from './identity.js';
import { organisationsnummer } from './organisationsnummer.js';

/** The config's part about SSBTEK's callers (src/config.ts holds them; docs/configuration.md lists them). */
export interface CallerSettings {
  /** `permissive` (default) or `strict`: see CallerMode. */
  callerMode: CallerMode;
  /** The connection agreements; unset: DEFAULT_ANSLUTNINGAR. */
  anslutningar?: Anslutningar;
  /** FK's register of aktörer (config `fkAktorer`), checked against the agreements. */
  fkAktorer?: FkAktor[];
}

export const DEFAULT_CALLER_MODE: CallerMode = 'permissive';

/** Checks `callerMode` (config file) or SSBTEK_CALLER_MODE; throws naming `where`. */
export function checkCallerMode(value: unknown, where: string): CallerMode {
  if (typeof value === 'string' && (CALLER_MODES as readonly string[]).includes(value)) return value as CallerMode;
  throw new Error(`${where} must be one of ${CALLER_MODES.join(', ')}, got ${JSON.stringify(value)}`);
}

/** SSBTEK_CALLER_MODE and SSBTEK_ANSLUTNINGAR (the agreements as JSON), where set. */
export function callerSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<CallerSettings> {
  const settings: Partial<CallerSettings> = {};
  if (env.SSBTEK_CALLER_MODE) settings.callerMode = checkCallerMode(env.SSBTEK_CALLER_MODE, 'SSBTEK_CALLER_MODE');
  if (env.SSBTEK_ANSLUTNINGAR) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.SSBTEK_ANSLUTNINGAR);
    } catch (error) {
      throw new Error(`SSBTEK_ANSLUTNINGAR must be JSON: ${(error as Error).message}`, { cause: error });
    }
    settings.anslutningar = checkAnslutningar(parsed, 'SSBTEK_ANSLUTNINGAR');
  }
  return settings;
}

/** The agreements in force: the configured ones, else the embedded default. */
export function anslutningarOf(settings: Pick<CallerSettings, 'anslutningar'>): Anslutningar {
  return settings.anslutningar ?? DEFAULT_ANSLUTNINGAR;
}

export function anslutningsregister(settings: Pick<CallerSettings, 'anslutningar'>): Anslutningsregister {
  return new Anslutningsregister(anslutningarOf(settings));
}

/**
 * The aktörer FK's LEFI knows, with the agreements as the one definition of a connected organisation's aktörer.
 * No `fkAktorer` list: every id FK could assign is known (LEFI's permissive default), the agreements' among them.
 * A list: its aktörer plus every agreement's. An entry of the list that binds an aktör to another organisation
 * than the agreements do, or binds an aktör to an organisation whose agreement does not list it, is refused
 * (AnslutningarError): the two can never disagree.
 */
export function fkAktorerWithAgreements(settings: CallerSettings): FkAktor[] | undefined {
  const { fkAktorer } = settings;
  if (fkAktorer === undefined) return undefined;
  const anslutningar = anslutningarOf(settings);
  const owner = new Map<string, string>();
  for (const o of anslutningar.organisationer)
    for (const id of o.fkAktorer) owner.set(id.toLowerCase(), o.organisationsnummer);
  for (const [i, aktor] of fkAktorer.entries()) {
    if (aktor.organisationsnummer === undefined) continue;
    const nummer = organisationsnummer(aktor.organisationsnummer);
    const agreed = owner.get(aktor.aktorsid.toLowerCase());
    const at = `fkAktorer[${i}]`;
    if (agreed !== undefined && agreed !== nummer)
      throw new AnslutningarError(
        `${at}: aktör "${aktor.aktorsid}" is ${agreed}'s in the agreements (anslutningar), not ${aktor.organisationsnummer}'s`,
      );
    const avtal = anslutningar.organisationer.find((o) => o.organisationsnummer === nummer);
    if (avtal && agreed === undefined)
      throw new AnslutningarError(
        `${at}: ${aktor.organisationsnummer} has an agreement (anslutningar) whose fkAktorer do not list "${aktor.aktorsid}": ` +
          'add it there',
      );
  }
  const listed = new Set(fkAktorer.map((a) => a.aktorsid.toLowerCase()));
  const added = anslutningar.organisationer.flatMap((o) =>
    o.fkAktorer
      .filter((id) => !listed.has(id.toLowerCase()))
      .map((aktorsid) => ({ aktorsid, organisationsnummer: o.organisationsnummer, namn: o.namn })),
  );
  return [...fkAktorer, ...added];
}

/** Checks the callers' settings together (the agreements against FK's register); throws naming the setting. */
export function checkCallerSettings(settings: CallerSettings): void {
  fkAktorerWithAgreements(settings);
}
