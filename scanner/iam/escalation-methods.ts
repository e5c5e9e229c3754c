/**
 * The privilege-escalation catalogue as data: what a principal needs to reach administrator
 * through each method, after Rhino Security Labs' aws_escalate, PMapper, Pacu and DataDog's
 * pathfinding.cloud (Apache-2.0; ids in `source`). Where the sources disagree the pathfinding
 * `required` set is used (Data Pipeline needs PutPipelineDefinition and ActivatePipeline too).
 */

/** What a method acts on, which the analysis must find in the account. */
export type EscalationTarget =
  /** The principal itself (its own user or role). */
  | 'self'
  /** A group the user belongs to. */
  | 'own-group'
  /** A customer-managed policy attached to the principal or its groups. */
  | 'own-customer-policy'
  /** A group that grants administrator access. */
  | 'admin-group'
  /** A role the principal creates, with the trust policy it chooses. */
  | 'new-role'
  /** The principal's own permissions boundary, when without it the principal is administrator. */
  | 'own-boundary'
  /** Another user that is administrator (its keys or console password). */
  | 'admin-user'
  /** Any other user, made administrator by the method. */
  | 'user'
  /** A role whose trust policy already admits the principal. */
  | 'assumable-role'
  /** An administrator role whose trust policy admits the principal. */
  | 'assumable-admin-role'
  /** An administrator role (its trust policy is rewritten). */
  | 'admin-role'
  /** Any role (made administrator, its trust rewritten). */
  | 'role'
  /** An administrator role that trusts `service`, passed to a new resource of that service. */
  | 'service-role';

/** One action of a method: on the target, or on a resource the principal creates. */
export interface EscalationStep {
  readonly action: string;
  readonly on: 'target' | 'new';
}

/** A privilege-escalation method. */
export interface EscalationMethod {
  /** Stable id, used in findings. */
  readonly id: string;
  readonly title: string;
  readonly category: 'self-escalation' | 'principal-access' | 'new-passrole';
  readonly target: EscalationTarget;
  /** For `service-role`: the service principal the passed role must trust. */
  readonly service?: string;
  /** Principal kinds the method applies to; absent: users and roles. */
  readonly principals?: readonly ('user' | 'role')[];
  /** EC2 launches take a role through an instance profile. */
  readonly needsInstanceProfile?: boolean;
  readonly steps: readonly EscalationStep[];
  /** pathfinding.cloud id or other source. */
  readonly source: string;
}

const on = (action: string): EscalationStep => ({ action, on: 'target' });
const create = (action: string): EscalationStep => ({ action, on: 'new' });
const passRole: EscalationStep = on('iam:PassRole');

function passRoleTo(
  id: string,
  title: string,
  service: string,
  actions: readonly string[],
  source: string,
  extra: Partial<EscalationMethod> = {},
): EscalationMethod {
  return {
    id,
    title,
    category: 'new-passrole',
    target: 'service-role',
    service,
    steps: [passRole, ...actions.map(create)],
    source,
    ...extra,
  };
}

