import { defineCheck } from '../../model/check';
import type { ConfigRecorder } from '../../model/logging';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'config_recorder_all_regions_enabled',
  title:
    'AWS Config records all supported resource types in every region, and global resource types somewhere',
  service: 'config',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Without a Config recorder, responders lose the history of how each resource was configured and when it changed, so they cannot tell what an intruder altered, or restore it, in that region.',
  remediation:
    'In each region: aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=<true in one region only>; aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>; aws configservice start-configuration-recorder --configuration-recorder-name default',
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
  ],
  needs: ['configRecorders'],
  evaluate({ configRecorders }, ctx) {
    const perRegion = ctx.regions.map((region) => {
      const resource = accountResource(ctx, 'config', region);
      const recorders = configRecorders[region] ?? [];
      const complete = recorders.find((recorder) => shortfall(recorder) === null);
      if (complete)
        return pass(
          resource,
          `AWS Config recorder ${complete.name} in region ${region} is recording all supported resource types.`,
        );
      // Explain the recorder nearest to passing: one that records but fails over one that is stopped.
      const [nearest] = [...recorders].sort((a, b) => progress(b) - progress(a));
      return fail(
        resource,
        nearest
          ? `AWS Config recorder ${nearest.name} in region ${region} ${shortfall(nearest)}.`
          : `Region ${region} has no AWS Config recorder.`,
      );
    });
    // IAM users, groups, roles and policies are recorded only by recorders that include global
    // resource types; one region suffices, so this is judged once for the account.
    const account = accountResource(ctx, 'config', GLOBAL_REGION);
    const globalRecorder = ctx.regions.flatMap((region) =>
      (configRecorders[region] ?? [])
        .filter((recorder) => recorder.recording && recorder.includeGlobalResourceTypes)
        .map((recorder) => ({ region, recorder })),
    )[0];
    return [
      ...perRegion,
      globalRecorder
        ? pass(
            account,
            `AWS Config recorder ${globalRecorder.recorder.name} in region ${globalRecorder.region} records global resource types such as IAM users and roles.`,
          )
        : fail(
            account,
            'No recording AWS Config recorder in the regions that could be read includes global resource types, so IAM users, groups, roles and policies go unrecorded.',
          ),
    ];
  },
});

/** Why a recorder does not record everything, or null when it does. */
function shortfall(recorder: ConfigRecorder): string | null {
  if (!recorder.recording) return 'is not recording';
  if (!recordsAllTypes(recorder))
    return `records only selected resource types (${recorder.recordingStrategy ?? 'allSupported false'})`;
  // The API documents `Failure`; moto upper-cases its statuses.
  if (recorder.lastStatus?.toUpperCase() === 'FAILURE')
    return 'is recording but its last recording attempt failed';
  return null;
}

function recordsAllTypes(recorder: ConfigRecorder): boolean {
  return recorder.allSupported || recorder.recordingStrategy === 'ALL_SUPPORTED_RESOURCE_TYPES';
}

/** How far a recorder gets towards passing: recording, then all types. */
function progress(recorder: ConfigRecorder): number {
  return Number(recorder.recording) + Number(recorder.recording && recordsAllTypes(recorder));
}
