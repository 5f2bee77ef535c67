/**
 * Confirmation codes of a 202 (manual handling at Skatteverket). Inera's description shows one code, 201, with its
 * texts; the other codes are the emulator's own catalogue, written in the same style. When several reasons apply,
 * the lowest code is the one answered (MANUAL_REASONS is that order).
 */
export const MANUAL_REASONS = ['duplicate', 'stillborn', 'motherUnknown', 'late', 'genderUnknown', 'noNumber'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

export interface ConfirmationCode {
  reason: ManualReason;
  /** When the code is given (for the OpenAPI document and the README). */
  when: string;
  /** May be shown to the end user. */
  message: string;
  /** For troubleshooting only. */
  description: string;
}

const RECEIVED = 'Anmälan mottagen. Skatteverket skickar underrättelse till barnets förälder.';

export const CONFIRMATION_CODES: Record<string, ConfirmationCode> = {
  '201': {
    reason: 'duplicate',
    when: 'The same child (same mother, date of birth and order) was already reported under another reportId.',
    message: RECEIVED,
    description: 'Anmälan avser inte "nyanmälan", tilldelning av personnummer får inte ske',
  },
  '202': {
    reason: 'stillborn',
    when: 'child.aliveAtBirth is false: a stillborn child gets no personnummer.',
    message: 'Anmälan mottagen. Skatteverket registrerar uppgifterna om det dödfödda barnet.',
    description: 'Barnet är dödfött, tilldelning av personnummer får inte ske',
  },
  '203': {
    reason: 'motherUnknown',
    when:
      'The mother is not in the population: given by dateOfBirth only, her number has a wrong check digit, ' +
      'or her number is that of a reported newborn.',
    message: RECEIVED,
    description: 'Modern finns inte i folkbokföringen, anmälan handläggs manuellt',
  },
  '204': {
    reason: 'late',
    when: "The child was born more than 14 days before the service's today.",
    message: RECEIVED,
    description: 'Födelsen inträffade mer än 14 dagar före anmälan, anmälan handläggs manuellt',
  },
  '205': {
    reason: 'genderUnknown',
    when: 'child.gender is UNKNOWN: the sex digit of the number cannot be chosen.',
    message: RECEIVED,
    description: 'Barnets kön är okänt, tilldelning av personnummer får inte ske automatiskt',
  },
  '206': {
    reason: 'noNumber',
    when: 'Every birth number for that date and sex is already taken in this store.',
    message: RECEIVED,
    description: 'Inget ledigt födelsenummer för födelsedatum och kön, anmälan handläggs manuellt',
  },
};

/** The code for a reason. */
export function codeFor(reason: ManualReason): string {
  const entry = Object.entries(CONFIRMATION_CODES).find(([, c]) => c.reason === reason);
  if (!entry) throw new Error(`no confirmation code for ${reason}`);
  return entry[0];
}
