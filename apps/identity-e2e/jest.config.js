module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'identity-e2e',
  rootDir: __dirname,
  globalSetup: require.resolve('../../tools/testing/ensure-kafka.js'),
  testTimeout: 120_000,
};
