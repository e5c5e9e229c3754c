import type { PublicAccessBlock } from '../../model/s3';

/** The four Block Public Access settings, with the names AWS gives them in the console and API. */
export const PUBLIC_ACCESS_BLOCK_SETTINGS: readonly (readonly [keyof PublicAccessBlock, string])[] =
  [
    ['blockPublicAcls', 'BlockPublicAcls'],
    ['ignorePublicAcls', 'IgnorePublicAcls'],
    ['blockPublicPolicy', 'BlockPublicPolicy'],
    ['restrictPublicBuckets', 'RestrictPublicBuckets'],
  ];

/** AWS names of the settings that `isOn` reports off, in AWS's order. */
export function settingsOff(isOn: (setting: keyof PublicAccessBlock) => boolean): string[] {
  return PUBLIC_ACCESS_BLOCK_SETTINGS.filter(([setting]) => !isOn(setting)).map(([, name]) => name);
}

/** `A`, `A and B`, `A, B and C`. */
export function listOf(names: readonly string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
