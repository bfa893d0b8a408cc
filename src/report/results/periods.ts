/**
 * ISO period labels (`2025`, `2025-Q2`, `2025-04`) as positions in time. Labels of one run share a kind
 * and sort as strings, but a policy date may be written at a finer grain than the run (a `2025-04` start
 * on a quarterly run), so dates are compared as fractional years.
 */

/** The start of period `label` in fractional years (2025-04 → 2025.25), or null if it is not an ISO period. */
export function periodStartYear(label: string): number | null {
  const m = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})))?$/.exec(label.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] !== undefined) return year + (Number(m[2]) - 1) / 4;
  if (m[3] !== undefined) {
    const month = Number(m[3]);
    if (month < 1 || month > 12) return null;
    return year + (month - 1) / 12;
  }
  return year;
}

/** Sorts period labels in time order (ISO labels by start; anything else keeps its place at the end). */
export function sortPeriods(labels: readonly string[]): string[] {
  const keyed = labels.map((label, i) => ({ label, i, t: periodStartYear(label) }));
  keyed.sort((x, y) => {
    if (x.t !== null && y.t !== null && x.t !== y.t) return x.t - y.t;
    if (x.t === null && y.t !== null) return 1;
    if (x.t !== null && y.t === null) return -1;
    return x.i - y.i;
  });
  return keyed.map((k) => k.label);
}

/**
 * Position of a date on a timeline of period labels, in period units (0 = start of the first period,
 * labels.length = end of the last). A date between two period starts is interpolated; dates outside the
 * timeline extrapolate at the last period length, so callers can tell "before the run" from "at its start".
 * A number is taken as a period index already. Null when the date cannot be placed.
 */
export function periodPosition(date: string | number, labels: readonly string[]): number | null {
  if (typeof date === 'number') return Number.isFinite(date) ? date : null;
  const exact = labels.indexOf(date);
  if (exact >= 0) return exact;
  const t = periodStartYear(date);
  const starts = labels.map(periodStartYear);
  if (t === null || starts.length === 0 || starts.some((s) => s === null)) return null;
  const s = starts as number[];
  const step = s.length > 1 ? s[1] - s[0] : 1 / periodsPerYearOf(labels[0]);
  if (t < s[0]) return (t - s[0]) / step;
  for (let i = 0; i + 1 < s.length; i++) {
    if (t < s[i + 1]) return i + (t - s[i]) / (s[i + 1] - s[i]);
  }
  return s.length - 1 + (t - s[s.length - 1]) / step;
}

/** Periods per year implied by one label's form: 12 for `YYYY-MM`, 4 for `YYYY-Qn`, 1 for `YYYY`. */
export function periodsPerYearOf(label: string): number {
  if (/-Q[1-4]$/.test(label)) return 4;
  if (/-\d{2}$/.test(label)) return 12;
  return 1;
}
