import type { IncomingMessage } from 'node:http';
import { clientCertificate, headerOf, overTls } from '../../http/caller-identity.js';
import { organisationsnummer } from './organisationsnummer.js';

/** The stand-in for the client certificate on plain HTTP (local use; as SCB's X-SCB-Client-OrgNr). */
export const CLIENT_ORGNR_HEADER = 'X-SSBTEK-Client-OrgNr';

/**
 * `permissive` (the default): a request that names no caller at all is answered as before, unchecked, so nobody's
 * first query is refused; a caller that is named is checked. `strict`: every request must name its caller.
 */
export const CALLER_MODES = ['permissive', 'strict'] as const;
export type CallerMode = (typeof CALLER_MODES)[number];

/** Who sent a request: nobody named (permissive mode only), an organisation, or a refusal of the whole request. */
export type CallerIdentity =
  | { kind: 'anonymous' }
  | { kind: 'identified'; organisationsnummer: string; source: 'certificate' | 'header' }
  | { kind: 'refused'; message: string };

const ANONYMOUS: CallerIdentity = { kind: 'anonymous' };

/**
 * The caller of an SSBTEK request (seed §8.2.4, §8.4). Over HTTPS: the client certificate, trusted by the configured
 * CA, whose subject serialNumber is 16 and the organisationsnummer (`serialNumber=162120002411`); the stand-in header
 * is never honoured there. On plain HTTP: `X-SSBTEK-Client-OrgNr`. A certificate or header that names nobody usable
 * is refused in either mode; naming nothing is refused only in strict mode.
 */
export function identifyCaller(req: IncomingMessage, mode: CallerMode): CallerIdentity {
  const header = headerOf(req, CLIENT_ORGNR_HEADER)?.trim() || undefined;
  if (overTls(req)) {
    const certificate = clientCertificate(req);
    if (certificate.kind === 'untrusted')
      return refused(`The client certificate is not issued by a CA this service trusts (${certificate.reason}).`);
    if (certificate.kind === 'trusted') {
      const nummer = organisationsnummer(certificate.serialNumber);
      if (nummer) return { kind: 'identified', organisationsnummer: nummer, source: 'certificate' };
      const serial = certificate.serialNumber === undefined ? 'none' : `"${certificate.serialNumber}"`;
      return refused(
        `The client certificate's subject serialNumber (${serial}) is not an organisationsnummer: 16 and ten digits ` +
          'with a valid check digit, e.g. serialNumber=162120002411.',
      );
    }
    if (header) return refused(`${CLIENT_ORGNR_HEADER} is not honoured over HTTPS: present a client certificate.`);
    return mode === 'strict' ? refused('No client certificate: this service needs to know its caller.') : ANONYMOUS;
  }
  if (header) {
    const nummer = organisationsnummer(header);
    if (nummer) return { kind: 'identified', organisationsnummer: nummer, source: 'header' };
    return refused(
      `${CLIENT_ORGNR_HEADER} "${header}" is not an organisationsnummer (NNNNNNNNNN, NNNNNN-NNNN or 16NNNNNNNNNN, ` +
        'valid check digit).',
    );
  }
  return mode === 'strict'
    ? refused(
        `No caller identity: over HTTPS a client certificate, on plain HTTP the ${CLIENT_ORGNR_HEADER} header ` +
          '(the emulator runs in strict caller mode).',
      )
    : ANONYMOUS;
}

function refused(message: string): CallerIdentity {
  return { kind: 'refused', message };
}
