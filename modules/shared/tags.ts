import { MANAGED_BY_TAG, PLUMBING_TAG_KEY, type PlumbingComponent } from '../../lib/plumbing-tags';

/**
 * Component tag values of plumbing that responders may look up but that the shared list in
 * `lib/plumbing-tags.ts` does not name yet.
 */
export const MODULE_COMPONENTS = {
  memoryCaptureSecurityGroup: 'memory-capture-security-group',
} as const;

/** A component tag value the module writes. */
export type ModuleComponent = PlumbingComponent | (typeof MODULE_COMPONENTS)[keyof typeof MODULE_COMPONENTS];

/**
 * Tags for a plumbing resource: the component tag responders and the scanner look it up by,
 * and the managed-by tag that marks everything the module creates.
 */
export function plumbingTags(component: ModuleComponent): Record<string, string> {
  return { [PLUMBING_TAG_KEY]: component, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
}