/** Every method Pyjamas searches for. */
export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  {
    id: 'iam-put-user-policy',
    title: 'write an inline policy on itself',
    category: 'self-escalation',
    target: 'self',
    principals: ['user'],
    steps: [on('iam:PutUserPolicy')],
    source: 'pathfinding iam-007',
  },
  {
    id: 'iam-attach-user-policy',
    title: 'attach AdministratorAccess to itself',
    category: 'self-escalation',
    target: 'self',
    principals: ['user'],
    steps: [on('iam:AttachUserPolicy')],
    source: 'pathfinding iam-008',
  },
  {
    id: 'iam-put-role-policy',
    title: 'write an inline policy on its own role',
    category: 'self-escalation',
    target: 'self',
    principals: ['role'],
    steps: [on('iam:PutRolePolicy')],
    source: 'pathfinding iam-005',
  },
  {
    id: 'iam-attach-role-policy',
    title: 'attach AdministratorAccess to its own role',
    category: 'self-escalation',
    target: 'self',
    principals: ['role'],
    steps: [on('iam:AttachRolePolicy')],
    source: 'pathfinding iam-009',
  },
  {
    id: 'iam-put-group-policy',
    title: 'write an inline policy on its own group',
    category: 'self-escalation',
    target: 'own-group',
    principals: ['user'],
    steps: [on('iam:PutGroupPolicy')],
    source: 'pathfinding iam-011',
  },
  {
    id: 'iam-attach-group-policy',
    title: 'attach AdministratorAccess to its own group',
    category: 'self-escalation',
    target: 'own-group',
    principals: ['user'],
    steps: [on('iam:AttachGroupPolicy')],
    source: 'pathfinding iam-010',
  },
  {
    id: 'iam-create-policy-version',
    title: 'publish a new default version of a policy it holds',
    category: 'self-escalation',
    target: 'own-customer-policy',
    steps: [on('iam:CreatePolicyVersion')],
    source: 'pathfinding iam-001',
  },
  {
    id: 'iam-add-user-to-group',
    title: 'add itself to an administrator group',
    category: 'self-escalation',
    target: 'admin-group',
    principals: ['user'],
    steps: [on('iam:AddUserToGroup')],
    source: 'pathfinding iam-013',
  },
  {
    id: 'iam-create-role-attach-policy',
    title: 'create a role it trusts and attach AdministratorAccess',
    category: 'self-escalation',
    target: 'new-role',
    steps: [on('iam:CreateRole'), on('iam:AttachRolePolicy')],
    source: 'PMapper',
  },
  {
    id: 'iam-create-role-put-policy',
    title: 'create a role it trusts and write an inline policy on it',
    category: 'self-escalation',
    target: 'new-role',
    steps: [on('iam:CreateRole'), on('iam:PutRolePolicy')],
    source: 'PMapper',
  },
  {
    id: 'iam-delete-user-permissions-boundary',
    title: 'remove its own permissions boundary',
    category: 'self-escalation',
    target: 'own-boundary',
    principals: ['user'],
    steps: [on('iam:DeleteUserPermissionsBoundary')],
    source: 'Prowler IAM-022',
  },
  {
    id: 'iam-delete-role-permissions-boundary',
    title: 'remove its own role permissions boundary',
    category: 'self-escalation',
    target: 'own-boundary',
    principals: ['role'],
    steps: [on('iam:DeleteRolePermissionsBoundary')],
    source: 'Prowler IAM-023',
  },
  {
    id: 'iam-put-user-permissions-boundary',
    title: 'replace its own permissions boundary',
    category: 'self-escalation',
    target: 'own-boundary',
    principals: ['user'],
    steps: [on('iam:PutUserPermissionsBoundary')],
    source: 'Pyjamas',
  },
  {
    id: 'iam-put-role-permissions-boundary',
    title: 'replace its own role permissions boundary',
    category: 'self-escalation',
    target: 'own-boundary',
    principals: ['role'],
    steps: [on('iam:PutRolePermissionsBoundary')],
    source: 'Pyjamas',
  },
  {
    id: 'iam-create-access-key',
    title: 'create an access key for an administrator user',
    category: 'principal-access',
    target: 'admin-user',
    steps: [on('iam:CreateAccessKey')],
    source: 'pathfinding iam-002',
  },
  {
    id: 'iam-create-login-profile',
    title: 'set a console password for an administrator user',
    category: 'principal-access',
    target: 'admin-user',
    steps: [on('iam:CreateLoginProfile')],
    source: 'pathfinding iam-004',
  },
  {
    id: 'iam-update-login-profile',
    title: "change an administrator user's console password",
    category: 'principal-access',
    target: 'admin-user',
    steps: [on('iam:UpdateLoginProfile')],
    source: 'pathfinding iam-006',
  },
  {
    id: 'iam-attach-user-policy-create-access-key',
    title: 'make another user administrator and create a key for it',
    category: 'principal-access',
    target: 'user',
    steps: [on('iam:AttachUserPolicy'), on('iam:CreateAccessKey')],
    source: 'pathfinding iam-015',
  },
  {
    id: 'iam-put-user-policy-create-access-key',
    title: 'write a policy on another user and create a key for it',
    category: 'principal-access',
    target: 'user',
    steps: [on('iam:PutUserPolicy'), on('iam:CreateAccessKey')],
    source: 'pathfinding iam-018',
  },
  {
    id: 'sts-assume-role',
    title: 'assume an administrator role that trusts it',
    category: 'principal-access',
    target: 'assumable-admin-role',
    steps: [on('sts:AssumeRole')],
    source: 'pathfinding sts-001',
  },
  {
    id: 'iam-attach-role-policy-assume-role',
    title: 'attach AdministratorAccess to a role it can assume',
    category: 'principal-access',
    target: 'assumable-role',
    steps: [on('iam:AttachRolePolicy'), on('sts:AssumeRole')],
    source: 'pathfinding iam-014',
  },
  {
    id: 'iam-put-role-policy-assume-role',
    title: 'write a policy on a role it can assume',
    category: 'principal-access',
    target: 'assumable-role',
    steps: [on('iam:PutRolePolicy'), on('sts:AssumeRole')],
    source: 'pathfinding iam-017',
  },
  {
    id: 'iam-update-assume-role-policy',
    title: "rewrite an administrator role's trust policy to admit itself",
    category: 'principal-access',
    target: 'admin-role',
    steps: [on('iam:UpdateAssumeRolePolicy')],
    source: 'pathfinding iam-012',
  },
  {
    id: 'iam-attach-role-policy-update-assume-role-policy',
    title: 'make a role administrator and rewrite its trust policy',
    category: 'principal-access',
    target: 'role',
    steps: [on('iam:AttachRolePolicy'), on('iam:UpdateAssumeRolePolicy')],
    source: 'pathfinding iam-019',
  },
  {
    id: 'iam-put-role-policy-update-assume-role-policy',
    title: 'write a policy on a role and rewrite its trust policy',
    category: 'principal-access',
    target: 'role',
    steps: [on('iam:PutRolePolicy'), on('iam:UpdateAssumeRolePolicy')],
    source: 'pathfinding iam-021',
  },
  passRoleTo(
    'ec2-run-instances',
    'launch an EC2 instance with an administrator instance profile',
    'ec2.amazonaws.com',
    ['ec2:RunInstances'],
    'pathfinding ec2-001',
    { needsInstanceProfile: true },
  ),
  passRoleTo(
    'ec2-request-spot-instances',
    'request a Spot instance with an administrator instance profile',
    'ec2.amazonaws.com',
    ['ec2:RequestSpotInstances'],
    'pathfinding ec2-003',
    { needsInstanceProfile: true },
  ),
  passRoleTo(
    'autoscaling-launch-configuration',
    'launch instances with an administrator profile through Auto Scaling',
    'ec2.amazonaws.com',
    ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
    'PMapper',
    { needsInstanceProfile: true },
  ),
  passRoleTo(
    'lambda-create-function-invoke',
    'create a Lambda function with an administrator role and invoke it',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:InvokeFunction'],
    'pathfinding lambda-001',
  ),
  passRoleTo(
    'lambda-create-function-event-source',
    'create a Lambda function with an administrator role triggered by an event source',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    'pathfinding lambda-002',
  ),
  passRoleTo(
    'lambda-create-function-add-permission',
    'create a Lambda function with an administrator role and let itself invoke it',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:AddPermission'],
    'pathfinding lambda-006',
  ),
  passRoleTo(
    'glue-create-dev-endpoint',
    'create a Glue development endpoint with an administrator role',
    'glue.amazonaws.com',
    ['glue:CreateDevEndpoint'],
    'pathfinding glue-001',
  ),
  passRoleTo(
    'glue-create-job-start',
    'create and run a Glue job with an administrator role',
    'glue.amazonaws.com',
    ['glue:CreateJob', 'glue:StartJobRun'],
    'pathfinding glue-003',
  ),
  passRoleTo(
    'glue-create-job-trigger',
    'create a Glue job with an administrator role and a trigger',
    'glue.amazonaws.com',
    ['glue:CreateJob', 'glue:CreateTrigger'],
    'pathfinding glue-004',
  ),
  passRoleTo(
    'glue-create-session',
    'run statements in a Glue interactive session with an administrator role',
    'glue.amazonaws.com',
    ['glue:CreateSession', 'glue:RunStatement'],
    'Prowler GLUE-007',
  ),
  passRoleTo(
    'cloudformation-create-stack',
    'create a CloudFormation stack with an administrator service role',
    'cloudformation.amazonaws.com',
    ['cloudformation:CreateStack'],
    'pathfinding cloudformation-001',
  ),
  passRoleTo(
    'cloudformation-create-stack-set',
    'create a CloudFormation stack set with an administrator role',
    'cloudformation.amazonaws.com',
    ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    'pathfinding cloudformation-003',
  ),
  passRoleTo(
    'datapipeline-create-pipeline',
    'run a Data Pipeline with an administrator role',
    'datapipeline.amazonaws.com',
    [
      'datapipeline:CreatePipeline',
      'datapipeline:PutPipelineDefinition',
      'datapipeline:ActivatePipeline',
    ],
    'pathfinding datapipeline-001',
  ),
  passRoleTo(
    'codebuild-create-project-start-build',
    'create and start a CodeBuild project with an administrator role',
    'codebuild.amazonaws.com',
    ['codebuild:CreateProject', 'codebuild:StartBuild'],
    'pathfinding codebuild-001',
  ),
  passRoleTo(
    'codebuild-create-project-start-build-batch',
    'create a CodeBuild project with an administrator role and start a batch',
    'codebuild.amazonaws.com',
    ['codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    'pathfinding codebuild-004',
  ),
  passRoleTo(
    'sagemaker-create-notebook-instance',
    'create a SageMaker notebook with an administrator role',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreateNotebookInstance'],
    'pathfinding sagemaker-001',
  ),
  passRoleTo(
    'sagemaker-create-training-job',
    'run a SageMaker training job with an administrator role',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreateTrainingJob'],
    'pathfinding sagemaker-002',
  ),
  passRoleTo(
    'sagemaker-create-processing-job',
    'run a SageMaker processing job with an administrator role',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreateProcessingJob'],
    'pathfinding sagemaker-003',
  ),
  passRoleTo(
    'ecs-register-task-definition-run-task',
    'run an ECS task with an administrator task role',
    'ecs-tasks.amazonaws.com',
    ['ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    'pathfinding ecs-001',
  ),
  passRoleTo(
    'ecs-register-task-definition-start-task',
    'start an ECS task with an administrator task role',
    'ecs-tasks.amazonaws.com',
    ['ecs:RegisterTaskDefinition', 'ecs:StartTask'],
    'pathfinding ecs-002',
  ),
  passRoleTo(
    'ecs-register-task-definition-create-service',
    'create an ECS service with an administrator task role',
    'ecs-tasks.amazonaws.com',
    ['ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    'pathfinding ecs-003',
  ),
  passRoleTo(
    'batch-submit-job',
    'submit an AWS Batch job with an administrator job role',
    'ecs-tasks.amazonaws.com',
    ['batch:RegisterJobDefinition', 'batch:SubmitJob'],
    'Prowler BATCH-001',
  ),
  passRoleTo(
    'apprunner-create-service',
    'create an App Runner service with an administrator instance role',
    'tasks.apprunner.amazonaws.com',
    ['apprunner:CreateService'],
    'pathfinding apprunner-001',
  ),
  passRoleTo(
    'states-create-state-machine',
    'run a Step Functions state machine with an administrator role',
    'states.amazonaws.com',
    ['states:CreateStateMachine', 'states:StartExecution'],
    'Prowler STEPFUNCTIONS-001',
  ),
  passRoleTo(
    'scheduler-create-schedule',
    'schedule a task with an administrator role in EventBridge Scheduler',
    'scheduler.amazonaws.com',
    ['scheduler:CreateSchedule'],
    'Prowler SCHEDULER-001',
  ),
  passRoleTo(
    'ssm-start-automation-execution',
    'run an SSM Automation document with an administrator role',
    'ssm.amazonaws.com',
    ['ssm:CreateDocument', 'ssm:StartAutomationExecution'],
    'Prowler SSM-003',
  ),
];
