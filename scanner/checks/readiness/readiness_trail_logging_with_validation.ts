import { defineCheck } from '../../model/check';
import type { Trail } from '../../model/logging';
import { accountResource, fail, pass } from '../results';

/** Whether a trail records the region's management events, as a responder's timeline needs. */
function recordsManagementEvents(trail: Trail): boolean {
  if (!trail.eventSelectors.ok) return false;
  const { basic, advanced } = trail.eventSelectors.data;
  // A trail without selectors records all management events (CloudTrail's default).
  if (basic.length === 0 && advanced.length === 0) return true;
  return (
    basic.some((selector) => selector.includeManagementEvents) ||
    advanced.some((selector) =>
      selector.fieldSelectors.some(
        (field) => field.field === 'eventCategory' && field.equals.includes('Management'),
      ),
    )
  );
}

export default defineCheck({
  id: 'readiness_trail_logging_with_validation',
  title: 'Every region is covered by a logging trail that validates its log files',
  service: 'readiness',
  severity: 'high',
  resourceType: 'AwsCloudTrailTrail',
  risk: "Stopping the trail is an attacker's first move: without a logging trail the responders' timeline of who did what has a hole, and without log file validation the record that remains can be altered undetected.",
  remediation:
    'aws cloudtrail start-logging --name <trail>; aws cloudtrail update-trail --name <trail> --enable-log-file-validation. The Pyjamas module deploys such a trail (PlumbingTrail) for every region.',
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html',
  ],
  needs: ['trails'],
  // Every region needs a trail: there is no not-applicable case.
  evaluate: ({ trails }, ctx) =>
    ctx.regions.map((region) => {
      const covering = trails[region] ?? [];
      const fit = covering.find(
        (trail) =>
          trail.status.ok &&
          trail.status.data.isLogging &&
          trail.logFileValidationEnabled &&
          recordsManagementEvents(trail),
      );
      if (fit)
        return pass(
          { region, type: 'AwsCloudTrailTrail', id: fit.name, arn: fit.arn },
          `Trail ${fit.name} logs region ${region}'s management events and validates its log files.`,
        );
      const resource = accountResource(ctx, 'cloudtrail', region);
      if (covering.length === 0) return fail(resource, `No trail covers region ${region}.`);
      const reasons = covering.map((trail) => {
        if (!trail.status.ok) return `${trail.name}: its status could not be read`;
        if (!trail.status.data.isLogging) return `${trail.name} is not logging`;
        if (!trail.logFileValidationEnabled) return `${trail.name} does not validate log files`;
        return `${trail.name} records no management events`;
      });
      return fail(resource, `No fit trail covers region ${region}: ${reasons.join('; ')}.`);
    }),
});
