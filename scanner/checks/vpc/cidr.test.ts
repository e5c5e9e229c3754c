import { cidrWithin, parseCidr } from './cidr';

describe('cidrWithin', () => {
  test.each([
    ['10.1.2.0/24', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.1.0.0/16', true],
    ['10.0.0.0/8', '10.1.0.0/16', false],
    ['0.0.0.0/0', '10.1.0.0/16', false],
    ['10.2.0.0/24', '10.1.0.0/16', false],
    ['2600:1f18:aa:bb00::/64', '2600:1f18:aa:bb00::/56', true],
    ['2600:1f18::/32', '2600:1f18:aa:bb00::/56', false],
    ['::/0', '2600:1f18:aa:bb00::/56', false],
    ['10.1.0.0/24', '2600:1f18::/32', false],
  ])('%s within %s: %s', (inner, outer, expected) => {
    expect(cidrWithin(inner, outer)).toBe(expected);
  });

  test.each(['10.1.0/24', '10.1.0.0/33', '10.1.0.256/24', '1::2::3/64', 'x/8', '10.0.0.0'])(
    'parses %s as no CIDR',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});
