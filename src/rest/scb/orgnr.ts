/**
 * Organisationsnummer: ten digits whose last is a Luhn check digit. Callers write them in several ways
 * (556677-8899, 5566778899, 165566778899, and in certificates SE5566778899, NTRSE-5566778899 or the VAT form
 * SE556677889901); everything is compared in the ten-digit form.
 */
export function normalizeOrgNr(raw: string): string | undefined {
  const compact = raw.trim().toUpperCase();
  const vat = /^SE(\d{10})01$/.exec(compact);
  const digits = vat ? vat[1]! : compact.replace(/^(NTRSE-?|SE)/, '').replace(/-/g, '');
  const ten = /^16\d{10}$/.test(digits) ? digits.slice(2) : digits;
  return /^\d{10}$/.test(ten) && luhnValid(ten) ? ten : undefined;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
