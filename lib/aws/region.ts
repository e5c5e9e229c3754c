import { STSClient } from '@aws-sdk/client-sts';

/**
 * The region to start from: the explicit one, else what the SDK resolves (AWS_REGION,
 * AWS_DEFAULT_REGION, the profile's `region`), else us-east-1.
 */
export async function resolveHomeRegion(options: { readonly region?: string; readonly profile?: string }): Promise<string> {
  if (options.region) return options.region;
  const probe = new STSClient(options.profile ? { profile: options.profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return 'us-east-1';
  } finally {
    probe.destroy();
  }
}
