module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'audit',
  rootDir: __dirname,
  // The app's tests need the real broker; this starts it unless it runs already.
  globalSetup: require.resolve('../../tools/testing/ensure-kafka.js'),
  // A consumer group takes seconds to form, not millis.
  testTimeout: 30_000,
};
