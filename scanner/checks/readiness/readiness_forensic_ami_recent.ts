import { defineCheck } from '../../model/check';
import {
  GLOBAL_REGION,
  accountResource,
  couldNotRead,
  fail,
  notApplicable,
  pass,
} from '../results';

const DAY_MS = 86_400_000;

export default defineCheck({
  id: 'readiness_forensic_ami_recent',
  title: 'The forensic workstation AMI is younger than the configured age',
  service: 'readiness',
  severity: 'low',
  resourceType: 'AwsSsmParameter',
  risk: "A stale forensic AMI means the weekly build stopped: the workstation starts with unpatched tools (an analyst's machine that opens attacker data) or, when the image is gone, cannot start at all in the middle of an incident.",
  remediation:
    'Look at the forensic AMI pipeline in EC2 Image Builder (its last runs and their logs) and start a build: aws imagebuilder start-image-pipeline-execution --image-pipeline-arn <arn>. The age is the scan setting maxForensicAmiAgeDays.',
  references: [
    'https://docs.aws.amazon.com/imagebuilder/latest/userguide/manage-pipelines.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html',
  ],
  needs: ['forensicAmiParameters'],
  evaluate: ({ forensicAmiParameters }, ctx) => {
    const found = ctx.regions.flatMap((region) =>
      (forensicAmiParameters[region] ?? []).map((parameter) => ({ region, parameter })),
    );
    if (found.length === 0)
      return [
        notApplicable(
          accountResource(ctx, 'ssm', GLOBAL_REGION),
          `No forensic AMI pipeline is deployed in ${ctx.regions.join(', ')}.`,
        ),
      ];
    const limit = ctx.config.maxForensicAmiAgeDays;
    return found.map(({ region, parameter }) => {
      const resource = { region, type: 'AwsSsmParameter', id: parameter.name, arn: parameter.arn };
      if (!parameter.image.ok) return couldNotRead(resource, parameter.image.error);
      const image = parameter.image.data;
      if (!image)
        return fail(
          resource,
          `${parameter.name} names image ${parameter.imageId || '(empty)'}, which does not exist in ${region}.`,
        );
      const days = Math.floor((ctx.now.getTime() - Date.parse(image.creationDate)) / DAY_MS);
      return days <= limit
        ? pass(resource, `Forensic AMI ${parameter.imageId} is ${days} days old (limit ${limit}).`)
        : fail(
            resource,
            `Forensic AMI ${parameter.imageId} is ${days} days old, older than ${limit} days: the weekly build has stopped.`,
          );
    });
  },
});
