/**
 * Shared jest settings. Tests are TypeScript compiled by ts-jest without type checking (the
 * build and lint targets type-check); path aliases come from tsconfig.base.json.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: `${__dirname}/`,
  }),
  testMatch: ['<rootDir>/**/*.spec.ts'],
  clearMocks: true,
  reporters: ['default', `${__dirname}/tools/testing/totals-reporter.js`],
};
