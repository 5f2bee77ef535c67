/**
 * What the service does with a valid birth report: answer a repeated reportId from the store, decide whether the
 * report needs manual handling (202 and a confirmation code), otherwise give the child a new personnummer (201) and
 * add the child to the population. Everything is one committed transaction before the answer leaves.
 */
import { daysBetween } from '../../population/dates.js';
import { parseIdentity } from '../../population/identity.js';
import type { RegistryStore } from '../../store/registry-store.js';
import { CONFIRMATION_CODES, MANUAL_REASONS, codeFor, type ManualReason } from './confirmation.js';
import { apiError, type ApiError } from './errors.js';
import { allocatePersonnummer } from './personnummer.js';
import { childKey, reportHash, reportKey, twelveDigits, type BirthReport, type Parent } from './report.js';
import type { BirthReportStore, BirthReportTransaction } from './store.js';

/** A child born more than this many days before today is reported late: manual handling. */
export const LATE_AFTER_DAYS = 14;

export interface Created {
  reportId: string;
  personalIdentityNumber: string;
}

export interface Accepted {
  reportId: string;
  message: { message: string; description: string; messageConfirmationCode: string };
}

export type Outcome =
  | { status: 201; body: Created; replayed: boolean }
  | { status: 202; body: Accepted; replayed: boolean }
  | { status: 422; body: ApiError; replayed: false };

export class BirthReportService {
  constructor(
    private readonly store: BirthReportStore,
    private readonly registry: RegistryStore,
    private readonly today: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  report(report: BirthReport): Promise<Outcome> {
    return this.store.transaction(async (tx): Promise<Outcome> => {
      const key = reportKey(report.reportId);
      const hash = reportHash(report);
      const earlier = await tx.get(key);
      if (earlier) {
        if (earlier.requestHash !== hash) {
          return {
            status: 422,
            body: apiError(
              422,
              `reportId ${report.reportId} was already used for a different report; a new report needs a new reportId.`,
            ),
            replayed: false,
          };
        }
        // The same report again: the same answer, with the reportId spelt as it was sent this time.
        const body = { ...(earlier.response as Created & Accepted), reportId: report.reportId };
        return earlier.httpStatus === 201
          ? { status: 201, body, replayed: true }
          : { status: 202, body, replayed: true };
      }

      const child = childKey(report);
      const duplicate = (await tx.findByChild(child)) !== undefined;
      let reason = this.manualReason(report, duplicate);
      let number: string | undefined;
      if (!reason && report.child.gender !== 'UNKNOWN') {
        const used = await this.numbersUsed(tx, report.child.date);
        number = allocatePersonnummer(report.child.date, report.child.gender, key, (n) => this.isTaken(n, used));
        if (!number) reason = 'noNumber';
      }
      const outcome: Outcome = number
        ? { status: 201, body: { reportId: report.reportId, personalIdentityNumber: number }, replayed: false }
        : { status: 202, body: accepted(report.reportId, reason ?? 'genderUnknown'), replayed: false };
      await tx.insert({
        reportKey: key,
        requestHash: hash,
        request: report,
        httpStatus: outcome.status,
        response: outcome.body,
        ...(number ? { personalIdentityNumber: number } : {}),
        childKey: child,
        receivedAt: this.now().toISOString(),
      });
      if (number) await this.registerNewborn(tx, number, report);
      return outcome;
    });
  }

  /** The first reason (in code order) the report cannot get a number automatically, if any. */
  private manualReason(report: BirthReport, duplicate: boolean): ManualReason | undefined {
    const applies: Record<ManualReason, () => boolean> = {
      duplicate: () => duplicate,
      stillborn: () => !report.child.aliveAtBirth,
      motherUnknown: () => !this.inPopulation(report.mother),
      late: () => daysBetween(report.child.date, this.today()) > LATE_AFTER_DAYS,
      genderUnknown: () => report.child.gender === 'UNKNOWN',
      noNumber: () => false,
    };
    return MANUAL_REASONS.find((reason) => applies[reason]());
  }

  /**
   * In the population: a valid personnummer or samordningsnummer (the emulator's population has a person for every
   * valid number) that is not the number of a newborn reported here — a newborn cannot be a mother.
   */
  private inPopulation(parent: Parent): boolean {
    if (!parent.personalIdentityNumber) return false;
    const number = twelveDigits(parent.personalIdentityNumber.id);
    const { identity } = parseIdentity(number);
    if (!identity?.checksumValid) return false;
    return this.registry.get(number)?.status !== 'FODD';
  }

  /** The numbers of a birth date this store handed out (read in the report's transaction). */
  private numbersUsed(tx: BirthReportTransaction, date: string): Promise<Set<string>> {
    return tx.numbersUsed(date.replaceAll('-', ''));
  }

  private isTaken(number: string, used: Set<string>): boolean {
    return used.has(number) || this.registry.get(number) !== undefined;
  }

  /** The child joins the population: every service (Personuppgiftstjänsten, SSBTEK's base services) sees it. */
  private registerNewborn(tx: BirthReportTransaction, number: string, report: BirthReport): Promise<void> {
    const { mother, father, child } = report;
    return tx.register({
      personidentitet: number,
      status: 'FODD',
      since: child.date,
      details: {
        gender: child.gender,
        ...(mother.personalIdentityNumber
          ? { modersPersonidentitet: twelveDigits(mother.personalIdentityNumber.id) }
          : {}),
        ...(father?.personalIdentityNumber
          ? { fadersPersonidentitet: twelveDigits(father.personalIdentityNumber.id) }
          : {}),
        mother: normalizedParent(mother),
        ...(father ? { father: normalizedParent(father) } : {}),
        municipality: child.municipality,
        order: child.order,
        totalNumberOfChildren: report.totalNumberOfChildren,
        reportId: report.reportId,
      },
    });
  }
}

function accepted(reportId: string, reason: ManualReason): Accepted {
  const code = codeFor(reason);
  const { message, description } = CONFIRMATION_CODES[code] as { message: string; description: string };
  return { reportId, message: { message, description, messageConfirmationCode: code } };
}

function normalizedParent(parent: Parent): Parent {
  return parent.personalIdentityNumber
    ? {
        ...parent,
        personalIdentityNumber: {
          ...parent.personalIdentityNumber,
          id: twelveDigits(parent.personalIdentityNumber.id),
        },
      }
    : parent;
}
