import { INCIDENT_REGION, plantIncident } from './incident';
import type { DemoStage } from './stage';

/** Stage: the compromised web server and the leaked key the findings of stage 4 are about. */
export const INCIDENT_STAGE: DemoStage = {
  title: 'plant an incident',
  proves:
    'the responders meet what real incidents hold: an instance in an Auto Scaling group behind a load balancer with more than one interface, and a key whose owner can do far more than its job needs.',
  async run(context) {
    const incident = await plantIncident(context.aws);
    context.incident = incident;
    context.say(`In ${INCIDENT_REGION}:`);
    context.say(
      `  web server ${incident.instanceId}: launched by Auto Scaling group ${incident.autoScalingGroupName}, registered in target group shop-web,`,
    );
    context.say(
      `    interfaces ${incident.networkInterfaceIds.join(' and ')} in security group web, instance profile shop-web; it talks to a command-and-control server.`,
    );
    context.say(
      `  access key ${incident.accessKeyId} of IAM user ${incident.userName} (inline policy ci-deploy: s3 and ec2 on everything, iam:AttachUserPolicy, iam:CreatePolicyVersion); it leaked in a public repository.`,
    );
  },
};
