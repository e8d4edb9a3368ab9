import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@identity-bus/service-kit';

import { DEFAULT_POLICY_FILE } from '../authz.config';
import { readPolicyFile } from './read-policy-file';

describe('readPolicyFile', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'authz-policy-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function fileWith(name: string, content: unknown): string {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  function problemsOf(file: string): unknown {
    try {
      readPolicyFile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return { code: (error as ConfigError).code, problems: (error as ConfigError).problems };
    }
    throw new Error(`${file} was accepted`);
  }

  function problemsOfRule(rule: unknown): unknown {
    return problemsOf(fileWith('rule.json', { roles: { editor: [rule] } }));
  }

  it('reads the shipped policy', () => {
    expect(Object.keys(readPolicyFile(DEFAULT_POLICY_FILE).roles)).toEqual([
      'user',
      'editor',
      'admin',
    ]);
  });

  it('names the setting and the file when the file cannot be read', () => {
    const file = join(dir, 'missing.json');

    expect(() => readPolicyFile(file)).toThrow(
      `Invalid configuration: AUTHZ_POLICY_FILE (${file}): the file cannot be read (ENOENT)`,
    );
  });

  it('refuses a file that is not JSON', () => {
    const file = fileWith('broken.json', '{ "roles": ');

    expect(problemsOf(file)).toEqual({
      code: 'CONFIG_INVALID',
      problems: [expect.stringMatching(/^AUTHZ_POLICY_FILE \(.+\): the file is not JSON \(/)],
    });
  });

  it('names every problem of shape with its path in the file', () => {
    const file = fileWith('shape.json', {
      role: {},
      roles: { user: {}, editor: [{ action: 'edit' }, 'read'] },
    });

    expect(problemsOf(file)).toEqual({
      code: 'CONFIG_INVALID',
      problems: [
        `AUTHZ_POLICY_FILE (${file}): role is not a policy setting (expected roles)`,
        `AUTHZ_POLICY_FILE (${file}): roles.user must be a list of rules`,
        `AUTHZ_POLICY_FILE (${file}): roles.editor[0].subject must be a name or a non-empty ` +
          'list of names (matching /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/)',
        `AUTHZ_POLICY_FILE (${file}): roles.editor[1] must be an object`,
      ],
    });
  });

  it('refuses a misspelt rule setting', () => {
    const rule = { action: 'edit', subject: 'document', condition: { tenant_id: 'a' } };

    expect(problemsOfRule(rule)).toMatchObject({
      problems: [
        expect.stringMatching(
          /: roles\.editor\[0\]\.condition is not a rule setting \(expected action, subject, /,
        ),
      ],
    });
  });

  it.each([
    [{ $or: [{ tenant_id: 'a' }] }, 'roles.editor[0].conditions has $or where a resource '],
    [{ tenant_id: { $where: 'true' } }, 'roles.editor[0].conditions.tenant_id.$where is not an '],
    [{ tenant_id: 'tenant-${claims.tenant_id}' }, 'must be a single placeholder such as '],
    [{ tenant_id: '${claims.tenant id}' }, 'must be a single placeholder such as '],
    [{ tenant_id: '${password}' }, 'must be a single placeholder such as '],
    [{ name: { $regex: '${username}' } }, 'conditions.name.$regex may not hold a placeholder'],
    [{ tags: { $in: ['a', '${claims.tag}'] } }, 'conditions.tags.$in may not hold a placeholder'],
    [{ tenant_id: { $in: 'abc' } }, 'are not a valid CASL query ("in" expects value to be an '],
    [{ name: { $regex: '[' } }, 'are not a valid CASL query (Invalid regular expression'],
  ])('refuses the conditions %j', (conditions, problem) => {
    const rule = { action: 'edit', subject: 'document', conditions };

    expect(problemsOfRule(rule)).toEqual({
      code: 'CONFIG_INVALID',
      problems: [expect.stringContaining(problem)],
    });
  });

  it('accepts placeholders wherever a value is compared', () => {
    const conditions = {
      owner: '${userId}',
      tenant_id: { $eq: '${claims.tenant_id}' },
      level: { $lte: '${claims.clearance}', $gte: 0 },
      team: { $in: '${claims.teams}' },
      tags: { $elemMatch: { $eq: '${claims.tag}' } },
    };
    const file = fileWith('placeholders.json', {
      roles: { user: [{ action: ['read', 'edit'], subject: 'document', conditions }] },
    });

    expect(readPolicyFile(file).roles.user[0].conditions).toEqual(conditions);
  });
});
