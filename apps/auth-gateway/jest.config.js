module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'auth-gateway',
  rootDir: __dirname,
  // Its integration tests need the real broker; this starts it unless it runs already.
  globalSetup: require.resolve('../../tools/testing/ensure-kafka.js'),
};
