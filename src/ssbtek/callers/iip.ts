import { childrenNamed, text, type XElement } from '../../xml/tree.js';
import { organisationsnummer } from './organisationsnummer.js';

/** The namespace of IdaInfront's iip header (seed §8.4). */
export const IIP_NS = 'http://www.idainfront.se/ns/iip/1.0';

/**
 * What the iip header says (seed §8.4): a service provider (ombud) sending with its own certificate names its
 * customer in `iip:iipax/iip:From/iip:Address`. `from` is that organisationsnummer (ten digits), absent when the
 * SOAP Header has no iipax; `problems` lists what makes the header unusable (then the query cannot be interpreted:
 * Fault 1001), one line each.
 */
export interface IipHeader {
  from?: string;
  problems: string[];
}

/** Reads the iip header from the SOAP Header (if any). Other header blocks, and iipax's other children, are ignored. */
export function readIipHeader(header: XElement | undefined): IipHeader {
  const blocks = header ? childrenNamed(header, IIP_NS, 'iipax') : [];
  if (blocks.length === 0) return { problems: [] };
  const where = (e: XElement | undefined, path: string): string => `Rad ${e?.line ?? '?'}: ${path}`;
  if (blocks.length > 1)
    return { problems: [`${where(blocks[1], '/Envelope/Header/iipax')}: iip:iipax förekommer mer än en gång.`] };
  const iipax = blocks[0] as XElement;
  const from = childrenNamed(iipax, IIP_NS, 'From');
  const addresses = from.flatMap((f) => childrenNamed(f, IIP_NS, 'Address'));
  if (from.length !== 1 || addresses.length !== 1) {
    return {
      problems: [
        `${where(iipax, '/Envelope/Header/iipax')}: iip:iipax ska ha exakt ett iip:From med exakt en iip:Address ` +
          '(avsändarens kund, seed §8.4).',
      ],
    };
  }
  const address = addresses[0] as XElement;
  const nummer = organisationsnummer(text(address));
  if (!nummer) {
    return {
      problems: [
        `${where(address, '/Envelope/Header/iipax/From/Address')}: "${text(address).trim()}" är inget ` +
          'organisationsnummer (tio siffror med giltig kontrollsiffra).',
      ],
    };
  }
  return { from: nummer, problems: [] };
}
