import { randomBytes } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import {
  IdentityTopics,
  KafkaConfig,
  readIdentityTopics,
  readKafkaConfig,
} from '@identity-bus/kafka-bus';
import { EnvReader } from '@identity-bus/service-kit';

/** Everything authz reads from the environment, once, at start. */
export interface AuthzConfig {
  port: number;
  host: string;
  kafka: KafkaConfig;
  topics: IdentityTopics;
  groupId: string;
  /** An absolute path to the policy file. */
  policyFile: string;
  /** Backoff for events whose handling failed for a passing reason. */
  retry: { initialMs: number; maxMs: number };
}

/**
 * The shipped policy, next to this app's project.json. The path is relative to this file, not
 * to the working directory: from source `src/app/` is two levels below `apps/authz/`, and the
 * build copies the file to the same place relative to the compiled `src/app/`.
 */
export const DEFAULT_POLICY_FILE = join(__dirname, '..', '..', 'policies.json');

/**
 * Reads and checks authz's settings; throws a ConfigError naming every bad one.
 *
 * The consumer group is unique per replica unless AUTHZ_GROUP_ID says otherwise. Every replica
 * must hold the whole registry, and replicas sharing a group would split the partitions between
 * them, each seeing only some users. A group of one, reading from the beginning, rebuilds the
 * full registry from the topic at every start.
 */
export function readAuthzConfig(environment = process.env): Readonly<AuthzConfig> {
  const env = new EnvReader(environment);
  const config: AuthzConfig = {
    port: env.int('AUTHZ_PORT', 3001, { min: 0, max: 65535 }),
    host: env.string('AUTHZ_HOST', '127.0.0.1'),
    kafka: readKafkaConfig(env, 'identity-bus-authz'),
    topics: readIdentityTopics(env),
    groupId: env.string('AUTHZ_GROUP_ID', `identity-bus-authz-${instanceId()}`),
    policyFile: policyFile(env.optional('AUTHZ_POLICY_FILE')),
    retry: readRetry(env),
  };
  return env.done(config);
}

function readRetry(env: EnvReader): AuthzConfig['retry'] {
  const initialMs = env.int('AUTHZ_RETRY_INITIAL_MS', 500, { min: 10, max: 60_000 });
  const maxMs = env.int('AUTHZ_RETRY_MAX_MS', 30_000, { min: 10, max: 600_000 });
  if (maxMs < initialMs) {
    env.problem(
      `AUTHZ_RETRY_MAX_MS (${maxMs}) must not be less than AUTHZ_RETRY_INITIAL_MS (${initialMs})`,
    );
  }
  return { initialMs, maxMs };
}

/** A relative AUTHZ_POLICY_FILE is taken from the working directory, as a shell user expects. */
function policyFile(setting: string | undefined): string {
  if (setting === undefined) return DEFAULT_POLICY_FILE;
  return isAbsolute(setting) ? setting : resolve(process.cwd(), setting);
}

function instanceId(): string {
  return randomBytes(6).toString('hex');
}
