import { MANAGED_BY_TAG, PLUMBING_TAG_KEY, type PlumbingComponent } from '../../lib/plumbing-tags';

/**
 * Tags for a plumbing resource: the component tag responders and the scanner look it up by,
 * and the managed-by tag that marks everything the module creates.
 */
export function plumbingTags(component: PlumbingComponent): Record<string, string> {
  return { [PLUMBING_TAG_KEY]: component, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
}
