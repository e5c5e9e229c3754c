import { driftOf, hasPriorState, type PlanDocument } from './drift';

/** A refresh-only plan as `terraform show -json` writes it, cut down to what drift reads. */
function plan(drift: PlanDocument['resource_drift']): PlanDocument {
  return {
    format_version: '1.2',
    resource_drift: drift,
    prior_state: { values: { root_module: { resources: [{}] } } },
    configuration: {
      provider_config: {
        aws: { expressions: { region: { constant_value: 'us-east-1' } } },
        'aws.eu-west-1': { expressions: { region: { constant_value: 'eu-west-1' } } },
      },
      root_module: {
        resources: [
          { address: 'aws_security_group.isolation', provider_config_key: 'aws.eu-west-1' },
          { address: 'aws_flow_log.vpc', provider_config_key: 'aws' },
        ],
      },
    },
  };
}

const group = {
  id: 'sg-0aaa',
  name: 'pyjamas-isolation',
  arn: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0aaa',
  ingress: [],
  tags: { 'pyjamas:component': 'isolation-security-group' },
};

describe('driftOf', () => {
  test('names each changed attribute with the deployed and the live value, and the region of its provider', () => {
    const rule = { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] };
    const [drifted, ...rest] = driftOf(
      plan([
        {
          address: 'aws_security_group.isolation',
          mode: 'managed',
          type: 'aws_security_group',
          change: { actions: ['update'], before: group, after: { ...group, ingress: [rule] } },
        },
      ]),
    );
    expect(rest).toEqual([]);
    expect(drifted).toEqual({
      address: 'aws_security_group.isolation',
      type: 'aws_security_group',
      change: 'changed',
      region: 'eu-west-1',
      identifiers: ['sg-0aaa', 'pyjamas-isolation', group.arn],
      attributes: [{ path: 'ingress', expected: [], actual: [rule] }],
    });
  });

  test('reports a resource deleted outside Terraform as deleted, without attributes', () => {
    const [drifted] = driftOf(
      plan([
        {
          address: 'aws_flow_log.vpc',
          type: 'aws_flow_log',
          change: { actions: ['delete'], before: { id: 'fl-0bbb' }, after: null },
        },
      ]),
    );
    expect(drifted).toMatchObject({
      change: 'deleted',
      region: 'us-east-1',
      identifiers: ['fl-0bbb'],
      attributes: [],
    });
  });

  test('follows nested maps to the attribute that changed', () => {
    const [drifted] = driftOf(
      plan([
        {
          address: 'aws_security_group.isolation',
          type: 'aws_security_group',
          change: {
            actions: ['update'],
            before: group,
            after: { ...group, tags: { 'pyjamas:component': 'something-else' } },
          },
        },
      ]),
    );
    expect(drifted?.attributes).toEqual([
      {
        path: 'tags.pyjamas:component',
        expected: 'isolation-security-group',
        actual: 'something-else',
      },
    ]);
  });

  test('never prints a value Terraform marks sensitive', () => {
    const [drifted] = driftOf(
      plan([
        {
          address: 'aws_iam_access_key.ci',
          type: 'aws_iam_access_key',
          change: {
            actions: ['update'],
            before: { id: 'AKIA1', secret: 'old' },
            after: { id: 'AKIA1', secret: 'new' },
            before_sensitive: { secret: true },
            after_sensitive: { secret: true },
          },
        },
      ]),
    );
    expect(drifted?.attributes).toEqual([
      { path: 'secret', expected: '(sensitive)', actual: '(sensitive)' },
    ]);
  });

  test.each([
    ['absent and null', { id: 'x' }, { id: 'x', description: null }],
    ['an empty list and null', { id: 'x', egress: [] }, { id: 'x', egress: null }],
    ['an empty map and absent', { id: 'x', tags: {} }, { id: 'x' }],
  ])('does not count %s as a change', (_, before, after) => {
    const drifted = driftOf(
      plan([
        {
          address: 'aws_security_group.isolation',
          type: 'aws_security_group',
          change: { actions: ['update'], before, after },
        },
      ]),
    );
    expect(drifted).toEqual([]);
  });

  test('ignores attributes the configuration leaves to AWS, such as a role echoing its policies', () => {
    const document = plan([
      {
        address: 'aws_iam_role.quarantine',
        type: 'aws_iam_role',
        change: {
          actions: ['update'],
          before: { id: 'q', inline_policy: [], max_session_duration: 3600 },
          after: { id: 'q', inline_policy: [{ name: 'deny-all' }], max_session_duration: 43200 },
        },
      },
    ]);
    const resources = document.configuration?.root_module?.resources ?? [];
    const declared = {
      ...document,
      configuration: {
        ...document.configuration,
        root_module: {
          resources: [
            ...resources,
            {
              address: 'aws_iam_role.quarantine',
              expressions: { name: { constant_value: 'q' }, max_session_duration: {} },
            },
          ],
        },
      },
    };
    expect(driftOf(declared)[0]?.attributes).toEqual([
      { path: 'max_session_duration', expected: 3600, actual: 43200 },
    ]);
  });

  test('looks inside declared nested blocks only at what they declare, and equates empty values at any depth', () => {
    const before = {
      id: 'f',
      metric_transformation: [{ name: 'm', dimensions: null, unit: 'None' }],
      rule: [{ sse: 'AES256', bucket_key_enabled: null }],
    };
    const after = {
      id: 'f',
      metric_transformation: [{ name: 'm', dimensions: {}, unit: 'None' }],
      rule: [{ sse: 'AES256', bucket_key_enabled: false }],
    };
    const document: PlanDocument = {
      ...plan([
        { address: 'aws_x.f', type: 'aws_x', change: { actions: ['update'], before, after } },
      ]),
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_x.f',
              expressions: {
                metric_transformation: [{ name: {}, dimensions: {}, unit: {} }],
                rule: [{ sse: {} }],
              },
            },
          ],
        },
      },
    };
    expect(driftOf(document)).toEqual([]);
  });

  test('ignores no-op entries and data sources', () => {
    expect(
      driftOf(
        plan([
          {
            address: 'aws_flow_log.vpc',
            type: 'aws_flow_log',
            change: { actions: ['no-op'], before: { id: 'a' }, after: { id: 'a' } },
          },
          {
            address: 'data.aws_vpc.default',
            mode: 'data',
            type: 'aws_vpc',
            change: { actions: ['update'], before: { id: 'a' }, after: { id: 'b' } },
          },
        ]),
      ),
    ).toEqual([]);
  });

  test('finds nothing in a plan without drift', () => {
    expect(driftOf(plan(undefined))).toEqual([]);
  });
});

describe('hasPriorState', () => {
  test('is true when the state holds resources, in the root or a child module', () => {
    expect(hasPriorState(plan([]))).toBe(true);
    expect(
      hasPriorState({
        prior_state: { values: { root_module: { child_modules: [{ resources: [{}] }] } } },
      }),
    ).toBe(true);
  });

  test('is false for a stack that was never applied', () => {
    expect(hasPriorState({ format_version: '1.2' })).toBe(false);
    expect(hasPriorState({ prior_state: { values: { root_module: {} } } })).toBe(false);
  });
});
