import type { ComplianceControl } from './framework';

/** Fields of a control that a later benchmark version may reword or reclassify in place. */
export type ControlChange = Partial<
  Pick<ComplianceControl, 'title' | 'level' | 'assessment' | 'checks'>
>;

/**
 * What one CIS version changed against the base list. Existing controls are named by their id in
 * the base; added controls carry their id in this version.
 */
export interface ControlsDelta {
  /** Base id to this version's id, for every control whose number changed (same section). */
  readonly renumbered: Readonly<Record<string, string>>;
  /** Base ids of the controls this version dropped. */
  readonly removed: readonly string[];
  /** Base id to the fields this version reworded or reclassified. */
  readonly changed: Readonly<Record<string, ControlChange>>;
  /** Controls new in this version. */
  readonly added: readonly ComplianceControl[];
}

/**
 * Orders control ids as the benchmark's table of contents does, number by number: `2.1.6`
 * before `2.2`, `2.9` before `2.10`.
 */
export function compareControlIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let at = 0; at < Math.max(left.length, right.length); at += 1) {
    const difference = (left[at] ?? -1) - (right[at] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Applies a version's delta to the base controls and lists the result in the benchmark's order.
 * Throws when the delta names a base id the base does not hold, so a typo cannot silently keep a
 * control that was meant to move, change or go.
 */
export function applyDelta(
  base: readonly ComplianceControl[],
  delta: ControlsDelta,
): ComplianceControl[] {
  const baseIds = new Set(base.map((control) => control.id));
  const named = [...Object.keys(delta.renumbered), ...delta.removed, ...Object.keys(delta.changed)];
  const unknown = named.filter((id) => !baseIds.has(id));
  if (unknown.length > 0)
    throw new Error(`delta names controls not in the base: ${unknown.join(', ')}`);
  const kept = base
    .filter((control) => !delta.removed.includes(control.id))
    .map((control) => ({
      ...control,
      ...delta.changed[control.id],
      id: delta.renumbered[control.id] ?? control.id,
    }));
  return [...kept, ...delta.added].sort((a, b) => compareControlIds(a.id, b.id));
}

/**
 * Moves the leading section number of a control id or section name by `by`:
 * `('2.1.3', -1)` is `1.1.3`, `('2 Identity and Access Management', -1)` is
 * `1 Identity and Access Management`.
 */
export function shiftSectionNumber(numbered: string, by: number): string {
  return numbered.replace(/^\d+/, (section) => String(Number(section) + by));
}
