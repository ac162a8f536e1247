// Numbers as soothe shows and stores them: one way to round, for stats, the report, the brief and the trend.

/** Rounds half away from zero to `digits` decimals, and never yields -0. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = (Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9)) / f;
  return r === 0 ? 0 : r;
}
