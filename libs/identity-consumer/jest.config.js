module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'identity-consumer',
  rootDir: __dirname,
};
