module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'kafka-bus',
  rootDir: __dirname,
};
