/**
 * Dates and the run's calendar. Dates are `YYYY-MM`, `YYYY-Qn` or `YYYY` (YAML reads a bare year as a
 * number); internally a date is a month count (year × 12 + month − 1) so every period kind compares alike.
 */
import type { PeriodKind, Timeline } from '../model/types.js';
import { DATE_PATTERN } from './schema.js';
import type { PeriodBasis } from './units.js';

/** Most periods a run may have (100 years of months): bounds memory before anything is allocated. */
export const MAX_PERIODS = 1200;

/** The calendar of a run, with the conversions between dates and period indices. */
export interface Calendar extends PeriodBasis {
  readonly timeline: Timeline;
  /** Month count of the first month of period 0. */
  readonly startMonth: number;
}

/** Parses a date into a month count (its first month), or null when malformed. */
export function parseDate(value: unknown): number | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !DATE_PATTERN.test(text)) return null;
  const year = Number(text.slice(0, 4));
  if (text.length === 4) return year * 12;
  if (text[5] === 'Q') return year * 12 + (Number(text[6]) - 1) * 3;
  return year * 12 + Number(text.slice(5, 7)) - 1;
}

/**
 * The last month a date names (a month count), or null when malformed: `2025-10` → October 2025,
 * `2025-Q2` → June, `2025` → December. Every `end` is inclusive: the named month, quarter or year is the
 * last one simulated or in force.
 */
export function parseDateEnd(value: unknown): number | null {
  const first = parseDate(value);
  if (first === null) return null;
  const text = String(value);
  return text.length === 4 ? first + 11 : text[5] === 'Q' ? first + 2 : first;
}

/** The canonical text of a date as written (`2025` stays `2025`, numbers become strings). */
export function dateText(value: unknown): string {
  return String(value);
}

const MONTHS_PER_PERIOD: Record<PeriodKind, 1 | 3 | 12> = { month: 1, quarter: 3, year: 12 };

/** ISO label of the period starting at a month count: `2025-04`, `2025-Q2`, `2025`. */
export function periodLabel(kind: PeriodKind, month: number): string {
  const year = Math.floor(month / 12);
  const m = month - year * 12;
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${Math.floor(m / 3) + 1}`;
  return `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Builds the calendar from start..end inclusive. Start and end snap to the period containing them (a
 * quarterly run starting 2025-02 starts in 2025-Q1).
 */
export function buildCalendar(kind: PeriodKind, start: number, end: number): Calendar {
  const mpp = MONTHS_PER_PERIOD[kind];
  const startMonth = Math.floor(start / mpp) * mpp;
  const count = Math.floor((end - startMonth) / mpp) + 1;
  const labels = Array.from({ length: count }, (_, t) => periodLabel(kind, startMonth + t * mpp));
  return {
    timeline: { kind, periodsPerYear: (12 / mpp) as 12 | 4 | 1, labels },
    startMonth,
    periodsPerYear: 12 / mpp,
    monthsPerPeriod: mpp,
  };
}

/** Index of the period containing a date (may be negative or past the end). */
export function periodOf(cal: Calendar, month: number): number {
  return Math.floor((month - cal.startMonth) / cal.monthsPerPeriod);
}

/** Index of the period after the one containing a month: where an inclusive `end` stops. */
export function periodAfter(cal: Calendar, month: number): number {
  return periodOf(cal, month) + 1;
}
