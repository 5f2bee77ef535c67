import { ConfigError, type Config } from '../config.js';
import { regionalReserveFormats } from '../pu/reserve/regional.js';
import { oauth2Settings } from './oauth2/settings.js';
import { samordningsnummerSettings } from './samordningsnummer/settings.js';
import { readSettings as scbSettings } from './scb/settings.js';

/** Checks the REST adapters' settings in a config up front, so a bad value is a clear start-up error. */
export function checkRestConfig(config: Config, source: string): void {
  for (const check of [oauth2Settings, samordningsnummerSettings, scbSettings, regionalReserveFormats]) {
    try {
      check(config);
    } catch (error) {
      throw new ConfigError(`${source}: ${(error as Error).message}`);
    }
  }
}
