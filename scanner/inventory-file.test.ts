import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventoryOf } from '../test/fixtures/inventory';
import { loadInventory, parseInventory, saveInventory } from './inventory-file';

describe('inventory files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyjamas-inventory-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('round-trip through save and load unchanged', async () => {
    const inventory = inventoryOf({
      global: { passwordPolicy: null },
      regional: { 'eu-west-1': { vpcs: [] } },
    });
    await saveInventory(join(dir, 'inv.json'), inventory);
    await expect(loadInventory(join(dir, 'inv.json'))).resolves.toEqual(inventory);
  });

  test('a missing file is named in the error', async () => {
    await expect(loadInventory(join(dir, 'nope.json'))).rejects.toThrow(
      /cannot read inventory .*nope\.json/,
    );
  });

  test('a truncated file is reported as corrupt', async () => {
    await writeFile(join(dir, 'cut.json'), JSON.stringify(inventoryOf()).slice(0, 40));
    await expect(loadInventory(join(dir, 'cut.json'))).rejects.toThrow(
      /is not valid JSON .* truncated or corrupt/,
    );
  });

  test.each([
    ['another JSON document', '{"hello":1}', /is not a Pyjamas inventory/],
    [
      'a newer version',
      JSON.stringify({ ...inventoryOf(), version: 2 }),
      /has version 2, but this Pyjamas reads version 1/,
    ],
    [
      'a damaged structure',
      JSON.stringify({ ...inventoryOf(), regions: 'us-east-1', global: { vpcs: [] } }),
      /damaged: "regions" must be a list.*"global\.vpcs" is a regional slice/,
    ],
    [
      'a slice name this version does not know',
      JSON.stringify({ ...inventoryOf(), global: { bogus: { ok: true, data: [] } } }),
      /"global\.bogus" is not a slice this Pyjamas knows; save it again with --save-inventory/,
    ],
    [
      'a result with neither data nor error',
      JSON.stringify({ ...inventoryOf(), regional: { 'eu-west-1': { vpcs: { ok: true } } } }),
      /"regional\.eu-west-1\.vpcs" must be \{ "ok": true, "data": … \}/,
    ],
    [
      'a failure without its api, region, name and message',
      JSON.stringify({
        ...inventoryOf(),
        regional: { 'eu-west-1': { vpcs: { ok: false, error: { name: 'AccessDenied' } } } },
      }),
      /"regional\.eu-west-1\.vpcs" must be/,
    ],
    [
      'a region key that is not a region',
      JSON.stringify({ ...inventoryOf(), regional: { '../x': {} } }),
      /"regional\.\.\.\/x" is not a region name/,
    ],
  ])('rejects %s with a clear message', (_, text, message) => {
    expect(() => parseInventory(text, 'x.json')).toThrow(message);
  });
});
