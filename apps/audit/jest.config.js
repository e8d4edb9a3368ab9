module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'audit',
  rootDir: __dirname,
  // The app's tests talk to a real broker and a real database: a consumer group takes seconds.
  testTimeout: 30_000,
};
