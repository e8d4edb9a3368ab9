module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'dev-idp',
  rootDir: __dirname,
  testTimeout: 90_000,
};
