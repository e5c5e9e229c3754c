import { parseFilterPattern } from './filter-pattern';

const record = {
  eventName: 'ConsoleLogin',
  errorCode: 'Client.UnauthorizedOperation',
  userIdentity: { type: 'Root' },
  additionalEventData: { MFAUsed: 'No' },
};

describe('parseFilterPattern', () => {
  test('matches quoted and bare values, with wildcards', () => {
    expect(parseFilterPattern('{ $.eventName = "ConsoleLogin" }').matches(record)).toBe(true);
    expect(parseFilterPattern('{$.eventName=ConsoleLogin}').matches(record)).toBe(true);
    expect(parseFilterPattern('{ $.errorCode = "*UnauthorizedOperation" }').matches(record)).toBe(
      true,
    );
    expect(parseFilterPattern('{ $.errorCode = "AccessDenied*" }').matches(record)).toBe(false);
  });

  test('gives && precedence over || and honours parentheses', () => {
    const pattern =
      '{ $.eventName = X || $.eventName = ConsoleLogin && $.userIdentity.type = IAMUser }';
    expect(parseFilterPattern(pattern).matches(record)).toBe(false);
    expect(
      parseFilterPattern(
        '{ ($.eventName = X || $.eventName = ConsoleLogin) && $.userIdentity.type = Root }',
      ).matches(record),
    ).toBe(true);
  });

  test('treats a comparison on an absent field as no match, != included', () => {
    expect(parseFilterPattern('{ $.eventType != "AwsServiceEvent" }').matches(record)).toBe(false);
    expect(parseFilterPattern('{ $.userIdentity.invokedBy NOT EXISTS }').matches(record)).toBe(
      true,
    );
  });

  test('refuses space-delimited patterns and regular expressions rather than guessing', () => {
    expect(() => parseFilterPattern('ConsoleLogin Failed')).toThrow(/only JSON patterns/);
    expect(() => parseFilterPattern('{ $.eventName = %Console.*% }')).toThrow(
      /regular expressions/,
    );
    expect(() => parseFilterPattern('{ $.eventName = "x" ')).toThrow(/ends early/);
  });
});
