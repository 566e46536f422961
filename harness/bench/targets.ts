/**
 * The performance targets (issue 7) and how a figure is held to one. A missed target is a result
 * of the bench, printed as MISSED and written to the JSON; it does not make the bench fail.
 */

export interface Target {
  /** The figure must be at most (`at-most`) or at least (`at-least`) `target`. */
  comparison: 'at-most' | 'at-least';
  target: number;
}

export interface TargetOutcome extends Target {
  value: number;
  met: boolean;
}

export const TARGETS = {
  /** Harness with an in-process candidate, over raw libsignal, per message. */
  inProcessOverheadRatio: { comparison: 'at-most', target: 1.2 },
  /** Harness through the stdio shim, over raw libsignal, per message. */
  shimOverheadRatio: { comparison: 'at-most', target: 1.5 },
  shimRoundTripsPerSecond: { comparison: 'at-least', target: 15_000 },
  /** The slowest smoke run measured (any profile, either builtin candidate). */
  smokeRunSeconds: { comparison: 'at-most', target: 30 },
  /** The slowest standard (default) run measured. */
  standardRunSeconds: { comparison: 'at-most', target: 180 },
  /** The largest growth exponent of any series (1: linear). */
  growthExponent: { comparison: 'at-most', target: 1.25 },
} as const satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;

export function holdTo(target: Target, value: number): TargetOutcome {
  const met = target.comparison === 'at-most' ? value <= target.target : value >= target.target;
  return { ...target, value, met };
}

/** The outcome of every target a figure was measured for (a quick bench measures fewer). */
export function judgeTargets(figures: Partial<Record<TargetName, number>>): Partial<Record<TargetName, TargetOutcome>> {
  const outcomes: Partial<Record<TargetName, TargetOutcome>> = {};
  for (const name of Object.keys(TARGETS) as TargetName[]) {
    const value = figures[name];
    if (value !== undefined) outcomes[name] = holdTo(TARGETS[name], value);
  }
  return outcomes;
}
