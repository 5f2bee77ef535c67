import type { SsbtekFraga, TjanstUtfall } from '../../ssbtek/model.js';
import { NativeProtocolError, type NativeResponse } from '../types.js';
import { fromLefiResponse } from './lefi/response-mapping.js';
import { fromV1Response } from './v1/response-mapping.js';

/** FK's native answer → data or a BT error, read as the interface the query was sent to (seed §6.10, §7.3.2). */
export function fromFkResponse(response: NativeResponse, fraga: SsbtekFraga): TjanstUtfall {
  switch (fraga.tjanster.FK?.fk?.kind) {
    case 'lefiJson':
      return fromLefiResponse(response);
    case 'formansforteckning':
      return fromV1Response(response);
    default:
      throw new NativeProtocolError('No FK question was sent, so no FK answer can be read');
  }
}
