module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'identity-contracts',
  rootDir: __dirname,
};
