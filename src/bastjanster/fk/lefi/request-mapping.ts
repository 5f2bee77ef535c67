import type { FkParametrar } from '../../../ssbtek/model.js';
import { QueryRefusedError, type NativeRequest } from '../../types.js';
import { JSON_CONTENT_TYPE, LEFI_VERSION } from './emulator.js';

type LefiParametrar = Extract<FkParametrar, { kind: 'lefiJson' }>;

/**
 * The integration refused to call LEFI (a version it does not implement, a question it cannot decode): the v10 XSD
 * says such an "exception" goes into ForsakringskassanSvar. It is a §7.3.1 error of the composite service (2001);
 * `message` says why, in Swedish, for the client.
 */
export class FkIntegrationError extends QueryRefusedError {
  constructor(message: string) {
    super(message);
    this.name = 'FkIntegrationError';
  }
}

/**
 * v10 query → LEFI v9 call: the base64 question decoded and sent as the body, to the version asked for (v9 when
 * none is given) and the aktör asked for (one percent-encoded path segment, see aktorSegment).
 */
export function toLefiRequest(fk: LefiParametrar): NativeRequest {
  const version = fk.version ?? LEFI_VERSION;
  if (version !== LEFI_VERSION) {
    throw new FkIntegrationError(
      `LEFI-version ${version} är inte implementerad i integrationen; endast ${LEFI_VERSION} kan anropas.`,
    );
  }
  const aktor = aktorSegment(fk.aktorsid.trim());
  return {
    path: `/lefi-extern-formansinformation/${version}/aktorer/${aktor}/formansinformation/fraga`,
    contentType: JSON_CONTENT_TYPE,
    headers: { accept: 'application/json' },
    body: decodeFraga(fk.lefiJsonFraga),
  };
}

/**
 * The aktorsid as one path segment: every character but letters, digits and -_.!~*'() percent-encoded (UTF-8), so
 * `026-51` and UUIDs go as they are, and '/', spaces and '%' cannot change the path (`a/b` → `a%2Fb`). A dot-only
 * id ('.', '..') would be a dot segment that URL resolution removes on the way (also as %2E), so the integration
 * cannot send it: refused like an undecodable question.
 */
export function aktorSegment(aktorsid: string): string {
  if (/^\.{1,2}$/.test(aktorsid)) {
    throw new FkIntegrationError(`aktorsid "${aktorsid}" kan inte skickas som en del av LEFI:s sökväg.`);
  }
  return encodeURIComponent(aktorsid);
}

/** The question as the client wrote it: strict base64, UTF-8 text, JSON (not checked further: LEFI does that). */
function decodeFraga(base64: string): string {
  const compact = base64.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new FkIntegrationError('lefiJsonFraga är inte giltig base64.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw new FkIntegrationError('lefiJsonFraga är inte UTF-8-kodad text.');
  }
  try {
    JSON.parse(text);
  } catch {
    throw new FkIntegrationError('lefiJsonFraga innehåller inte JSON.');
  }
  return text;
}
