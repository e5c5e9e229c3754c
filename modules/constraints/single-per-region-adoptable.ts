import type { ConstraintRule } from './rule';
import { providerOf, resourcesOf } from './synthesized-terraform';

/** Resource types AWS allows at most once per account and region. */
export const SINGLE_PER_REGION_TYPES = [
  'aws_guardduty_detector',
  'aws_config_configuration_recorder',
  'aws_config_delivery_channel',
] as const;

/**
 * A single-per-region resource is created at most once per provider, and only by a construct
 * that can adopt an existing one instead: a delegated administrator, AWS Control Tower or a
 * console click may have created it already, and then creating another fails.
 */
export const singlePerRegionAdoptable: ConstraintRule = {
  id: 'single-per-region-adoptable',
  description:
    'An account has at most one GuardDuty detector and one Config recorder and delivery channel per region.',
  documentation:
    'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html',
  check(document, context) {
    return SINGLE_PER_REGION_TYPES.flatMap((type) => {
      const resources = resourcesOf(document, type);
      const seen = new Map<string, string>();
      return resources.flatMap(({ address, block }) => {
        const provider = providerOf(block);
        const first = seen.get(provider);
        seen.set(provider, first ?? address);
        if (first !== undefined) {
          return [
            {
              rule: this.id,
              address,
              message: `is a second ${type} on provider ${provider} (after ${first}): AWS allows one per region.`,
            },
          ];
        }
        if (context.adoptable[type] !== undefined) return [];
        return [
          {
            rule: this.id,
            address,
            message: `creates a ${type} with no way to adopt an existing one: offer an adopt mode (see ADOPTABLE_SINGLETONS).`,
          },
        ];
      });
    });
  },
};
