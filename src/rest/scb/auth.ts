import type { TLSSocket } from 'node:tls';
import type { Request } from 'express';
import type { Contract } from './contracts.js';
import { refuse } from './errors.js';
import { normalizeOrgNr } from './orgnr.js';

/** The stand-in for the client certificate on plain HTTP (local use): the caller's organisationsnummer. */
export const ORGNR_HEADER = 'X-SCB-Client-OrgNr';

/**
 * Who is calling, as an organisationsnummer. Over TLS: the client certificate, which must be verified against
 * the configured CA (the listener asks for it without rejecting, so that the answer is ours: 401), with the number
 * in the subject's serialNumber or organizationIdentifier. Over plain HTTP: the stand-in header.
 */
export function authenticate(req: Request): string {
  if (req.secure) return fromCertificate(req.socket as TLSSocket);
  const header = req.get(ORGNR_HEADER);
  if (header === undefined || header.trim() === '')
    throw refuse.unauthenticated(
      `Anropet är inte autentiserat: klientcertifikat saknas (över HTTP: ange ${ORGNR_HEADER}).`,
    );
  const orgNr = normalizeOrgNr(header);
  if (!orgNr) throw refuse.unauthenticated(`${ORGNR_HEADER} är inte ett giltigt organisationsnummer.`);
  return orgNr;
}

function fromCertificate(socket: TLSSocket): string {
  const cert = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  if (!cert || Object.keys(cert).length === 0)
    throw refuse.unauthenticated('Anropet är inte autentiserat: klientcertifikat saknas.');
  if (!socket.authorized)
    throw refuse.unauthenticated(
      `Klientcertifikatet är inte utfärdat för tjänsten (${String(socket.authorizationError ?? 'okänd utfärdare')}).`,
    );
  const subject = (cert.subject ?? {}) as unknown as Record<string, string | string[] | undefined>;
  for (const field of ['serialNumber', 'organizationIdentifier']) {
    const values = ([] as (string | undefined)[]).concat(subject[field]);
    for (const value of values) {
      const orgNr = value ? normalizeOrgNr(value) : undefined;
      if (orgNr) return orgNr;
    }
  }
  throw refuse.unauthenticated('Klientcertifikatets subject saknar organisationsnummer (serialNumber).');
}

/**
 * May `caller` deliver for `orgNr` under `contract`? The organisation itself may, and so may the contract's
 * submitters (suppliers whose one certificate serves many organisations). A delivery that names no organisation
 * needs a caller the contract knows.
 */
export function authorizeDelivery(caller: string, contract: Contract, orgNr: string | undefined): void {
  const submitter = (contract.submitters ?? []).includes(caller);
  if (orgNr !== undefined) {
    if (caller !== orgNr && !submitter)
      throw refuse.forbidden(`Anroparen (${caller}) får inte leverera uppgifter för organisationsnummer ${orgNr}.`);
    return;
  }
  if (!submitter && !contract.orgNrs.includes(caller))
    throw refuse.forbidden(`Anroparen (${caller}) får inte leverera inom kontraktet "${contract.contract}".`);
}

/** A ticket's status and result are for whoever delivered it, or the organisation it was delivered for. */
export function authorizeTicket(caller: string, delivery: { callerOrgNr: string; orgNr: string | null }): void {
  if (caller !== delivery.callerOrgNr && caller !== delivery.orgNr)
    throw refuse.forbidden(`Anroparen (${caller}) har inte lämnat leveransen och får inte se den.`);
}
