module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'kafka-tool',
  rootDir: __dirname,
  globalSetup: require.resolve('../testing/ensure-kafka.js'),
  // Every test here talks to a real broker: a consumer group takes seconds to form, not millis.
  testTimeout: 20_000,
};
