/** Why a byte sequence could not be read as XML. Each kind becomes its own, specific fault at the edge. */
export type XmlInputErrorKind = 'empty' | 'malformed' | 'dtd';

export class XmlInputError extends Error {
  constructor(
    readonly kind: XmlInputErrorKind,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'XmlInputError';
  }
}

export const DTD_REFUSED = 'A document type declaration (DTD) is not allowed; entities are never expanded.';
