import { readFileSync } from 'node:fs';
import { ConfigError } from '@identity-bus/service-kit';

import { checkPolicy } from './check-policy';
import { PolicyDocument } from './policy-document';

/**
 * Reads and checks the policy file at start. Any problem stops the start with a ConfigError
 * that names the setting, the file, and where in the file the problem is.
 */
export function readPolicyFile(file: string): PolicyDocument {
  const policy = parse(file, read(file));
  const problems = checkPolicy(policy);
  if (problems.length > 0) throw invalid(file, problems);
  return policy as PolicyDocument;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw invalid(file, [`the file cannot be read (${reason})`]);
  }
}

function parse(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(file, [`the file is not JSON (${(error as Error).message})`]);
  }
}

function invalid(file: string, problems: string[]): ConfigError {
  return new ConfigError(problems.map((problem) => `AUTHZ_POLICY_FILE (${file}): ${problem}`));
}
