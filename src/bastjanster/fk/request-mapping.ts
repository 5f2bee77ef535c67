import type { SsbtekFraga } from '../../ssbtek/model.js';
import type { AdapterContext, NativeRequest } from '../types.js';
import { FkIntegrationError, toLefiRequest } from './lefi/request-mapping.js';
import { toV1Request } from './v1/request-mapping.js';

/**
 * SSBTEK query → FK's native request. FK's specific part decides the interface: a LEFI JSON question (v10 dialect)
 * goes to LEFI v9, a benefit list (v1 dialect) to hamtaformansinformation/1 (seed §6.3).
 */
export function toFkRequest(fraga: SsbtekFraga, context: AdapterContext): NativeRequest {
  const fk = fraga.tjanster.FK?.fk;
  switch (fk?.kind) {
    case 'lefiJson':
      return toLefiRequest(fk);
    case 'formansforteckning':
      return toV1Request(fraga, context, fk.flaggor);
    default:
      // The pipeline refuses such a query before fan-out (Fault 1001); reaching here is the integration's error.
      throw new FkIntegrationError('Frågan till FK saknar sin specifika del (fraga eller formansforteckning).');
  }
}
