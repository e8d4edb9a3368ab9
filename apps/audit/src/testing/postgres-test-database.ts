import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const VARIABLE = 'AUDIT_TEST_DATABASE_URL';
const HOW_TO =
  'start one with `node tools/postgres/postgres.mjs start` and set ' +
  `${VARIABLE} to the URL it prints`;

/**
 * The PostgreSQL server a suite runs against, named by AUDIT_TEST_DATABASE_URL. Each call of
 * `freshSchema` makes an empty schema and a URL whose connections use it, so runs and tests
 * never see each other's rows; `dropSchemas` removes them at the end.
 */
export class PostgresTestDatabase {
  private readonly schemas: string[] = [];

  constructor(readonly url: string) {}

  async freshSchema(): Promise<string> {
    const schema = `audit_test_${randomBytes(6).toString('hex')}`;
    await this.run(`CREATE SCHEMA ${schema}`);
    this.schemas.push(schema);
    const url = new URL(this.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  }

  async dropSchemas(): Promise<void> {
    const schemas = this.schemas.splice(0);
    if (schemas.length > 0) await this.run(`DROP SCHEMA ${schemas.join(', ')} CASCADE`);
  }

  /** Runs one statement on a connection of its own; the rows it returned. */
  async run(sql: string): Promise<Record<string, unknown>[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
}

/**
 * Declares a suite that needs PostgreSQL. Without AUDIT_TEST_DATABASE_URL it fails under CI,
 * where a skipped database suite would pass unnoticed, and is skipped with a warning elsewhere.
 */
export function describeWithPostgres(
  name: string,
  suite: (database: PostgresTestDatabase) => void,
): void {
  const url = process.env[VARIABLE]?.trim();
  if (url) {
    describe(name, () => suite(new PostgresTestDatabase(url)));
  } else if (isCi(process.env.CI)) {
    describe(name, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error(`${VARIABLE} is not set, and CI must test PostgreSQL: ${HOW_TO}.`);
      });
    });
  } else {
    console.warn(`SKIPPED "${name}": ${VARIABLE} is not set; to run it, ${HOW_TO}.`);
    describe.skip(name, () => suite(new PostgresTestDatabase('postgres://unset')));
  }
}

function isCi(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false'].includes(value.trim().toLowerCase());
}
