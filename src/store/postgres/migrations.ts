/** Every module's PostgreSQL migrations (module → its numbered list), applied at start by openPostgresEngine. */
import { PG_MIGRATIONS as BIRTHREPORT } from '../../rest/birthreport/postgres-store.js';
import { PG_MIGRATIONS as SAMORDNINGSNUMMER } from '../../rest/samordningsnummer/postgres-store.js';
import { PG_MIGRATIONS as SCB } from '../../rest/scb/postgres-store.js';
import { PG_MIGRATIONS as PU } from '../../pu/store/postgres-pu-registry.js';
import { PG_CONTROL_MIGRATIONS as CONTROL } from '../../control/postgres-control-store.js';
import type { Migration } from '../sqlite.js';

export const POSTGRES_MIGRATIONS: Readonly<Record<string, readonly Migration[]>> = {
  pu: PU,
  scb: SCB,
  birthreport: BIRTHREPORT,
  samordningsnummer: SAMORDNINGSNUMMER,
  control: CONTROL,
};
