/**
 * Digital contact details (e-mail, phone) a person gave, with the consent under which they may be shared: when it
 * was given and with whom (consumer HSA ids, or 'ALL' for every connected consumer).
 */
import type { ContactDetails } from '../registry.js';

export const SHARED_WITH_ALL = 'ALL';

export interface ContactInput {
  email?: string;
  phone?: string;
  consent?: { givenAt?: string; sharedWith?: string[] };
}

export interface ContactProblem {
  /** JSON pointer into the request body. */
  pointer: string;
  detail: string;
}

// Deliberately plain: one @, no spaces, a dot in the domain part.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/u;

/** A phone number as given (digits, spaces, hyphens, an optional leading +) in E.164; undefined when it is not one. */
export function normalizePhone(value: string): string | undefined {
  if (!/^\+?[0-9][0-9 -]{5,20}$/.test(value)) return undefined;
  const digits = value.replace(/[ -]/g, '');
  const e164 = digits.startsWith('+')
    ? digits
    : digits.startsWith('00')
      ? `+${digits.slice(2)}`
      : `+46${digits.replace(/^0/, '')}`;
  return /^\+[1-9][0-9]{6,14}$/.test(e164) ? e164 : undefined;
}

/**
 * Checks contact details against the rules a schema cannot say: at least one of email/phone, a phone number that
 * is one, consent not given after now, consumers that exist. Returns the details to store, or every problem.
 */
export function readContactDetails(
  personidentitet: string,
  input: ContactInput,
  knownConsumers: ReadonlySet<string>,
  now: Date,
): { details?: ContactDetails; problems: ContactProblem[] } {
  const problems: ContactProblem[] = [];
  if (input.email === undefined && input.phone === undefined)
    problems.push({ pointer: '/email', detail: 'give an e-mail address, a phone number or both' });
  if (input.email !== undefined && !EMAIL.test(input.email))
    problems.push({ pointer: '/email', detail: `${input.email} is not an e-mail address` });
  const phone = input.phone === undefined ? undefined : normalizePhone(input.phone);
  if (input.phone !== undefined && phone === undefined)
    problems.push({
      pointer: '/phone',
      detail: `${input.phone} is not a phone number (e.g. 070-123 45 67, +46701234567)`,
    });
  const givenAt = input.consent?.givenAt ?? '';
  const given = Date.parse(givenAt);
  if (Number.isNaN(given)) problems.push({ pointer: '/consent/givenAt', detail: 'must be a date-time' });
  else if (given > now.getTime())
    problems.push({ pointer: '/consent/givenAt', detail: 'consent cannot be given in the future' });
  const sharedWith = input.consent?.sharedWith ?? [];
  if (sharedWith.length === 0)
    problems.push({ pointer: '/consent/sharedWith', detail: `name at least one consumer, or ${SHARED_WITH_ALL}` });
  if (sharedWith.includes(SHARED_WITH_ALL) && sharedWith.length > 1)
    problems.push({
      pointer: '/consent/sharedWith',
      detail: `${SHARED_WITH_ALL} cannot be combined with consumer ids`,
    });
  sharedWith.forEach((id, i) => {
    if (id !== SHARED_WITH_ALL && !knownConsumers.has(id))
      problems.push({ pointer: `/consent/sharedWith/${i}`, detail: `${id} is not a known consumer` });
  });
  if (problems.length > 0) return { problems };
  return {
    details: {
      personidentitet,
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      consent: { givenAt: new Date(given).toISOString(), sharedWith: [...new Set(sharedWith)] },
      updatedAt: now.toISOString(),
    },
    problems,
  };
}

/** May this consumer see these contact details? Only with consent to share with it (or with all). */
export function sharedWith(details: ContactDetails, consumerId: string): boolean {
  return details.consent.sharedWith.includes(SHARED_WITH_ALL) || details.consent.sharedWith.includes(consumerId);
}
